"""Questions asking which city, port, region, airfield, hotel, unit or company: only passages naming one answer."""

from __future__ import annotations

import pytest

from bot.named_kinds import NAMED_KINDS, asked_named_kind, unnamed_kind


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("which ukrainian cities will the military hubs be in", "a city"),
        ("In which city did the summit take place?", "a city"),
        ("which other european capitals sent leaders", "a city"),
        ("Which Ukrainian ports will the navy protect?", "a port"),
        ("which region might putin be asked to pull out of", "a region"),
        ("which air bases will the jets use", "an airfield"),
        ("what airport did they fly into", "an airfield"),
        ("which hotel did the delegations stay in", "a hotel"),
        ("name the hotel", "a hotel"),
        ("which british army regiments will deploy", "a regiment or other unit"),
        ("Which British units have been told to get ready?", "a regiment or other unit"),
        ("which defence companies will build the facilities", "a company"),
        ("what language was the press conference held in", "a language"),
        ("was the summit held in english or french", "a language"),
        ("did zelensky speak english at the conference?", "a language"),
    ],
)
def test_the_kind_asked_for(question: str, noun: str) -> None:
    kind = asked_named_kind(question)
    assert kind is not None and kind.noun == noun


@pytest.mark.parametrize(
    "question",
    [
        "what is the capital of france",  # the kind is not asked for by "which" / "what"
        "what support will the us give",  # "port" only inside another word
        "which countries sent troops",  # countries are the unknown-name check's
        "what did the city's mayor say",  # "what did …" asks what was said
        "where will the hubs be",
        "what happened in russian territory",  # a noun after it: no language
        "who is in french hands",
    ],
)
def test_no_kind_asked_for(question: str) -> None:
    assert asked_named_kind(question) is None


def test_a_passage_names_the_kind_by_its_word_or_by_a_name() -> None:
    city, port, region, airfield, hotel, unit, company, language = NAMED_KINDS
    assert city.named_in("leaders met in Paris") and city.named_in("a town near the front")
    assert not city.named_in("leaders met in paris")  # a name counts as written, capitalised
    assert not city.named_in("military hubs across Ukraine")  # a country is no city
    assert port.named_in("the port of Odesa") and port.named_in("ships left Odessa")
    assert region.named_in("part or all of the Donbas") and region.named_in("territorial concessions")
    assert airfield.named_in("Rzeszow airport") and not airfield.named_in("securing Ukraine’s skies")
    assert hotel.named_in("they stayed at the Hôtel de Crillon") and not hotel.named_in("at the Élysée Palace")
    assert unit.named_in("the 16 Air Assault Brigade") and not unit.named_in("British troops")
    assert company.named_in("BAE Systems will build them") and company.named_in("a Polish firm")
    assert not company.named_in("build protected facilities for weapons")
    assert language.named_in("Zelensky, speaking in English, said") and language.named_in("through an interpreter")
    assert not language.named_in("The language was equally supportive")  # wording, not a language spoken
    assert not language.named_in("signed in Paris by French president Emmanuel Macron")


def test_unnamed_kind_needs_every_text_to_lack_one() -> None:
    question = "which ukrainian cities will host the hubs"
    assert unnamed_kind(question, ["hubs across Ukraine", "support Ukraine’s forces"]) is NAMED_KINDS[0]
    assert unnamed_kind(question, ["hubs across Ukraine", "a hub near Lviv"]) is None
    assert unnamed_kind("who will host the hubs", ["hubs across Ukraine"]) is None  # no kind asked


def test_the_kind_must_be_named_in_a_sentence_about_what_is_asked() -> None:
    """"the summit in Paris" beside a sentence on the coordination cell does not say where the cell will be."""
    question = "which city will the coordination cell be based in"
    summit = "The summit was held in Paris on Tuesday. Alongside plans for a coordination cell, hubs will be built."
    assert unnamed_kind(question, [summit]) is NAMED_KINDS[0]
    assert unnamed_kind(question, [summit, "The coordination cell will sit in Kyiv."]) is None
    assert unnamed_kind("which city?", [summit]) is None  # nothing asked of it but the kind: any city named
    assert unnamed_kind("in which city did the summit take place", [summit]) is None


def test_a_term_shared_with_the_question_tells_what_a_sentence_is_about_when_it_is_rare() -> None:
    """"ceasefire", in most sentences, does not make a sentence naming Kyiv one about the cell; "pull", in one, makes
    "is he prepared to pull back his forces from the Donbas?" about "which region might putin be asked to pull out
    of"."""
    cell = "which city will the post-ceasefire coordination cell be based in"
    texts = [
        "A ceasefire must come first. Monitoring of any ceasefire will be US-led; and cooperation with Kyiv goes on.",
        "After a ceasefire, a coordination cell will be set up. The ceasefire talks go on.",
    ]
    assert unnamed_kind(cell, texts) is NAMED_KINDS[0]
    donbas = ["Is he prepared to pull back his forces from part or all of the Donbas? Putin has warned Europe."]
    assert unnamed_kind("which region might putin be asked to pull out of", donbas) is None
