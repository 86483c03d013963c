"""Answer -> rich renderables for the terminal: one panel per cited passage, highlight in bold."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from bot.answer import NOT_ANSWERED, Answer, CitedPassage
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
    if not answer.passages:
        parts.append(Text("No passage matches this question.", style="yellow"))
    elif not answer.answered:
        parts.append(Text(f"{NOT_ANSWERED} The closest passages, as related reading:", style="yellow"))
    parts.extend(passage_panel(cited) for cited in answer.passages)
    return Group(*parts)
