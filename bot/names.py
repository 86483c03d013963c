"""Names the articles use (people, places, organisations), and question words naming something they never mention."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from index.aliases import DEMONYMS, as_name, country_display
from index.clean import capitalised_share
from index.lexical import TOKEN, tokenize
from index.seats import country_names, seat_countries
from index.semantic_terms import TermNeighbours, WordEncoder
from index.sentences import sentence_spans, text_sentences

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
COMPASS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western")
# Forms of address before a name ("Sir Keir", "Mr Kushner"): as names, "man" and "fellow" came out close to "sir".
TITLE_WORDS = ("sir", "mr", "mrs", "ms", "dr", "dame", "lord", "lady", "madam", "mister", "monsieur", "madame", "mme",
               "herr", "frau", "signor", "signora", "senor", "señor")  # fmt: skip
# Colours, capitalised only inside longer names ("the White House", "the Black Sea"): as names, "black" came out close
# to the articles' "White" (of "White House") and "the black sea side" was refused as naming something unknown.
COLOURS = ("black", "white", "red", "green", "blue", "yellow", "orange", "brown", "grey", "gray", "pink", "purple")
# Common nouns capitalised only inside longer names ("the Home Office", "Downing Street"): as a name, "home" came out
# close to an article's name, and "which nations will be keeping their troops at home?" was refused.
INSIDE_NAMES = ("home", "office", "street", "hall", "square")
# Closed word classes written capitalised by convention or as part of longer names, not names themselves.
NOT_NAMES = frozenset((*WEEKDAYS, *MONTHS, *COMPASS, *TITLE_WORDS, *COLOURS, *INSIDE_NAMES))
NAME_SHARE = 0.6  # a name is written capitalised inside running sentences at least this often
HEADING_SHARE = 0.5  # a sentence with more capitalised words than this is a heading, not running text
SHOUTED_SHARE = 0.8  # a question with more capitalised words than this is shouted or in title case
SAMPLE_PASSAGES = 5_000  # enough text to tell names from words (spread over the corpus); ~0.5 s at most
SPELLING = 0.8  # difflib ratio from which a question word is a misspelling of a name ("witkof")
SAME_KIND = 0.4  # cosine from which an unknown word is the same kind of thing as a name (a country, a leader)
# Endings of common nouns and adjectives, never of a name the reader leaves in lower case: "geopolitical" came out close
# to a name of the articles ("what geopolitical developments cast doubt on washington?" was refused as naming
# something unknown). Not "-ic" or "-an": "baltic", "arctic" and "korean" are names' adjectives.
COMMON_ENDING = re.compile(r"(?:ical|ous|ive|able|ible|ful|less|ness|ment|ity|tion|sion|ism)$")
ALIAS = 0.8  # cosine from which it is another spelling of that very name
# Verbs after which the one word between "did" and them is who did it: "what did erdogan say", "did meloni attend"
SUBJECT_VERBS = (
    "say|said|think|feel|want|attend|sign|join|react|respond|comment|tell|speak|agree|believe|propose|announce|"
    "warn|ask|call|suggest|plan|meet|visit|promise|pledge|offer|send|come|go"
)
# "which city hosted the summit?", "what country …": the word after "which" or "what" (not a verb: "what did …")
# names the kind of thing asked for, a common noun, not a name the articles lack, however close it is to their
# names ("city" to "Paris"); a country's adjective there still names a country ("which Japanese minister …").
KIND_ASKED = re.compile(
    r"\b(?:which|what)\s+(?!(?:did|does|do|is|are|was|were|will|would|has|have|had|can|could|should|might|must)\b)"
    r"([^\W\d_][\w-]*)",
    re.IGNORECASE,
)
# The same verbs in the past, after a question word inside a request: "tell me what erdogan said", "do you have
# anything on how turkey reacted".
SUBJECT_VERBS_PAST = (
    "said|thought|felt|wanted|attended|signed|joined|reacted|responded|commented|told|spoke|agreed|believed|"
    "proposed|announced|warned|asked|called|suggested|planned|met|visited|promised|pledged|offered|sent|came|went"
)
AS_SUBJECT = re.compile(
    rf"\b(?:did|does|do|has|have|had|will|would|could|can)\s+([^\W\d_][\w-]*?)(?:['’]s)?\s+(?:{SUBJECT_VERBS})\b"
    rf"|\b(?:what|how|whether|if|why|when|where)\s+([^\W\d_][\w-]*?)(?:['’]s)?\s+(?:{SUBJECT_VERBS_PAST})\b",
    re.IGNORECASE,
)


# Countries by name ("canada"), a name however it is written: its closest article word may be no name ("country").
NAMED_COUNTRIES = frozenset(country for country in DEMONYMS.values() if len(country) > 2)


def corpus_names(texts: Sequence[str]) -> frozenset[str]:
    """Lower-cased words written capitalised where capitals are not forced (not first in a sentence, not in
    a heading) at least NAME_SHARE of the time; weekdays, months and compass points are left out.

    Stricter than the follow-up reader's EntityLexicon (bot/followup.py), on purpose: there a word wrongly
    taken for a name costs little (a question stays on its topic), here it refuses an answerable question,
    so a name seen only at the start of sentences ("Italy and Poland confirmed …") is not counted."""
    capitalised: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in texts[:: max(1, len(texts) // SAMPLE_PASSAGES)]:
        for sentence in text_sentences(text):
            _count(TOKEN.findall(sentence), capitalised, seen)
    names = {w for w, n in seen.items() if capitalised[w] >= NAME_SHARE * n and tokenize(w)}
    return frozenset(names - NOT_NAMES)


def _count(words: Sequence[str], capitalised: Counter[str], seen: Counter[str]) -> None:
    if not words or capitalised_share(words) > HEADING_SHARE:
        return
    for word in words[1:]:
        lower = word.lower()
        seen[lower] += 1
        capitalised[lower] += word[0].isupper()


def capitalised_inside(question: str) -> frozenset[str]:
    """Lower-cased words the reader capitalised where capitals are not forced ("did Orban come?"): not first in
    a sentence, and not in a question written mostly in capitals (a shouted or title-case question)."""
    found: set[str] = set()
    for start, end in sentence_spans(question):
        words = TOKEN.findall(question[start:end])
        if len(words) >= 3 and capitalised_share(words) > SHOUTED_SHARE:
            return frozenset()
        found.update(w.lower() for w in words[1:] if w[0].isupper())
    return frozenset(found)


def shown_names(question: str, unknown: Sequence[str]) -> list[str]:
    """The unknown words as a note names them, each once; neighbours in the question are one name ("what did von
    der leyen say" -> "Von Der Leyen"; "did China or Japan join" -> "China", "Japan")."""
    runs: list[list[str]] = [[]]
    for written in TOKEN.findall(question):
        if written.lower() in unknown:
            runs[-1].append(written)
        elif runs[-1]:
            runs.append([])
    return list(dict.fromkeys(_shown_run(run) for run in runs if run))


def _shown_run(run: list[str]) -> str:
    if len(run) == 1:
        return shown_name(run[0].lower())
    if any(word[0].isupper() for word in run):
        return " ".join(run)  # as the reader wrote it: "von der Leyen"
    return " ".join(word.capitalize() for word in run)


def shown_name(word: str) -> str:
    """An unknown question word as a note names it: "Japan" for "japanese", "Erdogan" for "erdogan", "UN"."""
    country = DEMONYMS.get(word)
    if country is not None:
        return country_display(country)
    return as_name(word)  # "Erdogan", "UN", "NATO"


def kind_nouns(question: str) -> frozenset[str]:
    """Lower-cased words naming the kind of thing a "which …" or "what …" question asks for ("city" in "which
    city …"), no country's adjective."""
    found = (match.group(1).lower() for match in KIND_ASKED.finditer(question))
    return frozenset(word for word in found if word not in DEMONYMS)


def subjects(question: str) -> frozenset[str]:
    """Lower-cased single words the question asks what they did ("what did erdogan say?", and inside a request
    "… what erdogan said"): the reader names someone there, capitalised or not."""
    return frozenset((match.group(1) or match.group(2)).lower() for match in AS_SUBJECT.finditer(question))


class UnknownNames:
    """Finds question words that name something of the kind the articles name, but that they never mention:
    'did Japan join?' over articles naming Russia, France and Ukraine. Such a question is not answered."""

    def __init__(self, names: frozenset[str], terms: TermNeighbours, encoder: WordEncoder) -> None:
        self.names = names
        self.name_list = sorted(names)
        self.terms = terms
        self.encoder = encoder
        self.stems = {stem for word in terms.words for stem in tokenize(word)}

    def find(self, words: Sequence[str], written_as_names: frozenset[str] = frozenset()) -> list[str]:
        """The words (of `words`, lower-cased content words) that name something the articles never mention.
        A word the reader wrote as a name (`written_as_names`, see `capitalised_inside`), or a country's name, needs
        no name of the articles close to it: only not being another spelling of one of their words."""
        unseen = [w for w in words if tokenize(w) and not self._known(w) and not self._misspelt(w)]
        if not unseen or not self.terms.words:
            return []
        similarity = self.terms.word_vectors(unseen, self.encoder) @ np.asarray(self.terms.vectors).T
        nearest = similarity.argmax(axis=1)
        return [
            word
            for word, row, best in zip(unseen, similarity, nearest, strict=True)
            if row[best] < ALIAS
            and (
                word in written_as_names
                or word in NAMED_COUNTRIES
                or (self.terms.words[best] in self.names and row[best] >= SAME_KIND and not COMMON_ENDING.search(word))
            )
        ]

    def _known(self, word: str) -> bool:
        """In the articles, or the adjective or seat of government of a country they name ("Polish", "Warsaw" over
        articles naming Poland)."""
        if tokenize(word)[0] in self.stems:
            return True
        countries = [DEMONYMS[word]] if word in DEMONYMS else seat_countries(word)
        return any(self._names_country(country) for country in countries)

    def _names_country(self, country: str) -> bool:
        """Whether the articles write one of the names the country goes by, every word of it."""
        return any(
            tokenize(name) and all(stem in self.stems for stem in tokenize(name)) for name in country_names(country)
        )

    def _misspelt(self, word: str) -> bool:
        return bool(difflib.get_close_matches(word, self.name_list, n=1, cutoff=SPELLING))
