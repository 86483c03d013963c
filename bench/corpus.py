"""Deterministic synthetic news-like corpus: articles with outlets, dates, quotes and a Zipfian vocabulary."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WORD = re.compile(r"[A-Za-z]{2,}")
OUTLETS = (
    "Harbour Herald",
    "Money Daily",
    "The Northern Post",
    "Capital Courier",
    "Evening Ledger",
    "Coastal Times",
    "The Valley Star",
    "Metro Gazette",
    "Continental Review",
    "The River Chronicle",
    "Island Observer",
    "Mountain Tribune",
)
FIRST = (
    "Anna",
    "Marek",
    "Lena",
    "Tomas",
    "Ines",
    "Karim",
    "Sofia",
    "Jonas",
    "Maya",
    "Pavel",
    "Elena",
    "Omar",
    "Clara",
    "Viktor",
    "Nadia",
    "Hugo",
    "Irene",
    "Felix",
    "Rosa",
    "Daniel",
)
LAST = (
    "Novak",
    "Fischer",
    "Moreau",
    "Kowalski",
    "Silva",
    "Haddad",
    "Lindqvist",
    "Rossi",
    "Petrov",
    "Okafor",
    "Brennan",
    "Dubois",
    "Varga",
    "Jensen",
    "Costa",
    "Meyer",
    "Horvat",
    "Quinn",
    "Navarro",
    "Sato",
)
ROLES = (
    "minister of finance",
    "mayor",
    "spokesperson",
    "chief executive",
    "union leader",
    "foreign minister",
    "police chief",
    "health commissioner",
    "central bank governor",
    "opposition leader",
    "coach",
    "judge",
)
PLACES = (
    "Harbour City",
    "Northfield",
    "Eastbridge",
    "Port Alden",
    "Lakeside",
    "Westmoor",
    "Granton",
    "Silverton",
    "Redcliff",
    "Ashford",
    "Marlow Bay",
    "Kingsreach",
    "Brightwater",
    "Oakvale",
)
ORGS = (
    "the national bank",
    "the city council",
    "the transport authority",
    "the football federation",
    "the health ministry",
    "the energy regulator",
    "the workers' union",
    "the supreme court",
    "the port company",
    "the university hospital",
    "the climate agency",
    "the defence ministry",
)
TOPICS = (
    "interest rates",
    "the new bridge",
    "rail fares",
    "the hospital strike",
    "water prices",
    "the election",
    "the trade agreement",
    "wildfire damage",
    "the housing plan",
    "fishing quotas",
    "the stadium project",
    "school funding",
    "the ceasefire talks",
    "power outages",
    "the budget deficit",
    "flood defences",
)
VERBS = (
    "approved",
    "rejected",
    "postponed",
    "announced",
    "criticised",
    "defended",
    "investigated",
    "expanded",
    "cut",
    "doubled",
    "reviewed",
    "suspended",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SYLLABLES = (
    "ka",
    "lo",
    "mer",
    "tin",
    "sa",
    "ve",
    "ron",
    "da",
    "pel",
    "qui",
    "bra",
    "nor",
    "ost",
    "li",
    "gan",
    "tre",
    "mu",
    "fal",
    "zen",
    "cor",
    "ith",
    "pra",
    "dol",
    "ves",
)


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article with the metadata a real one carries."""

    name: str
    text: str
    outlet: str
    headline: str
    date: str
    url: str


class NewsWriter:
    """Writes article after article from one seed; the same seed always gives the same corpus.

    Filler words follow the word frequencies of the seed articles (real English, so the model's tokenizer sees
    news-like text), with one word in twenty an invented name (so the vocabulary keeps growing with the corpus).
    """

    def __init__(self, seed: int = 0, names: int = 50_000) -> None:
        self.rng = random.Random(seed)
        counts = Counter(w.lower() for p in sorted(SEEDS.glob("*.txt")) for w in WORD.findall(p.read_text("utf-8")))
        self.words = sorted(counts, key=lambda w: (-counts[w], w))
        self.cumulative = list(itertools.accumulate(counts[w] for w in self.words))
        self.names = [self._name(i) for i in range(names)]

    def _name(self, number: int) -> str:
        parts, value = [], number
        for _ in range(2 + number % 2):
            parts.append(SYLLABLES[value % len(SYLLABLES)])
            value //= len(SYLLABLES)
        return "".join(parts).capitalize()

    def _filler(self, count: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return " ".join(self.rng.choice(self.names) if self.rng.random() < 0.05 else w for w in words)

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"


    def sentence(self) -> str:
        r = self.rng
        templates = (
            lambda: (
                f"{self._person()}, the {r.choice(ROLES)} of {r.choice(PLACES)}, said on {r.choice(WEEKDAYS)} "
                f"that {r.choice(ORGS)} had {r.choice(VERBS)} plans on {r.choice(TOPICS)} "
                f"{self._filler(r.randint(3, 9))}."
            ),
            lambda: (
                f"“We will not accept {r.choice(TOPICS)} as it stands,” {self._person()} told reporters in "
                f"{r.choice(PLACES)}, adding that {self._filler(r.randint(4, 10))}."
            ),
            lambda: (
                f"The decision affects {r.randint(2, 900)} {r.choice(('thousand', 'million'))} people and costs "
                f"{r.randint(1, 95)} million euros, according to {r.choice(ORGS)}."
            ),
            lambda: (
                f"Critics in {r.choice(PLACES)} {r.choice(VERBS)} the move, saying {self._filler(r.randint(6, 14))}."
            ),
            lambda: (
                f"Officials expect {r.choice(TOPICS)} to dominate the {r.choice(WEEKDAYS)} session of "
                f"{r.choice(ORGS)}, where {self._filler(r.randint(4, 12))}."
            ),
        )
        return r.choice(templates)()

    def article(self, number: int) -> SyntheticArticle:
        r = self.rng
        topic, place = r.choice(TOPICS), r.choice(PLACES)
        headline = f"{place}: {r.choice(ORGS).removeprefix('the ').capitalize()} {r.choice(VERBS)} {topic}"
        paragraphs = [" ".join(self.sentence() for _ in range(r.randint(1, 4))) for _ in range(r.randint(6, 14))]
        day = dt.date(2025, 1, 1) + dt.timedelta(days=r.randint(0, 400))
        outlet = r.choice(OUTLETS)
        slug = f"synthetic-{number:07d}"
        url = f"https://news.example/{outlet.lower().replace(' ', '-')}/{slug}"
        return SyntheticArticle(f"{slug}.txt", "\n\n".join(paragraphs) + "\n", outlet, headline, day.isoformat(), url)


def articles_for(passages: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    """Articles until about `passages` passages (at ~80 words a passage with the default chunking)."""
    writer = NewsWriter(seed)
    words, number = 0, 0
    while words < passages * 80:
        article = writer.article(number)
        words += len(article.text.split())
        number += 1
        yield article


def toml_entry(article: SyntheticArticle) -> str:
    return (
        f'["{article.name}"]\noutlet = "{article.outlet}"\noutlet_confidence = "stated"\n'
        f'headline = {json.dumps(article.headline, ensure_ascii=False)}\ndate = "{article.date}"\n'
        f'url = "{article.url}"\n'
    )


def write_folder(folder: Path, passages: int, seed: int = 0) -> int:
    """An articles folder (one .txt per article + articles.toml); returns the article count."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for article in articles_for(passages, seed):
        (folder / article.name).write_text(article.text, encoding="utf-8")
        entries.append(toml_entry(article))
    (folder / "articles.toml").write_text("\n".join(entries), encoding="utf-8")
    return len(entries)


def write_jsonl(path: Path, passages: int, seed: int = 0) -> int:
    """The same corpus as `newsbot add` JSONL: one {text, outlet, headline, date, url} per line."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in articles_for(passages, seed):
            record = {k: getattr(article, k) for k in ("text", "outlet", "headline", "date", "url")}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path, help="folder to write (or FILE.jsonl with --jsonl)")
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jsonl", action="store_true")
    args = parser.parse_args()
    writer = write_jsonl if args.jsonl else write_folder
    count = writer(args.target, args.passages, args.seed)
    print(f"wrote {count} articles (~{args.passages} passages) to {args.target}", file=sys.stderr)


if __name__ == "__main__":
    main()
