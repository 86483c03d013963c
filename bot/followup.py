"""Follow-up understanding without generation: is a question self-contained, and which earlier terms it needs."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass
from itertools import pairwise

from bot.asker import CHATTER
from bot.conversation import Turn
from bot.names import subjects
from index.lexical import tokenize
from index.phrases import QUOTED

WORD = re.compile(r"[^\W\d_][\w’'-]*")
CONNECTIVES = re.compile(
    r"^\s*(and|but|so|also|then|or|plus|what about|how about|(?:what|who|where|how|anything) else)\b",
    re.IGNORECASE,
)
ONE_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
PEOPLE = frozenset({"they", "them", "their", "theirs"})
ANAPHORS = ONE_PERSON | PEOPLE | {"it", "its"}
OBJECT_ANAPHORS = frozenset({"it", "them"})
# Words governing an object "it" / "them": "say about it", "did they sign it", "what do they think of them".
GOVERNING_WORDS = frozenset(
    {
        "about", "for", "on", "against", "with", "to", "of", "into", "from", "behind", "over", "sign", "signed",
        "support", "supported", "back", "backed", "oppose", "opposed", "reject", "rejected", "accept", "accepted",
        "join", "joined", "welcome", "welcomed", "criticise", "criticised", "criticize", "criticized",
    }
)  # fmt: skip
# "it" standing for nothing: "was it planned that …", "is it true that …", "it seems that …"
EXPLETIVE_IT = re.compile(
    r"\b(?:is|was|isn['’]t|wasn['’]t|will|would|could|might|does|did|has|had)\s+it\s+(?:\w+\s+){1,2}(?:that|whether)\b"
    r"|\bit(?:['’]s|\s+is|\s+was|\s+seems|\s+appears)\s+(?:\w+\s+){0,2}(?:that|whether)\b"
    # "is it true ukraine can keep 800,000 troops?": a clause follows; "is it true?" alone asks of the answer before
    r"|\b(?:is|was|isn['’]t|wasn['’]t)\s+it\s+(?:really\s+)?(?:true|right|correct|the case)\b(?=,?\s+\w)",
    re.IGNORECASE,
)
# "that" / "this" standing for what was asked before ("is that a lot?", "when did this happen?", "who said that?"),
# told from one before a noun ("what about that deal?") by the word after it: none, an article, a verb or a particle.
DEMONSTRATIVE_PRONOUN = re.compile(
    r"\b(?:that|this)\b(?=\s*(?:[?!.,;:…]|$)|\s+(?:a|an|the|is|was|are|were|will|would|has|had|does|did|means?|meant"
    r"|happen\w*|so|really|true|right|important|possible|likely|enough|about|for|to|in|on|at|with|from|by|before"
    r"|after|when|because)\b)",
    re.IGNORECASE,
)
# "one" standing for the noun of the question before: "what did the french leader say?" - "and the ukrainian one?"
ONE_FOR_A_NOUN = re.compile(r"\b(the|an?)\s+([^\W\d_][\w-]*)\s+one\b", re.IGNORECASE)
# "which one involves the americans?", "which of them is led by the US?" after "what are the five guarantees?": one
# of the things asked about before, which the question picks out.
WHICH_OF_THEM = re.compile(r"\bwhich (?:one|ones|of them|of these|of those)\b", re.IGNORECASE)
TRAILING_DEMONSTRATIVES = frozenset({"that", "this", "those", "these", "there", "then", "one", "ones"})
MORE_WORDS = frozenset({"more", "/more", "more please", "show more", "next", "tell me more", "anything else", "go on"})
# Words that carry the question's form, not its topic: never used as terms to carry into a follow-up.
FILLER = frozenset(
    {
        "say", "said", "says", "tell", "told", "think", "thinks", "thought", "reckon", "reckons", "mean", "means",
        "call", "called", "get", "got", "happen", "happened", "happens", "last", "one", "ones", "anything", "else",
        "exactly", "really", "please", "still", "actually", "also", "even", "ever",
    }
)  # fmt: skip
SHORT_QUESTION_TERMS = 1
# A request naming its own topic ("is there anything about drones?", "got anything on greenland?"): short, but a new
# topic, not the previous one asked again; with a pronoun or a connective it still follows up ("anything about it?").
TOPIC_REQUEST = re.compile(
    r"^\W*(?:is there|are there|do you have|have you got|you got|got|any)\s+(?:anything|something|any\w*)"
    r"(?:\s+(?:else|more))?\s+(?:about|on|regarding|concerning)\s+\w",
    re.IGNORECASE,
)


# "the <noun>" ending a question, a word between allowed ("the us operation"): a thing the reader names
DEFINITE_LAST = re.compile(r"\bthe\s+(?:([\w-]+)\s+)?([^\W\d_]{3,})\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """How one question is understood: what to search, whether it leans on the previous turn."""

    query: str
    entities: tuple[str, ...]
    terms: tuple[str, ...]
    followup: bool
    expansion: str = ""
    named: tuple[str, ...] = ()  # people a pronoun was read as: the answer to the previous "who …?"
    pronoun: str = ""  # the pronoun they were named for
    subject: tuple[str, ...] = ()  # the topic words a later "it" or "they" stands for (default: `terms`)
    # A follow-up asking the same of someone else, read whole: "and france?" after "how many troops is britain
    # sending" is "how many troops is france sending" (`asked_of`), what the evidence weighs; else empty
    asked: str = ""


class EntityLexicon:
    """Proper names of the corpus: words written capitalised far more often than not."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> EntityLexicon:
        capitalised: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        for text in texts:
            for word in WORD.findall(text):
                (capitalised if word[0].isupper() else lower)[word.lower()] += 1
        names = (w for w, n in capitalised.items() if n >= 2 * lower[w] and tokenize(w) and len(w) > 1)
        return cls(names)

    def entities(self, words: Iterable[str]) -> tuple[str, ...]:
        return tuple(w for w in words if w in self.names)


def one_read_as(text: str, noun: str) -> str:
    """The question with "the <word> one" read as "the <word> <noun>" ("and the ukrainian one?", noun "leader")."""
    return ONE_FOR_A_NOUN.sub(lambda match: f"{match[1]} {match[2]} {noun}", text)


def words_of(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def is_more(text: str) -> bool:
    """'more', '/more', 'show more' …: page on, not a new question."""
    return text.strip().lower().rstrip("?!. ") in MORE_WORDS


def key_terms(words: list[str], entities: tuple[str, ...]) -> tuple[str, ...]:
    """Topic words: no stopwords, no question-form words, no chatter ("cool"), no entities (kept apart), each once."""
    seen: dict[str, None] = {}
    for word in words:
        stems = tokenize(word)
        if word not in entities and word not in FILLER and word not in ANAPHORS and stems and stems[0] not in CHATTER:
            seen.setdefault(word, None)
    return tuple(seen)


def leans_on_previous(
    text: str, words: list[str], entities: tuple[str, ...], terms: tuple[str, ...], names_source: bool = False
) -> bool:
    """Pronouns, 'and …?', 'what about …', a trailing 'that', or a question too short to stand alone (not one
    asking what someone did: "what did erdogan say?" names someone, known to the articles or not; nor one naming
    the outlet or article it asks of: "what does article 3 say about troops?")."""
    if CONNECTIVES.match(text):
        return True
    unquoted = without_quotations(text)  # "who said “russia will pay for this”": the quotation's "this" is not
    if _unresolved_pronoun(words_of(without_expletive_it(unquoted)), entities):  # the reader's
        return True
    if WHICH_OF_THEM.search(unquoted):
        return True
    own_words = words_of(unquoted)
    if own_words and own_words[-1] in TRAILING_DEMONSTRATIVES:
        return True
    return not entities and not names_source and not subjects(text) and len(terms) <= SHORT_QUESTION_TERMS


def without_quotations(text: str) -> str:
    """The reader's own words: the question without the phrases it quotes, whose pronouns are the speaker's."""
    return QUOTED.sub(" ", text)


def _unresolved_pronoun(words: list[str], entities: tuple[str, ...]) -> bool:
    """A pronoun with no name before it in the same question ('what did Zelensky say about his …' resolves), or an
    "it" / "them" a preposition or verb governs, which a name before it does not resolve ('what did Zelensky say
    about it?': it is what was asked before)."""
    if _governed_object(words):
        return True
    for word in words:
        if word in entities:
            return False
        if word in ANAPHORS:
            return True
    return False


def without_expletive_it(text: str) -> str:
    """The question without an "it" that stands for nothing ("was it planned that …" -> "was planned that …")."""
    return EXPLETIVE_IT.sub(lambda match: re.sub(r"\bit\b", "", match.group(0), count=1, flags=re.I), text)


def asks_new_topic(question: str) -> bool:
    """A request naming a topic of its own ("is there anything about drones?"), with no pronoun leaning on the turn
    before ("is there anything about it?"): asked afresh however short."""
    unquoted = without_quotations(question)
    return bool(TOPIC_REQUEST.match(unquoted)) and not _unresolved_pronoun(
        words_of(without_expletive_it(unquoted)), ()
    )


def ends_on_unknown_thing(text: str, vocabulary: Container[str], lexicon: EntityLexicon | None = None) -> bool:
    """Whether the question ends on "the <noun>" whose noun no article uses (`vocabulary`: the articles' words,
    lower-cased): the reader's own word for what the turn before was about ("who came up with the name" after "what
    is the paris declaration?"). A word between must be the articles', or a name they use (`lexicon`): "what did
    people think of the us operation" after "who is nicolas maduro?"; not "what did the pope say", a new subject and
    its verb."""
    match = DEFINITE_LAST.search(without_quotations(text))
    if match is None or match.group(2).lower() in vocabulary:
        return False
    between = match.group(1)
    return between is None or between.lower() in vocabulary or bool(lexicon and lexicon.entities([between.lower()]))


def read_question(
    text: str,
    previous: Turn | None,
    lexicon: EntityLexicon,
    names_source: bool = False,
    vocabulary: Container[str] | None = None,
) -> Reading:
    """Understand `text` given the previous turn: a follow-up is searched with that turn's terms, weighted lower.
    `names_source`: the question named the outlet or article it asks of, taken out of `text`. `vocabulary`: the
    articles' words, lower-cased; with it, a question ending on a thing none of them names follows up the previous
    turn whatever else it says (`ends_on_unknown_thing`)."""
    words = words_of(text)
    entities = tuple(dict.fromkeys(lexicon.entities(words)))
    terms = key_terms(words, entities)
    leans = vocabulary is not None and ends_on_unknown_thing(text, vocabulary, lexicon)
    if previous is None or not (leans or leans_on_previous(text, words, entities, terms, names_source)):
        return Reading(text, entities, terms, followup=False)
    own_text = without_quotations(text)  # the reader's own words: a quotation's pronouns are the speaker's
    pronoun, named = pronoun_people(words_of(own_text), entities, previous)
    if named:  # "who hosted the summit?" - "what did he say?": he is the answer, searched as the question's own name
        text = f"{text} {' '.join(named)}"
        entities = tuple(dict.fromkeys((*entities, *lexicon.entities(words_of(" ".join(named))))))
    swaps = _swaps_subject(text, words, entities, terms)
    carried_entities = () if swaps else previous.entities
    previous_subject = tuple(previous.subject or previous.terms)
    # A pronoun stands for what the previous turn was about: after a follow-up itself read through a pronoun, the
    # subject it inherited ("will it fight the russians?" - "where will it be based?": the force, not the fighting).
    stands_for = not named and (
        _unresolved_pronoun(words_of(without_expletive_it(own_text)), entities)
        or bool(DEMONSTRATIVE_PRONOUN.search(own_text) or WHICH_OF_THEM.search(own_text))
    )
    carried_terms = previous_subject if stands_for else previous.terms
    carried = " ".join(w for w in (*carried_entities, *carried_terms) if w not in entities and w not in terms)
    inherited = tuple(dict.fromkeys((*entities, *carried_entities)))
    if not entities and not terms:  # "why?", "what about the Independent?": nothing new, so the old topic leads
        old_topic = tuple(previous.terms)
        return Reading(f"{text} {carried}".strip(), inherited, old_topic, followup=True, subject=previous_subject)
    subject = previous_subject if stands_for else terms
    asked = asked_of(previous, text, entities) if swaps else ""
    return Reading(text, inherited, terms, True, carried, named=named, pronoun=pronoun, subject=subject, asked=asked)


NAME_ARTICLES = frozenset({"the", "a", "an"})  # "and the french?": the name and its article alone


def asked_of(previous: Turn, text: str, entities: tuple[str, ...]) -> str:
    """The previous question asked of the name a follow-up gives instead ("and france?" after "how many troops is
    britain sending": "how many troops is france sending", and "and germany?" after that, "how many troops is germany
    sending"); empty where the follow-up says more than the name (`entities`: "and what did the white house say?"),
    where the previous question was another follow-up, or does not have its names as written."""
    names = "|".join(re.escape(entity) for entity in previous.entities)
    instead = CONNECTIVES.sub("", text).strip(" ?!.,;:")
    only_names = all(word in entities or word in NAME_ARTICLES for word in words_of(instead))
    asked = previous.asked or ("" if previous.followup else previous.question)
    if not names or not instead or not asked or not only_names:
        return ""
    run = re.compile(rf"\b(?:{names})(?:\s+(?:{names}))*\b", re.IGNORECASE)
    return run.sub(lambda _match: instead, asked, count=1) if run.search(asked) else ""


def _swaps_subject(text: str, words: list[str], entities: tuple[str, ...], terms: tuple[str, ...]) -> bool:
    """Whether the follow-up asks the same of someone else ("and Kushner?", "what about the French?"): their name
    replaces the previous turn's names, its topic words stay; not when the question says more, or has a pronoun."""
    return bool(CONNECTIVES.match(text)) and bool(entities) and not terms and not ANAPHORS.intersection(words)


def _governed_object(words: list[str]) -> bool:
    """An "it" or "them" that a preposition or verb governs: "say about it", "did they sign it"."""
    return any(word in OBJECT_ANAPHORS and before in GOVERNING_WORDS for before, word in pairwise(words))


def pronoun_people(words: list[str], entities: tuple[str, ...], previous: Turn) -> tuple[str, tuple[str, ...]]:
    """The pronoun of this question that stands for the people of the previous "who …?" answer, and those
    people: the one person for "he" or "she", all for "they"; none when the question names someone before it."""
    if not previous.answer_people or not _unresolved_pronoun(words, entities):
        return "", ()
    pronoun = next(word for word in words if word in ANAPHORS)
    if pronoun in ONE_PERSON:  # "he" after an answer naming several people: no guess
        return (pronoun, tuple(previous.answer_people)) if len(previous.answer_people) == 1 else ("", ())
    return (pronoun, tuple(previous.answer_people)) if pronoun in PEOPLE else ("", ())
