"""Name aliases: a passage that writes "Sir Keir" or "the French president" is found by the person's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.aliases import ArticlePeople, alias_passages, as_name, people, role_keys, role_pattern
from index.articles import load_articles
from index.build import IndexSettings, prepare
from index.chunk import ChunkParams
from index.corpus import IndexedCorpus
from index.lexical import passage_tokens
from index.sentence_vectors import passage_sentences, whole_sentence_rows
from index.update import add_articles
from tests.conftest import SEEDS
from tests.test_incremental import article

ARTICLE = (
    "French President Emmanuel Macron hosted the talks. UK prime minister Sir Keir Starmer and Ukrainian "
    "President Volodymyr Zelensky signed. Donald Trump's son-in-law Jared Kushner attended. "
    "Sir Keir said the deal was historic. The French president dubbed it the Paris Declaration. "
    "Mr Kushner spoke later. The British prime minister left on Wednesday."
)


def test_people_named_after_a_role_a_title_or_as_mr_surname() -> None:
    found = {(p.given, p.surname): p.roles for p in people(ARTICLE)}
    assert set(found) == {
        ("Emmanuel", "Macron"),
        ("Keir", "Starmer"),
        ("Volodymyr", "Zelensky"),
        ("Jared", "Kushner"),
    }
    assert found[("Emmanuel", "Macron")] == {"france president", "president"}
    assert found[("Keir", "Starmer")] == {"uk prime minister", "prime minister"}
    assert found[("Jared", "Kushner")] == set()


def test_role_keys_merge_ways_of_writing_a_country_and_skip_deputies() -> None:
    assert role_keys("British", "Prime  Minister") == ["uk prime minister", "prime minister"]
    assert role_keys("Britain", "prime minister") == ["uk prime minister", "prime minister"]
    assert role_keys("special", "envoy") == ["envoy"]
    assert role_keys("deputy", "prime minister") == []
    assert role_keys(None, "Secretary-General") == ["secretary general"]
    assert role_keys("French", "president") == role_keys("France", "president") == ["france president", "president"]
    assert role_keys("Russian", "president") == role_keys("Russia", "President") == ["russia president", "president"]


@pytest.mark.parametrize(
    "written",
    [
        "the French president",
        "French President",
        "France's president",
        "the president of France",
        "President of France",
    ],
)
def test_a_country_role_is_found_however_the_country_is_written(written: str) -> None:
    assert role_pattern("france president").search(f"On Tuesday {written} spoke.")


@pytest.mark.parametrize("written", ["the Russian president", "the president of Ukraine", "the vice president"])
def test_a_country_role_is_not_found_for_another_country_or_office(written: str) -> None:
    assert not role_pattern("france president").search(f"On Tuesday {written} spoke.")


def test_a_country_follows_the_role_by_its_name_not_its_adjective() -> None:
    pattern = role_pattern("uk prime minister")
    assert pattern.search("the prime minister of Britain spoke")
    assert pattern.search("the Prime Minister of the UK spoke")
    assert not pattern.search("the prime minister of the British spoke")


def test_a_role_of_no_country_needs_its_article() -> None:
    pattern = role_pattern("prime minister")
    assert pattern.search("The prime minister spoke.")
    assert not pattern.search("Deputy Prime Minister Angela Rayner spoke.")


def test_missing_names_by_part_of_the_name_and_by_role() -> None:
    article_people = ArticlePeople(ARTICLE)
    assert article_people.missing_names("Sir Keir said the deal was historic.") == ["Starmer"]
    assert article_people.missing_names("The French president dubbed it the Paris Declaration.") == [
        "Emmanuel",
        "Macron",
    ]
    assert article_people.missing_names("The British prime minister left on Wednesday.") == ["Keir", "Starmer"]
    assert article_people.missing_names("The PM said the UK would take part.") == ["Keir", "Starmer"]
    assert article_people.missing_names("Mr Kushner spoke later.") == ["Jared"]
    assert article_people.missing_names("Emmanuel Macron hosted the talks.") == []
    assert article_people.missing_names("The talks ended at night.") == []


def test_a_role_held_by_several_people_points_to_none() -> None:
    text = "French President Emmanuel Macron met Ukrainian President Volodymyr Zelensky. The president spoke."
    # "president" is both men's role: "the president" names neither; "the French president" still names one
    assert ArticlePeople(text).missing_names("The president spoke.") == []
    assert ArticlePeople(text).missing_names("the French president spoke") == ["Emmanuel", "Macron"]


def test_a_deputy_does_not_take_the_role() -> None:
    text = "Deputy prime minister Angela Rayner spoke. The prime minister did not."
    assert ArticlePeople(text).missing_names("The prime minister did not.") == []


def seed_passages():
    return prepare(load_articles(SEEDS), ChunkParams())[1]


def test_indexed_tokens_add_the_name_words_a_seed_passage_leaves_out() -> None:
    passages = seed_passages()
    tokens = alias_passages(passages).tokens
    by_id = {p.passage_id: (p, t) for p, t in zip(passages, tokens, strict=True)}
    dubbed, dubbed_tokens = next(v for v in by_id.values() if "French president dubbed" in v[0].text)
    assert "macron" not in passage_tokens(dubbed.text)
    assert dubbed_tokens[: len(passage_tokens(dubbed.text))] == passage_tokens(dubbed.text)
    assert "macron" in dubbed_tokens
    unaffected = sum(t == passage_tokens(p.text) for p, t in by_id.values())
    assert 0 < unaffected < len(passages)


def test_embedded_sentences_keep_their_sentences_with_the_clauses_after() -> None:
    passages = seed_passages()
    aliased = alias_passages(passages)
    plain, plain_counts = passage_sentences(passages)
    whole = whole_sentence_rows(passages, aliased.counts)
    embedded = [row for row, is_whole in zip(aliased.embedded, whole, strict=True) if is_whole]
    clauses = int(aliased.counts.sum() - plain_counts.sum())
    assert clauses == int((~whole).sum()) == 7  # the seeds list things by semicolons in two sentences
    assert all(listed >= sentences for listed, sentences in zip(aliased.counts, plain_counts, strict=True))
    changed = [(a, b) for a, b in zip(plain, embedded, strict=True) if a != b]
    assert changed and all(after.startswith(before + " (") and after.endswith(")") for before, after in changed)
    assert any(after.endswith("(Starmer)") and "Sir Keir" in before for before, after in changed)


@pytest.mark.slow
def test_a_built_index_finds_a_passage_by_a_name_it_only_implies(seed_index: Path) -> None:
    corpus = IndexedCorpus.open(seed_index)
    row = next(i for i, p in enumerate(corpus.passages) if "French president dubbed" in p.text)
    assert "Macron" not in corpus.passages[row].text
    assert corpus.lexical.scores("Macron")[row] > 0


@pytest.mark.slow
@pytest.mark.parametrize("part", ["merged", "delta"])
def test_added_articles_get_aliases_too(
    tiny_index: Path, tiny_articles: Path, part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if part == "delta":  # keep the article in the delta part (a tiny index normally merges it)
        monkeypatch.setattr("index.update.COMPACT_BELOW", 0)
        monkeypatch.setattr("index.update.DELTA_SHARE", 1000.0)
    opening = (
        "Harbour Minister Alan Pryce opened the new quay at Granton on Monday, three years after the old one was "
        "closed by storm damage. Officials said the quay cost four million pounds and took eighteen months to "
        "build, with most of the money coming from the regional transport fund. Fishing crews, who had been "
        "landing their catch forty miles up the coast, welcomed the news and held a small ceremony on the pier. "
    )
    closing = (
        "The minister said the quay would bring ferries back to the town within a year, and that talks with two "
        "operators had already started. Local shops expect more visitors in the summer season, when the island "
        "crossings are busiest, and the council plans a new car park beside the harbour wall."
    )
    story = f"{opening}\n\n{opening}\n\n{closing}"
    add_articles(tiny_index, tiny_articles, [article(story)], IndexSettings())
    corpus = IndexedCorpus.open(tiny_index)
    assert (corpus.manifest.delta_passages > 0) == (part == "delta")
    row = next(i for i, p in enumerate(corpus.passages) if "The minister said" in p.text and "Pryce" not in p.text)
    assert corpus.lexical.scores("Pryce")[row] > 0


def test_he_or_she_opening_a_sentence_is_the_last_named_subject() -> None:
    sentences = [
        "US special envoy Steve Witkoff spoke after French President Emmanuel Macron.",
        "Witkoff reassured allies that the Trump administration remains committed.",
        "He noted that protocols were close to completion.",
        "The talks went on late.",
        "He added that a deal was near.",
        "She was not there.",
    ]
    article_people = ArticlePeople(" ".join(sentences))
    names = article_people.sentence_names(sentences)
    assert names[2] == ["Steve", "Witkoff"]  # the subject of the sentence before, not the last name in it
    assert names[3] == []
    assert names[4] == ["Steve", "Witkoff"]  # a sentence naming nobody does not break the chain
    assert names[5] == ["Steve", "Witkoff"]  # no gender is guessed


def test_a_quotation_going_on_past_its_sentence_is_its_speakers() -> None:
    sentences = [
        "UK prime minister Sir Keir Starmer met US special envoy Steve Witkoff.",
        "Addressing the media, Sir Keir said: “We have had a very constructive meeting.",
        "“The purpose of the coalition is to deliver a peace that can last.",
        "“This work is more advanced than ever.”",
        "“We are determined,” one official said.",
    ]
    names = ArticlePeople(" ".join(sentences)).sentence_names(sentences)
    assert names[1] == ["Starmer"]
    assert names[2] == names[3] == ["Keir", "Starmer"]  # the quotation Sir Keir opened, until it closes
    assert names[4] == []  # a new quotation, after the last one closed


def test_a_sentence_closing_a_quotation_opened_before_it_is_its_speakers() -> None:
    sentences = [
        "UK prime minister Sir Keir Starmer spoke after the talks.",
        "He added: “We have gone into greater detail about the deployment.",
        "Alongside our plans for a coordination cell, the UK and France will establish hubs.”",  # the same paragraph
        "The hubs will be built after a ceasefire.",
    ]
    names = ArticlePeople(" ".join(sentences)).sentence_names(sentences)
    assert names[2] == ["Keir", "Starmer"]  # inside the quotation he opened: no opening mark, but its closing one
    assert names[3] == []  # after it closed


def test_he_after_a_photo_caption_is_the_story_subject_not_the_captions() -> None:
    sentences = [
        "UK prime minister Sir Keir Starmer spoke after the talks.",
        "Donald Trump is now willing to back the coalition",  # a caption: no full stop
        "He added: “We have gone into greater detail.”",
    ]
    names = ArticlePeople(" ".join(sentences)).sentence_names(sentences)
    assert names[2] == ["Keir", "Starmer"]


def test_a_quotation_left_open_ends_with_the_next_sentence_outside_it() -> None:
    sentences = [
        "Mr Kushner said: “I think today was a very big milestone.",  # never closed, as in one of the seeds
        "Jared Kushner, a former adviser, spoke of deterrence.",
        "“Nato countries have woken up to the fact,” an expert said.",
    ]
    names = ArticlePeople(" ".join(sentences)).sentence_names(sentences)
    assert names[2] == []  # not Kushner's: a sentence outside the quotation came between


def test_a_pronoun_before_anyone_is_named_refers_to_nobody() -> None:
    assert ArticlePeople("He said it was over.").sentence_names(["He said it was over."]) == [[]]


@pytest.mark.slow
def test_a_build_reads_each_article_once_for_vectors_and_bm25_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.build import build_index

    read: list[int] = []
    original = ArticlePeople.sentence_names

    def counted(self: ArticlePeople, sentences: list[str]) -> list[list[str]]:
        read.append(len(sentences))
        return original(self, sentences)

    monkeypatch.setattr(ArticlePeople, "sentence_names", counted)
    build_index(SEEDS, tmp_path / "index", IndexSettings())
    assert len(read) == len(load_articles(SEEDS))


@pytest.mark.parametrize(
    ("word", "name"),
    [("russia's", "Russia's"), ("united kingdom", "United Kingdom"), ("un", "UN"), ("u.s", "U.S"), ("nato", "NATO")],
)
def test_a_lower_case_place_is_written_as_a_name(word: str, name: str) -> None:
    assert as_name(word) == name
