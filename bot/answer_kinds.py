"""What kind of answer a question asks for (money, a time of day, a length of time, an age, a number) and whether
a passage holds one: a question for a figure the passages never give is not answered by them."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = (  # not "one": mostly "one of", "no one", "one person"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|several|handful"
)
UNITS = r"years?|months?|weeks?|days?|hours?|minutes?|decades?"
MONEY_WORDS = r"cost|costs|money|pays?|paid|spend|spent|fund|funding|worth|price|budget"
DAY_PARTS = r"morning|afternoon|evening|night|midday|noon|midnight"

ASKS_MONEY = re.compile(rf"\bhow much\b.*\b(?:{MONEY_WORDS})\b", re.I)
CURRENCIES = r"pounds|dollars|euros"
GIVES_MONEY = re.compile(rf"[£$€]\s?\d|\d\s?(?:bn|m)\b|\b(?:\d[\d,.]*|million|billion)\s?(?:{CURRENCIES})\b", re.I)
ASKS_CLOCK = re.compile(r"\bwhat time\b", re.I)
CLOCK = r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b"
GIVES_CLOCK = re.compile(rf"{CLOCK}|\b(?:{DAY_PARTS})\b", re.I)
ASKS_DURATION = re.compile(rf"\bhow long\b|\bhow many (?:{UNITS})\b", re.I)
GIVES_DURATION = re.compile(rf"\b(?:{UNITS})\b|\blong[- ]term\b|-year\b", re.I)
ASKS_AGE = re.compile(r"\bhow old\b|\bwhat age\b|\b(?:his|her|their) age\b", re.I)
GIVES_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged\s+\d{1,3}\b|\bage\s+(?:of\s+)?\d{1,3}\b|,\s\d{2},", re.I)
COUNTED = r"number|population|death toll|percentage|proportion"
ASKS_NUMBER = re.compile(rf"\bhow many\b(?!\s+(?:{UNITS})\b)|\bwhat(?:'s| is| was) the (?:{COUNTED})\b", re.I)
GIVES_NUMBER = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I)


@dataclass(frozen=True)
class AnswerKind:
    """A kind of answer: the question forms asking for it, and what a passage holding one contains."""

    name: str
    asked_by: re.Pattern[str]
    given_by: re.Pattern[str]

    def found_in(self, text: str) -> bool:
        return bool(self.given_by.search(text))

    @property
    def missing_note(self) -> str:
        return f"None of the closest passages gives {self.name}."


KINDS = (  # the first match decides: "how much money" is money, not a number
    AnswerKind("an amount of money", ASKS_MONEY, GIVES_MONEY),
    AnswerKind("a time of day", ASKS_CLOCK, GIVES_CLOCK),
    AnswerKind("a length of time", ASKS_DURATION, GIVES_DURATION),
    AnswerKind("an age", ASKS_AGE, GIVES_AGE),
    AnswerKind("a number", ASKS_NUMBER, GIVES_NUMBER),
)


def asked_kind(question: str) -> AnswerKind | None:
    """The kind of answer the question asks for, if it is one of KINDS."""
    return next((kind for kind in KINDS if kind.asked_by.search(question)), None)
