"""Names of the corpus, and question words that name something the articles never mention."""

from __future__ import annotations

import numpy as np
import pytest

from bot.names import UnknownNames, capitalised_inside, corpus_names, kind_nouns, shown_name, shown_names, subjects
from index.semantic_terms import TermNeighbours

TEXTS = [
    "The summit was held in Paris on Tuesday. Leaders from Russia and France met, and Macron spoke.",
    "Troops from France will go east. European Allies Divided On Troop Contributions\nPutin said no.",
    "Paris hosted the talks. The troop numbers were not given by Macron or by Russia.",
]


def test_names_are_words_capitalised_inside_running_sentences() -> None:
    names = corpus_names(TEXTS)
    assert {"paris", "russia", "france", "macron"} <= names
    assert "tuesday" not in names  # weekdays are capitalised by convention
    assert "divided" not in names and "allies" not in names  # heading words do not count
    assert "troops" not in names and "the" not in names  # first word of a sentence does not count
    assert "leaders" not in names


def test_forms_of_address_are_no_names() -> None:
    sentence = "On the day of the talks, Sir Keir said that he met with Mr Kushner and Lady Ashton in Paris."
    names = corpus_names([sentence] * 3)
    assert {"keir", "kushner", "ashton", "paris"} <= names
    assert not {"sir", "mr", "lady"} & names  # "man" came out close to "sir", and was taken for an unknown name


def test_colours_inside_longer_names_are_no_names() -> None:
    """"the black sea side of things" was refused: "black" came out close to the articles' "White" (of "White
    House") and was taken for an unknown name."""
    sentence = "Hours after the deal, the White House said that Trump would speak to Macron about the Black Sea."
    names = corpus_names([sentence] * 3)
    assert {"trump", "macron", "house", "sea"} <= names
    assert not {"white", "black"} & names


def unit(*components: float) -> np.ndarray:
    vector = np.zeros(4, dtype=np.float32)
    vector[: len(components)] = components
    return vector / np.linalg.norm(vector)


class WordVectors:
    """A stand-in encoder with fixed vectors for the question words of these tests."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.calls = 0

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        return np.stack([self.vectors[t] for t in texts])


def finder() -> UnknownNames:
    vocabulary = {"russia": unit(1, 0), "troop": unit(0, 1), "kyiv": unit(0, 0, 1), "summit": unit(0, 0, 0, 1)}
    terms = TermNeighbours(list(vocabulary), np.stack(list(vocabulary.values())))
    encoder = WordVectors(
        {
            "japan": unit(1.2, 1),  # nearest is the name "russia", cosine 0.77: another country
            "regiments": unit(0.3, 1),  # nearest is "troop", not a name
            "kiev": unit(0, 0.3, 1),  # cosine 0.96 with "kyiv": the same place spelt differently
            "pope": unit(1, 0, 0, 3),  # nearest is "summit"
            "join": unit(0, 0, 0.2, 1),  # nearest is "summit"
            "weather": unit(0.2, 1, 0, 1),  # nearest is "troop" at cosine 0.70: not a name, not an alias
            "russian": unit(1.2, 1),  # nearest is the name "russia", cosine 0.77: known only as its adjective
            "japanese": unit(1.2, 1),  # nearest is "russia", cosine 0.77, as for "japan"
        }
    )
    return UnknownNames(frozenset({"russia", "kyiv", "witkoff"}), terms, encoder)


def test_a_word_of_the_same_kind_as_a_name_but_unknown_is_found() -> None:
    assert finder().find(["japan", "join", "summit"]) == ["japan"]


def test_misspellings_aliases_known_words_and_non_names_are_not() -> None:
    unknown = finder()
    assert unknown.find(["witkof"]) == []  # a misspelt name the articles use
    assert unknown.find(["kiev"]) == []  # close enough in meaning to be the same name
    assert unknown.find(["regiments"]) == []  # nearest word is not a name
    assert unknown.find(["pope"]) == []  # nearest word is not a name
    assert unknown.find(["troops", "russia"]) == []  # in the articles (same stem)


def test_a_country_the_articles_never_name_is_found_whatever_word_is_nearest() -> None:
    unknown = finder()
    # "canada" came out closest to "country", no name: "what did canada say it would contribute" was answered
    unknown.encoder.vectors["canada"] = unit(0.4, 0.7, 0, 0.5)  # nearest is "troop" (0.74), not a name
    assert unknown.find(["canada", "troops"]) == ["canada"]
    assert unknown.find(["regiments"]) == []  # no country: the nearest word decides, as before


def test_the_adjective_of_a_country_the_articles_name_is_known() -> None:
    unknown = finder()
    written_as_names = frozenset({"russian", "japanese"})
    assert unknown.find(["russian"], written_as_names) == []  # "Russian troops" over articles naming Russia
    assert unknown.find(["japanese"], written_as_names) == ["japanese"]  # Japan is never named
    assert unknown.find(["japanese"]) == ["japanese"]


@pytest.mark.parametrize(
    ("word", "shown"), [("japanese", "Japan"), ("american", "the US"), ("erdogan", "Erdogan"), ("japan", "Japan")]
)
def test_an_unknown_word_is_shown_as_the_place_or_name_it_stands_for(word: str, shown: str) -> None:
    assert shown_name(word) == shown


@pytest.mark.parametrize(
    ("question", "unknown", "shown"),
    [
        ("what did von der leyen say", ["von", "der", "leyen"], ["Von Der Leyen"]),
        ("what did Ursula von der Leyen say", ["ursula", "von", "der", "leyen"], ["Ursula von der Leyen"]),
        ("did China or Japan join", ["china", "japan"], ["China", "Japan"]),
        ("did the japanese join? japan?", ["japanese", "japan"], ["Japan"]),
        ("how did the UN vote", ["un"], ["UN"]),
    ],
)
def test_unknown_words_next_to_each_other_are_one_name(question: str, unknown: list[str], shown: list[str]) -> None:
    assert shown_names(question, unknown) == shown


def test_a_word_the_reader_wrote_as_a_name_needs_no_name_near_it() -> None:
    unknown = finder()
    written_as_names = frozenset({"weather", "kiev", "russia"})
    assert unknown.find(["weather"]) == []  # nearest word is not a name
    assert unknown.find(["weather"], written_as_names) == ["weather"]  # but the reader wrote it as one
    assert unknown.find(["kiev"], written_as_names) == []  # still another spelling of a name the articles use
    assert unknown.find(["russia"], written_as_names) == []  # in the articles


def test_capitalised_inside_a_question_means_written_as_a_name() -> None:
    assert capitalised_inside("Did the Pope meet Macron? Did Japan join?") == {"pope", "macron", "japan"}
    assert capitalised_inside("What did they say") == frozenset()  # the first word is capitalised anyway
    assert capitalised_inside("WHAT DID THE POPE SAY") == frozenset()  # shouted: capitals say nothing
    assert capitalised_inside("What Did The Pope Say") == frozenset()  # title case: neither


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("what did erdogan say?", {"erdogan"}),
        ("did meloni attend the summit", {"meloni"}),
        ("what has Lavrov's office said", set()),  # two words: "office" is not who spoke
        ("what does tusk think about it", {"tusk"}),
        ("what did the pope say", set()),  # "the": not one word naming someone
        ("who attended the summit", set()),
    ],
)
def test_a_word_asked_what_it_did_is_taken_for_a_name(question: str, found: set[str]) -> None:
    assert subjects(question) == found


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("According to the reports, in which city did the summit take place?", {"city"}),
        ("what country will lead the monitoring, and which hotel did they use", {"country", "hotel"}),
        ("which japanese minister attended", set()),  # a country's adjective still names a country
        ("what did the pope say", set()),  # "what did …": no kind asked for
        ("who hosted the summit", set()),
    ],
)
def test_the_kind_of_thing_a_which_question_asks_for_is_no_name(question: str, kinds: set[str]) -> None:
    assert kind_nouns(question) == kinds


@pytest.mark.slow
def test_a_question_words_vector_does_not_depend_on_the_words_encoded_before_it() -> None:
    from index.embed import Encoder

    encoder = Encoder()
    terms = TermNeighbours(["russia"], encoder.encode_passages(["russia"]))
    alone = TermNeighbours(["russia"], terms.vectors).word_vectors(["japan"], encoder)[0]
    together = terms.word_vectors(["conspicuously", "regiments", "japan", "weather"], encoder)[2]
    np.testing.assert_array_equal(alone, together)
