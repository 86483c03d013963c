"""Answer, sources, article and context -> rich renderables: one panel per cited passage, highlight in bold."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.answer import NOT_ANSWERED, Answer, CitedPassage
from bot.sources import ArticleView, ContextView, SourceInfo
from index.articles import format_date


def passage_text(cited: CitedPassage) -> Text:
    """The passage with its best sentence highlighted; all text is literal (no markup parsed)."""
    start, end = cited.highlight
    body = cited.passage.text
    text = Text(body[:start])
    text.append(body[start:end], style="bold")
    text.append(body[end:])
    return text


def citation_line(cited: CitedPassage) -> Text:
    passage = cited.passage
    line = Text("— ", style="dim")
    line.append(passage.cited_outlet, style="bold cyan")
    when = format_date(passage.date)
    if when:
        line.append(f", {when}", style="cyan")
    if passage.headline:
        line.append(f" · {passage.headline}", style="italic")
    if cited.also_reported_by:
        line.append("\nReported by: " + ", ".join((passage.cited_outlet, *cited.also_reported_by)), style="green")
    if cited.variants:
        line.append("\nOther reports give other figures:", style="yellow")
    for outlet, variant in cited.variants:
        line.append(f"\n  {outlet}: ", style="yellow")
        line.append(variant)
    return line


def passage_panel(cited: CitedPassage) -> Panel:
    return Panel(
        Group(passage_text(cited), Text(""), citation_line(cited)),
        title=Text(f"{cited.rank}"),
        title_align="left",
        subtitle=Text(f"score {cited.score:.3f}", style="dim"),
        subtitle_align="right",
        border_style="blue" if cited.rank == 1 else "bright_black",
    )


def render_terminal(answer: Answer) -> RenderableType:
    """Everything the terminal shows for one answer."""
    parts: list[RenderableType] = [Text(note, style="yellow") for note in answer.notes]
    if not answer.passages and not answer.notes:
        parts.append(Text("No passage matches this question.", style="yellow"))
    elif answer.passages and not answer.answered:
        parts.append(Text(f"{NOT_ANSWERED} The closest passages, as related reading:", style="yellow"))
    parts.extend(passage_panel(cited) for cited in answer.passages)
    return Group(*parts)


def render_sources_terminal(sources: list[SourceInfo]) -> RenderableType:
    """A numbered table of the indexed articles."""
    table = Table(title="Articles", title_justify="left", expand=False)
    for column in ("#", "outlet", "date", "headline", "passages"):
        table.add_column(column, justify="right" if column in ("#", "passages") else "left")
    for source in sources:
        table.add_row(
            str(source.number),
            Text(source.outlet),
            format_date(source.date),
            Text(source.headline or "(no headline)"),
            str(source.passage_count),
        )
    return table


def heading(outlet: str, date: str, headline: str, url: str) -> Text:
    text = Text(headline or "(no headline)", style="bold")
    text.append("\n— ", style="dim")
    text.append(outlet, style="bold cyan")
    when = format_date(date)
    if when:
        text.append(f", {when}", style="cyan")
    if url:
        text.append(f"\n{url}", style="dim")
    return text


def render_article_terminal(view: ArticleView) -> RenderableType:
    paragraphs = [Text(paragraph) for paragraph in view.paragraphs]
    return Group(heading(view.outlet, view.date, view.headline, view.url), Text(""), *paragraphs)


def render_context_terminal(view: ContextView) -> RenderableType:
    """The passage in bold between the article text just before and after it (dimmed)."""
    p = view.passage
    body = Text()
    if view.before:
        body.append(f"…{view.before}\n", style="dim")
    body.append(p.text, style="bold")
    if view.after:
        body.append(f"\n{view.after}…", style="dim")
    return Group(heading(p.cited_outlet, p.date, p.headline, p.url), Text(""), body)
