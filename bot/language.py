"""Questions written in a language other than English, the articles' and the model's: said plainly, not searched."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import bm25s

from index.textnorm import quoted_back

LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|¿")
# Scripts English is never written in; a question mostly in one of them is another language ("Кто принимал саммит?").
SCRIPTS = ("CYRILLIC", "GREEK", "ARABIC", "HEBREW", "CJK", "HIRAGANA", "KATAKANA", "HANGUL", "DEVANAGARI", "THAI")
# Function words of the languages readers of European news may ask in, none of them an English word ("die", "was",
# "come", "son" and "con" are, so they are left out): two different ones, and more than the English words, make a
# language ("la la land" is English; "¿" counts as a Spanish word).
FOREIGN_WORDS = {
    "French": "le la les de des du une est qui que quoi quel quelle comment pourquoi où avec dans ils ont sont été qu "
    "c combien sur au aux ce cette en",
    "German": "der das und ist wer wie warum wann wo hat haben nicht ein eine dem mit für auf sind wurde welche",
    "Spanish": "el la los las de del en y qué quién cómo cuándo dónde una para está fue ha cuántos cuántas por ¿",
    "Italian": "il la di gli che chi perché quando è della delle degli sono cosa quanti quante ha",
}
FOREIGN = {language: frozenset(words.split()) for language, words in FOREIGN_WORDS.items()}
ENGLISH = frozenset(bm25s.stopwords.STOPWORDS_EN_PLUS)
MIN_FOREIGN_WORDS = 2


def other_language(question: str) -> str | None:
    """How the question looks written, when not in English: "Cyrillic script", "French"; None for English (and for
    anything too short to tell: a name, a slip, "la la")."""
    script = _script(question)
    if script is not None:
        return f"{script.capitalize()} script"
    words = {re.split("['’]", word.lower())[0] for word in LETTERS.findall(question)}
    english = len(words & ENGLISH)
    counts = Counter({language: len(words & vocabulary) for language, vocabulary in FOREIGN.items()})
    language, found = counts.most_common(1)[0]
    return language if found >= MIN_FOREIGN_WORDS and found > english else None


def _script(question: str) -> str | None:
    """The non-Latin script most of the question's letters are in, if any."""
    scripts = Counter(unicodedata.name(char, "").split(" ")[0] for char in question if char.isalpha())
    if not scripts:
        return None
    script, letters = scripts.most_common(1)[0]
    return script if script in SCRIPTS and letters * 2 > sum(scripts.values()) else None


def in_english(question: str, language: str) -> str:
    """What to tell a reader who asked in another language."""
    shown = quoted_back(question)
    return f"“{shown}” looks written in {language}: newsbot reads questions in English, the language of its model."
