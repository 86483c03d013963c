"""Spelling: typing slips in questions are read as the article (or English) word they miss, and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.engine import Engine
from index.errors import ConfigError
from index.spelling import Correction, Speller, edit_distance, fold, spelling_variants

ARTICLE_WORDS = {
    "declaration": 9,
    "coalition": 12,
    "countries": 5,
    "witkoff": 4,
    "elysée": 1,
    "plan": 6,
    "plans": 2,
    "poland": 1,
    "hosted": 2,
    "posted": 1,
}
ENGLISH = frozenset({"weather", "whether", "japan", "afterwards", "happens", "posted", "plan", "hosted"})


def speller() -> Speller:
    return Speller(ARTICLE_WORDS, ARTICLE_WORDS.get, ENGLISH)


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("declaration", "declaration", 0),
        ("declartion", "declaration", 1),  # a letter dropped
        ("coaltiion", "coalition", 1),  # two neighbours swapped
        ("countreis", "countries", 1),
        ("witkof", "witkoff", 1),
        ("contries", "countries", 1),
        ("cat", "dog", 2),  # stops counting past the limit
        ("a", "abcd", 2),
    ],
)
def test_edit_distance_counts_one_slip_as_one(first: str, second: str, distance: int) -> None:
    assert edit_distance(first, second) == distance


def test_fold_leaves_out_accents() -> None:
    assert fold("Élysée") == "Elysee"


def test_slips_are_read_as_article_words() -> None:
    corrected, corrections = speller().correct("Who signed the declartion? How many contries, Witkof?")
    assert corrected == "Who signed the declaration? How many countries, Witkoff?"
    assert corrections == (
        Correction("declartion", "declaration"),
        Correction("contries", "countries"),
        Correction("Witkof", "Witkoff"),
    )


def test_accents_are_not_slips() -> None:
    # "elysee" is the articles' "elysée" once accents are folded (one BM25 term): nothing to correct or note
    assert speller().correct("what is the elysee") == ("what is the elysee", ())


def test_another_form_of_an_article_word_is_not_a_slip() -> None:
    # "declarations" is one edit from "declaration" but searched by the same stem: nothing to correct
    assert speller().correct("both declarations") == ("both declarations", ())
    # "deterence" shares no stem with "deter", so it is still read as "deterrence"
    deterrence = Speller({"deter": 3, "deterrence": 1}.keys(), {"deter": 3, "deterrence": 1}.get, frozenset())
    assert deterrence.correct("nuclear deterence")[0] == "nuclear deterrence"
    # "starmers" (a possessive typed without its apostrophe) is "starmer" by stem, not a slip for "starters"
    possessive = Speller({"starmer": 3, "starters": 1}.keys(), {"starmer": 3, "starters": 1}.get, frozenset())
    assert possessive.correct("what did starmers government commit") == ("what did starmers government commit", ())
    # "arming" is one edit from "aiming" and no near word shares its stem, but it is the articles' "arms" (stem
    # "arm") with an ending: another form, not a slip
    arms = Speller({"arms": 3, "aiming": 1}.keys(), {"arms": 3, "aiming": 1}.get, frozenset())
    assert arms.correct("will britain keep arming ukraine") == ("will britain keep arming ukraine", ())
    no_arms = Speller({"aiming": 1}.keys(), {"aiming": 1}.get, frozenset())  # articles without the stem "arm"
    assert no_arms.correct("will britain keep arming ukraine")[0] == "will britain keep aiming ukraine"


def test_words_spelt_right_are_left_alone() -> None:
    question = "what was the weather like, did Japan sign the plans they posted afterwards?"
    assert speller().correct(question) == (question, ())


def test_another_form_of_a_word_the_model_knows_whole_is_no_slip() -> None:
    # "contingents" was read as "continents" (one edit away) and refused as a name the articles never mention
    english = ENGLISH | {"contingent", "continents", "base"}
    speller = Speller({**ARTICLE_WORDS, "continents": 1}, ARTICLE_WORDS.get, english)
    assert speller.correct("basing their contingents in ukraine") == ("basing their contingents in ukraine", ())


@pytest.mark.parametrize(
    ("word", "variants"),
    [
        ("defense", ["defence"]),
        ("neighbouring", ["neighboring"]),
        ("criticise", ["criticize"]),
        ("organization", ["organisation"]),
        ("center", ["centre"]),
        ("for", []),  # too short to be "four"
        ("sense", []),
        ("coalition", []),
    ],
)
def test_british_and_american_spellings_of_a_word(word: str, variants: list[str]) -> None:
    assert spelling_variants(word) == variants


def test_a_word_the_articles_spell_the_other_way_is_read_as_theirs() -> None:
    articles = {"defence": 3, "neighbouring": 1, "criticism": 1}
    english = frozenset({"defense", "neighboring", "criticize"})
    spelt = Speller(articles, articles.get, english)
    assert spelt.correct("ukraine's defense") == ("ukraine's defence", (Correction("defense", "defence"),))
    assert spelt.correct("neighboring countries")[0] == "neighbouring countries"
    # "criticize" is a word, so "criticise" is spelt right, not a slip of the articles' "criticism"
    assert spelt.correct("did anyone criticise it") == ("did anyone criticise it", ())
    # nor, when neither spelling is a known word, of the English "criticism": "criticize" has its stem, "critic"
    english_only = Speller({}, lambda word: 0, frozenset({"criticism"}))
    assert english_only.correct("did anyone criticise it") == ("did anyone criticise it", ())


def test_short_words_and_numbers_are_left_alone() -> None:
    assert speller().correct("did 26 nats go") == ("did 26 nats go", ())  # "nats": one slip from no word here


def test_an_abbreviation_is_not_a_slip() -> None:
    assert speller().correct("what did Plen. Smith say") == ("what did Plen. Smith say", ())  # "Pres. Macron"
    assert speller().correct("what did Plen Smith say")[0] == "what did Plan Smith say"  # no full stop: a slip
    assert speller().correct("what about Plen.")[0] == "what about Plan."  # a full stop ending the question
    assert speller().correct("what did Pland. Smith say")[0] == "what did Plan. Smith say"  # 5 letters: a slip


def test_a_name_the_articles_lack_is_not_read_as_an_english_word() -> None:
    english = frozenset({"organ", "sunk", "store", "stored"})
    names = Speller(ARTICLE_WORDS, ARTICLE_WORDS.get, english)
    assert names.correct("what did orban say") == ("what did orban say", ())  # short: more likely a name
    assert names.correct("what did Stoere say") == ("what did Stoere say", ())  # capitalised inside the question
    assert names.correct("stoere it")[0] == "store it"  # lower-case and long enough: an English slip


def test_an_english_slip_is_read_only_when_one_word_fits() -> None:
    assert speller().correct("what hapepns next")[0] == "what happens next"
    # "wether" is one slip from both "weather" and "whether": no guess
    assert speller().correct("wether or not") == ("wether or not", ())


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("wjere did they meet", "where did they meet"),  # "where" (same length) rather than "were"
        ("waht about pland", "what about plan"),  # "what" before the article word "want" would be
        ("what aobut poland", "what about poland"),
        ("whcih countries", "which countries"),
        ("thay said so", "thay said so"),  # "than", "that", "they", "then": no guess
        ("what did tusk say", "what did tusk say"),  # one slip from no function word: a name, left alone
        ("whats the plan, dont they know", "whats the plan, dont they know"),  # chat spellings, not slips
        ("wen did they go, wht for", "when did they go, what for"),  # a letter dropped from a 4-letter word
        ("who did abe see", "who did abe see"),  # 3 letters, one slip from no function word
    ],
)
def test_a_short_slip_of_a_function_word_is_read_as_it(typed: str, read: str) -> None:
    words = {**ARTICLE_WORDS, "want": 3}
    assert Speller(words, words.get, ENGLISH).correct(typed)[0] == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("wat does poland want", "what does poland want"),  # English words, but not in the place they stand in
        ("dose the plan help", "does the plan help"),
        ("why dos the plan matter", "why does the plan matter"),  # after a question word
        ("hey, wil the plan work", "hey, will the plan work"),
        ("what dose it cost", "what does it cost"),
        ("what is the dose", "what is the dose"),  # further in, the word is meant
        ("whole plan?", "whole plan?"),  # longer English words are meant ("world leaders …")
        ("well what did they plan", "well what did they plan"),
        ("wall of what?", "wall of what?"),  # an article word is never a slip (else: "will")
    ],
)
def test_an_english_word_where_a_question_opens_is_read_as_the_opener_one_slip_away(typed: str, read: str) -> None:
    english = ENGLISH | {"wat", "dose", "dos", "wil", "whole", "well", "wall"}
    words = {**ARTICLE_WORDS, "wall": 2}
    assert Speller(words, words.get, english).correct(typed)[0] == read


def test_among_article_words_the_most_used_wins() -> None:
    # "pland" is one slip from "plan" (in 6 passages) and from "poland" (in 1)
    assert speller().correct("what about pland")[0] == "what about plan"


@pytest.mark.slow
def test_the_engine_searches_the_corrected_question_and_says_so(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index}, environ={}))
    typed = engine.ask("who hotsed the coaltiion summit?")
    right = engine.ask("who hosted the coalition summit?")
    assert typed.question == "who hotsed the coaltiion summit?"  # shown as typed
    assert "Read “hotsed” as “hosted”, “coaltiion” as “coalition”." in typed.notes
    assert [c.passage.passage_id for c in typed.passages] == [c.passage.passage_id for c in right.passages]
    assert typed.answered
    assert typed.extra["read_as"] == {"hotsed": "hosted", "coaltiion": "coalition"}  # `ask --json` has it too


@pytest.mark.slow
def test_spelling_off_searches_as_typed(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index, "spelling": "off"}, environ={}))
    assert not any(note.startswith("Read “") for note in engine.ask("who hotsed the summit?").notes)


def test_spelling_setting_is_checked() -> None:
    with pytest.raises(ConfigError, match="spelling = 'maybe'"):
        load_settings({"spelling": "maybe"}, environ={})


def test_lexical_index_says_how_many_passages_use_a_word() -> None:
    from index.lexical import LexicalIndex, tokenize

    lexical = LexicalIndex.build(["Troops were sent.", "The troop left Kyiv.", "A ferry sailed."])
    assert lexical.passages_with("the") == 0  # a stopword
    assert lexical.passages_with("troops") == 2
    assert lexical.passages_with("ferry") == 1
    assert lexical.passages_with("declartion") == 0
    extended = lexical.with_delta([tokenize("Troops and a ferry"), tokenize("A declartion")])
    assert extended.passages_with("troop") == 3
    assert extended.passages_with("declartion") == 1


def test_a_name_misspelt_twice_is_read_as_the_one_article_name_it_is_like() -> None:
    words = {**ARTICLE_WORDS, "gottemoeller": 1, "kushner": 3, "kushnerov": 1}
    names = ("gottemoeller", "kushner", "kushnerov", "witkoff")
    spelt = Speller(words, words.get, ENGLISH, names)
    assert spelt.correct("what did Gottemuller say")[0] == "what did Gottemoeller say"  # "u" for "oe": two slips
    assert spelt.correct("what did kushnerava say") == ("what did kushnerava say", ())  # like two names: no guess
    assert spelt.correct("what did sikorski say") == ("what did sikorski say", ())  # like no name: left alone
    assert Speller(words, words.get, ENGLISH).correct("gottemuller")[0] == "gottemuller"  # names not given


def test_a_place_spelt_the_older_way_is_read_as_the_articles_spell_it() -> None:
    words = {**ARTICLE_WORDS, "kyiv": 5}
    assert Speller(words, words.get, ENGLISH).correct("was Kiev hit")[0] == "was Kyiv hit"
    assert speller().correct("was kiev hit") == ("was kiev hit", ())  # articles without "kyiv": as typed


def test_a_misspelt_name_and_an_old_place_name_are_answered(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index}))
    # Both were refused: "gottemuller" is two slips from the name, and "Kiev" a city the articles never mention.
    answer = engine.ask("what does gottemuller say europe is waking up to")
    assert answer.answered and "Read “gottemuller” as “gottemoeller”." in answer.notes
    assert engine.ask("where will the uk and french forces set up in ukraine, kiev?").answered


def test_a_name_typed_or_dictated_as_two_words_is_read_as_the_name() -> None:
    words = {**ARTICLE_WORDS, "gottemoeller": 1, "rose": 2, "macron": 8, "zelensky": 5, "zelenskyy": 3, "sky": 2}
    names = ("gottemoeller", "macron", "zelensky", "zelenskyy", "witkoff")
    spelt = Speller(words, words.get, ENGLISH, names)
    assert spelt.correct("what does rose gotta mueller think") == (
        "what does rose gottemoeller think",
        (Correction("gotta mueller", "gottemoeller"),),
    )
    assert spelt.correct("what did mac ron say")[0] == "what did macron say"
    assert spelt.correct("what did zelen sky call it")[0] == "what did zelensky call it"  # the name itself
    assert spelt.correct("what did wit koff say")[0] == "what did witkoff say"


def test_two_words_are_not_joined_into_a_name_without_cause() -> None:
    words = {**ARTICLE_WORDS, "gottemoeller": 1, "rose": 2, "put": 3, "macron": 8}
    spelt = Speller(words, words.get, ENGLISH, ("gottemoeller", "macron", "putinov"))
    assert spelt.correct("what did rose gottemoeller say") == ("what did rose gottemoeller say", ())  # both written
    assert spelt.correct("which troops were put in place") == ("which troops were put in place", ())  # a stopword
    assert spelt.correct("what did the mac say") == ("what did the mac say", ())  # "themac" is no name


def test_a_dictated_name_is_answered(seed_index: Path) -> None:
    engine = Engine(load_settings({"index_dir": seed_index}))
    # Refused before: "The articles never mention Mueller."
    answer = engine.ask("what does rose gotta mueller think europe has realised")
    assert answer.answered and "Read “gotta mueller” as “gottemoeller”." in answer.notes
    assert "Rose Gottemoeller" in answer.passages[0].passage.text
