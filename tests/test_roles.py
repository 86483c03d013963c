"""A role in a question ("the French president") is searched as the one person holding it in the articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.roles import RoleDirectory, plural_role, search_words, written_offices

ARTICLES = [
    "French President Emmanuel Macron hosted the talks. US special envoy Steve Witkoff attended.",
    "President Donald Trump spoke to President Emmanuel Macron. NATO Secretary-General Mark Rutte welcomed it.",
]


@pytest.fixture(scope="module")
def roles() -> RoleDirectory:
    return RoleDirectory(ARTICLES)


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("what did the French president say?", [("the French president", ["Emmanuel Macron"])]),
        ("what did French president say?", [("French president", ["Emmanuel Macron"])]),
        ("who is nato's secretary general", [("nato's secretary general", ["Mark Rutte"])]),
        ("did the envoy attend?", [("the envoy", ["Steve Witkoff"])]),
        ("what did the president say?", []),  # two presidents: no guess
        ("what did the French president Macron say?", []),  # the holder is named already
        ("what did the deputy prime minister say?", []),  # no such role in the articles
    ],
)
def test_roles_read_as_their_one_holder(roles: RoleDirectory, question: str, read: list[tuple[str, list[str]]]) -> None:
    assert roles.read(question) == read


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("what did the French leader say?", [("the French leader", ["Emmanuel Macron"])]),
        ("nato chief reaction?", [("nato chief", ["Mark Rutte"])]),
        ("what did the head of NATO say", [("the head of NATO", ["Mark Rutte"])]),
        ("what did the president of France say?", [("the president of France", ["Emmanuel Macron"])]),
        ("what did France's president say?", [("France's president", ["Emmanuel Macron"])]),
        ("what did the US leader say?", []),  # Trump is president of no country here; an envoy heads nothing
        ("what did european leaders say?", []),  # no head of Europe in the articles
        ("who is the head of the french government?", []),  # "of the French": not how a country is written
    ],
)
def test_a_leader_chief_or_head_is_the_one_person_heading_that_country_or_body(
    roles: RoleDirectory, question: str, read: list[tuple[str, list[str]]]
) -> None:
    assert roles.read(question) == read


def test_a_country_written_in_full_is_the_country() -> None:
    roles = RoleDirectory(["US President Donald Trump spoke. UK Prime Minister Keir Starmer listened."])
    assert roles.read("what did the president of the United States say?") == [
        ("the president of the United States", ["Donald Trump"])
    ]
    assert roles.read("who is the United Kingdom's prime minister?") == [
        ("the United Kingdom's prime minister", ["Keir Starmer"])
    ]


def test_a_country_with_two_heads_has_no_leader() -> None:
    roles = RoleDirectory(
        [
            "French President Emmanuel Macron met the press.",
            "French Prime Minister Michel Barnier spoke later.",
            "Polish President Andrzej Duda stayed home.",
        ]
    )
    assert roles.read("what did the French leader say?") == []  # the president or the prime minister?
    assert roles.read("what did the French president say?") == [("the French president", ["Emmanuel Macron"])]
    assert roles.read("what did Poland's leader say?") == [("Poland's leader", ["Andrzej Duda"])]


def test_one_person_spelt_two_ways_holds_a_role_alone() -> None:
    roles = RoleDirectory(
        [
            "Ukrainian President Volodymyr Zelenskyy spoke first.",
            "Ukrainian President Volodymyr Zelensky spoke again.",
            "Later, Ukrainian President Volodymyr Zelensky left.",  # the spelling of more articles comes first
            "Russian President Vladimir Putin and Russian President Boris Yeltsin, years apart.",
        ]
    )
    [(role, spellings)] = roles.read("what did the Ukrainian president say?")
    assert (role, spellings) == ("the Ukrainian president", ["Volodymyr Zelensky", "Volodymyr Zelenskyy"])
    assert search_words(spellings) == "Volodymyr Zelensky Zelenskyy"
    assert roles.read("what did the Russian president say?") == []  # two people
    assert roles.read("what did the Ukrainian president Zelenskyy say?") == []  # named, in either spelling


def test_pm_is_the_prime_minister() -> None:
    roles = RoleDirectory([*ARTICLES, "British Prime Minister Keir Starmer spoke. The PM said more."])
    assert roles.read("what did the UK PM say?") == [("the UK PM", ["Keir Starmer"])]
    assert roles.read("what did the British PM say?") == [("the British PM", ["Keir Starmer"])]
    assert roles.read("the PM's view?") == [("the PM", ["Keir Starmer"])]
    assert roles.read("what happened at 3 pm?") == []  # a time, not an office
    assert roles.unheld("what did the Polish PM say?") == ["the Polish PM"]
    assert roles.unheld("what did the British PM say?") == []


@pytest.mark.parametrize(
    ("question", "unheld"),
    [
        ("what did the russian foreign minister say?", ["the Russian foreign minister"]),  # a name in capitals
        ("who is Russia's foreign minister", ["Russia's foreign minister"]),
        ("what did the president of Poland say?", ["the president of Poland"]),
        ("what did the polish leader say?", ["the Polish leader"]),  # Poland has no head in the articles
        ("what did the UN secretary-general say?", ["the UN secretary-general"]),
        ("what did the un secretary-general say?", ["the UN secretary-general"]),
        ("what did the French defense minister say?", ["the French defense minister"]),
        ("what did the French president say?", []),
        ("what did the French leader say?", []),  # France's president heads it
        ("what did NATO's secretary general say?", []),
        ("what did the American envoy say?", []),  # "US special envoy Steve Witkoff": of no country written
        ("who are the heads of state?", []),  # no country or body
        ("what did european leaders say?", []),  # leaders of many countries, not one role
        ("who is the british general leading the mission", ["the British general"]),
        ("What is the name of the UK commander for the mission?", ["the UK commander"]),
        ("what does the european general public think", []),  # the public, not an officer
        ("which us senators criticised the deal", ["US senators"]),  # an office in the plural is the same office
        ("who are the british generals leading the mission", ["the British generals"]),
        ("what did the uk mps say", ["the UK mps"]),
        ("what did european leaders say about it", []),  # heads in the plural: many countries, not one office
        ("what did the leaders of europe say", []),
        ("what did the senators of poland say", ["the senators of Poland"]),
        ("what did the american envoys say?", []),
        # an office no article writes at all, asked after with no country
        ("who is the commander of the force?", ["the commander"]),
        ("what is the name of the multinational force's commander", ["the commander"]),
        ("what did the kremlin spokesman say", ["the spokesman"]),
        ("what did the ambassadors say", ["the ambassadors"]),
        ("what did the secretary general say", []),  # written "Secretary-General"
        ("what did the envoy say", []),
        # a commander asked after by the verb
        ("who will command the multinational force", ["the commander"]),
        ("who commands the ukrainian army", ["the commander"]),
        ("what is the command structure of the force", []),  # no one asked after
    ],
)
def test_roles_nobody_in_the_articles_holds(question: str, unheld: list[str]) -> None:
    roles = RoleDirectory([*ARTICLES, "US President Donald Trump arrived late."])
    assert roles.unheld(question) == unheld


def test_a_commander_asked_after_by_the_verb_is_held_where_an_article_writes_the_command() -> None:
    roles = RoleDirectory([*ARTICLES, "The force will be commanded by a French general."])
    assert roles.unheld("who will command the force?") == []


def test_an_office_asked_after_in_the_plural_with_no_country_is_plural() -> None:
    assert plural_role("the ambassadors") and not plural_role("the commander")


def test_an_office_given_without_a_country_may_be_any_countrys() -> None:
    roles = RoleDirectory(["President Donald Trump spoke. The special envoy Steve Witkoff listened."])
    assert roles.unheld("what did the Polish president say?") == []  # Trump's country is never written
    assert roles.unheld("what did the Polish leader say?") == []  # a president heads a country
    assert roles.unheld("what did the Polish envoy say?") == []
    assert roles.unheld("what did the Polish foreign minister say?") == ["the Polish foreign minister"]


def test_offices_a_text_writes_are_found_around_office_words_only() -> None:
    far = "x" * 60
    assert written_offices(f"The Polish foreign minister said so. {far} the president of the Ukraine") == {
        "poland foreign minister",
        "ukraine president",
    }
    assert written_offices(f"{far[:45]}famous president") == set()  # "us" inside "famous" is no country
    assert written_offices("the president of the United Kingdom") == {"uk president"}  # not cut to "Uk"


def test_offices_written_unnamed_are_read_only_when_no_holder_answers() -> None:
    roles = RoleDirectory([*ARTICLES, "The Polish foreign minister said nothing."])
    assert roles.unheld("what did the French president say?") == [] and roles._written is None  # held: no scan
    assert roles.unheld("what did the Polish foreign minister say?") == []  # written unnamed: the scan tells
    assert roles._written is not None


def test_a_commander_the_articles_name_is_held() -> None:
    roles = RoleDirectory(["British General Roly Walker spoke. French commander Pierre Schill agreed."])
    assert roles.unheld("what did the British general say?") == []
    assert roles.unheld("who is the French commander?") == []
    assert roles.unheld("who is the German commander?") == ["the German commander"]


def test_an_office_the_articles_write_without_a_name_is_not_unheld() -> None:
    roles = RoleDirectory(["The Polish president said nothing. Ukraine's foreign minister was there."])
    assert roles.unheld("what did Poland's president say?") == []
    assert roles.unheld("what did the polish leader say?") == []  # the president heads Poland
    assert roles.unheld("who is the foreign minister of Ukraine?") == []
    assert roles.unheld("who is the foreign minister of Poland?") == ["the foreign minister of Poland"]


@pytest.mark.slow
def test_the_articles_roles_are_read_only_for_a_question_naming_one(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    assert engine.ask("what did macron call the agreement?").answered
    assert engine._roles is None  # reading every article's people waits for a question that needs it
    assert not engine.ask("who is russia's foreign minister?").answered
    assert engine._roles is not None


@pytest.mark.slow
def test_a_role_nobody_holds_is_not_answered_and_says_why(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    answer = engine.ask("who is russia's foreign minister")
    assert not answer.answered and answer.passages  # the closest passages are still offered as related
    assert "The articles never say who “Russia's foreign minister” is." in answer.notes
    assert engine.ask("what did the russian president say about foreign troops?").answered  # Putin
    conversation = Conversation()
    engine.reply(conversation, "who is russia's foreign minister")
    assert not engine.reply(conversation, "more").answered  # nor do the next passages say


@pytest.mark.slow
def test_a_role_is_searched_as_its_holder(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    answer = engine.ask("who is nato's secretary general")
    assert "Read “nato's secretary general” as Mark Rutte." in answer.notes
    assert "Mark Rutte" in answer.passages[0].highlight_text
    assert not any(note.startswith("Read “") for note in engine.ask("what did Macron call the agreement?").notes)
