"""Questions asking for a figure, and whether a passage gives one."""

from __future__ import annotations

import pytest

from bot.answer_kinds import (
    DATE,
    NEGATIVE,
    NUMBER,
    PLACE,
    WORDING,
    asked_kind,
    counted_stems,
    gives_count_asked,
    holders_up,
    ranked_kind,
)
from index.chunk import Passage
from index.search import Hit


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much will the force cost?", "an amount of money"),
        ("How much money has the UK given?", "an amount of money"),
        ("what is the budget for the multinational force", "an amount of money"),
        ("what will be the total cost of the hubs", "an amount of money"),
        ("how expensive is the deployment", "an amount of money"),
        ("what will the deployment cost the uk", "an amount of money"),
        ("what did they say about the cost", None),  # what was said about it, not the amount
        ("how did oil prices react to the deal", None),  # prices moving, not an amount asked for
        ("what time did the press conference start", "a time of day"),
        ("how long did they talk", "a length of time"),
        ("how many years would the troops stay", "a length of time"),
        ("how long ago was the coalition set up", None),  # asks when: a date, ranked up only
        ("when will the ceasefire start", "a time or a condition"),
        ("When will Ukraine hold elections?", "a time or a condition"),
        ("when are the troops going to deploy", "a time or a condition"),
        ("when is witkoff meeting the ukrainians again", None),  # a date, ranked up only
        ("On what date is the multinational force scheduled to begin its deployment?", "a time or a condition"),
        ("what date will the first troops arrive", "a time or a condition"),
        ("which day will the troops arrive", "a time or a condition"),
        ("what date was the declaration signed", None),  # past: a date, ranked up only
        ("how many years ago did the war start", None),
        ("how many countries attended?", "a number"),
        ("What was the exact number of British troops pledged for deployment?", "a number"),
        ("what is the total number of soldiers", "a number"),
        ("what's the population of greenland", "a number"),
        ("what is the death toll so far", "a number"),
        ("What percentage of Ukrainians support the peace plan?", "a number"),
        ("what proportion of the force will be british", "a number"),
        ("what percent of voters back it", "a number"),
        ("greenland population", "a number"),  # typed as a search
        ("length of the press conference", "a length of time"),
        ("the likely duration of the deployment", "a length of time"),
        ("what is the expected length of the mission", "a length of time"),
        ("cost of the multinational force", "an amount of money"),
        ("so number of fighter jets the uk will send", "a number"),  # "ok so …": the greeting is left out before
        ("total number of troops pledged", "a number"),
        ("strength of the army", None),
        ("the cost-sharing row", None),
        ("what is greenland's population", "a number"),
        ("how much aid has the eu given ukraine", "an amount of money"),
        ("How much will Germany contribute financially?", "an amount of money"),
        ("how old is keir starmer", "an age"),
        ("what age is the president", "an age"),
        ("who is paying for it", None),
        ("how much did Macron say about Greenland", None),
        ("who hosted the summit", None),
    ],
)
def test_the_kind_of_answer_a_question_asks_for(question: str, kind: str | None) -> None:
    asked = asked_kind(question)
    assert (asked.name if asked else None) == kind


@pytest.mark.parametrize(
    ("question", "gives", "lacks"),
    [
        ("how much will it cost", "The plan costs £3bn a year.", "The plan is costly, officials said."),
        ("how much will it cost", "It will cost 40 million euros.", "Nobody said what it would cost."),
        ("what time did it start", "It began at 3pm in Paris.", "It began on Tuesday in Paris."),
        ("what time did it start", "Talks opened on Tuesday afternoon.", "Talks opened on Tuesday."),
        ("how long did they talk", "After hours of talks, they signed.", "After talks, they signed."),
        ("how long has the war lasted", "the nearly four-year war", "the war in Ukraine"),
        ("how long will it last", "“when this ends, it ends forever.”", "“when this ends, it ends.”"),
        ("how long will they keep it up", "more pressure until “they come to the table”", "more pressure on Russia"),
        ("how old is he", "Keir Starmer, 63, said so.", "Keir Starmer said so in 2026."),
        ("how old is he", "the 72-year-old president", "the president, in office for years"),
        ("how many countries came", "Leaders of 26 nations signed.", "Leaders of many nations signed."),
        ("how many countries came", "more than two dozen allied nations", "allied nations gathered"),
        ("when will the troops go", "They will go once a ceasefire is agreed.", "They will go to Ukraine."),
        ("when will the troops go", "in the event of a peace deal", "as part of a peace deal"),
        ("when will the talks start", "The talks start on Monday.", "The talks start in Geneva."),
    ],
)
def test_whether_a_passage_gives_that_kind_of_answer(question: str, gives: str, lacks: str) -> None:
    kind = asked_kind(question)
    assert kind is not None
    assert kind.found_in(gives)
    assert not kind.found_in(lacks)


@pytest.mark.parametrize(
    ("question", "ranked"),
    [
        ("What date was the declaration signed?", "a date"),
        ("which day was the summit", "a date"),
        ("in which year was the coalition formed", "a date"),
        ("when was the coalition of the willing formed", "a date"),
        ("and when did he say that?", "a date"),
        ("how long ago was the coalition set up", "a date"),  # "formed last spring", no length of time
        ("how many years ago did the war start", "a date"),
        ("when would british soldiers go into ukraine", "a time or a condition"),  # mostly a condition, not a date
        ("paris summit date", "a date"),  # typed as a search
        ("date of the declaration", "a date"),
        ("what has been agreed to date", None),  # "so far"
        ("what did it signal when the envoys joined", None),  # "when" inside a question
        ('who said "when this ends, it ends forever"?', None),
        ("how many countries attended?", "a number"),  # ranked up; the evidence is read before (see the engine)
        ("how long has the war lasted", "a length of time"),
        ("how much money has the uk given", "an amount of money"),
        ("what did macron call the agreement", "a wording"),
        ("what kind of force did starmer call it", "a wording"),
        ("what name did macron give to the agreement?", "a wording"),
        ("what name was the declaration given", "a wording"),
        ("what Macron called the agreement", "a wording"),  # "Tell me what Macron called …"
        ("what macron called for", None),
        ("what is the exact date British troops will arrive", "a time or a condition"),  # "Give me the exact date …"
        ("what did starmer call on the allies to do", None),  # asks what he asked for
        ("how did starmer describe britain's commitment to ukraine", "a wording"),
        ("what is the force they want to send called", "a wording"),
        ("who called the meeting very successful", "a wording"),
        ("who called for a ceasefire", "a wording"),  # harmless: quoted words are ranked up a little
        ("did the united states put its name to the declaration", None),
        ("where did they sign the declaration", "a place"),
        ("and where was it held exactly", "a place"),
        ("where will the troops be based", None),  # a plan: "military hubs across Ukraine"
        ("where is greenland", None),  # asked of a place
        ("who did not sign the joint declaration", "a negative"),
        ("who didn't sign the declaration", "a negative"),
        ("who didnt sign the declaration", "a negative"),  # as typed in a chat
        ("which short-term option have russian officials turned down or rejected", "a negative"),
        ("what is the president's agreement about", None),  # "president", "agreement": no "n't"
        ("interesting, and what position did she hold, if you don't mind me asking?", None),
        ("I was asked something I couldn't answer. Who hosted the summit?", None),  # the asking, not the question
        ("when was it not yet agreed", "a date"),  # a date first
        ("why were people worried the us might not be dependable", None),  # a reason is asked, not a negative
        ("why won't poland send troops", None),
    ],
)
def test_the_kind_of_answer_asked_for_is_ranked_up(question: str, ranked: str | None) -> None:
    kind = ranked_kind(question)
    assert (kind.name if kind else None) == ranked


def test_dates_as_news_writes_them() -> None:
    for text in ("Paris, France, 6 January 2026.", "on Tuesday afternoon", "formed last spring", "said last September"):
        assert DATE.found_in(text), text
    assert not DATE.found_in("in the event of a peace deal")


def test_a_negative_as_news_states_one() -> None:
    negatives = ("the US did not sign the joint declaration", "a proposal Kyiv rejected", "Moscow has ruled out")
    for text in (*negatives, "There was no immediate response", "it wasn’t signed", "was removed from a draft"):
        assert NEGATIVE.found_in(text), text
    for text in ("The president signed it.", "The agreement holds.", "a notable step"):
        assert not NEGATIVE.found_in(text), text


def test_a_place_as_news_gives_a_venue() -> None:
    for text in ("shake hands at the Élysée Palace in Paris.", "talks at Downing Street", "met at Lancaster House"):
        assert PLACE.found_in(text), text
    for text in ("At the meeting, they agreed.", "at a news conference", "at Tuesday’s summit", "held in Paris"):
        assert not PLACE.found_in(text), text


def test_a_venue_is_asked_for_by_where_and_by_which_building() -> None:
    for question in ("where was the summit held", "where exactly was it held", "which building was it held in?"):
        assert ranked_kind(question) is PLACE, question
    for question in ("where will the troops be based", "which countries will send troops", "where is greenland"):
        assert ranked_kind(question) is not PLACE, question


def _hit(text: str, row: int) -> Hit:
    passage = Passage(f"a:{row:03d}", "a", row, text, 0, len(text), (0, 0), (0, 0), "Sky", "stated", "h", "")
    return Hit(passage, row, 1.0 / (row + 1), 0.5, 1.0)


def test_passages_giving_the_kind_come_first_near_the_top_but_not_from_far_down() -> None:
    filler = [_hit(f"The leaders talked about the plan, point {n}.", n) for n in range(60)]
    signed, formed = _hit("It was signed on 6 January 2026.", 100), _hit("The coalition was formed last spring.", 101)
    hits = [*filler[:5], signed, *filler[5:38], formed, *filler[38:]]  # 6th and 39th by the search
    rows = [hit.row for hit in holders_up(hits, DATE)]
    assert rows[0] == 100  # the first date is now first
    assert 20 < rows.index(101) < 30  # the far one passes about a dozen only
    assert [row for row in rows if row < 100] == list(range(60))  # the others keep their order
    assert [hit.row for hit in holders_up(hits, None)] == [hit.row for hit in hits]


def test_a_venue_comes_up_further_than_other_kinds() -> None:
    filler = [_hit(f"The leaders talked about the plan, point {n}.", n) for n in range(60)]
    venue = _hit("They shook hands after signing it, at the Élysée Palace in Paris, on 6 January 2026.", 100)
    hits = [*filler[:12], venue, *filler[12:]]  # 13th by the search
    assert [hit.row for hit in holders_up(hits, PLACE)].index(100) < 5
    assert [hit.row for hit in holders_up(hits, DATE)].index(100) >= 5  # a date that far down stays below 5th


def test_what_a_how_many_question_counts_and_the_figures_that_count_it() -> None:
    assert counted_stems("How many guarantees does the Paris text list?") == {"guarante"}
    assert counted_stems("how many US officials came?") == {"us", "offici"}
    assert counted_stems("what did macron say?") == frozenset()
    question = "how many guarantees does the declaration list?"
    assert gives_count_asked(question, "a just and lasting peace through five key security guarantees.")
    assert gives_count_asked(question, "It lists 5 guarantees.")
    assert not gives_count_asked(question, "Signed by the leaders of 26 nations, it guarantees peace.")  # nations
    assert not gives_count_asked(question, "The guarantees are robust.")  # no figure
    assert not gives_count_asked("how many nations signed?", "five key security guarantees")
    # "the two countries" refers back to countries already named: no count of them
    assert not gives_count_asked("how many countries backed it?", "Starmer said the two countries would lead.")
    assert gives_count_asked("how many countries backed it?", "Officials from 35 countries met in Paris.")


def test_news_saying_a_count_was_not_given_answers_how_many() -> None:
    assert counted_stems("how many soldiers are going?") == {"soldier", "troop", "personnel"}  # one count, its names
    withheld = "No details were provided on troop numbers or the precise timeline for deployment.\nUS Signals Support"
    assert gives_count_asked("did anyone say how many soldiers would go", withheld)
    assert gives_count_asked("how many troops will be deployed?", "Officials did not say how many troops would go.")
    assert not gives_count_asked("how many drones were sent?", withheld)  # troops' numbers withheld, not drones'
    assert not gives_count_asked("how many troops will go?", "There were no details on the timeline.")  # no count


def test_a_passage_saying_the_count_was_not_given_comes_up_with_the_figures() -> None:
    filler = [_hit("The leaders talked about the plan.", n) for n in range(60)]
    withheld = _hit("No details were provided on troop numbers or the precise timeline for deployment.", 100)
    hits = [*filler[:12], withheld, *filler[12:]]  # 13th by the search
    assert [hit.row for hit in holders_up(hits, NUMBER, "how many soldiers will be deployed?")].index(100) < 3
    assert [hit.row for hit in holders_up(hits, NUMBER, "how many drones were sent?")].index(100) == 12


def test_a_figure_counting_what_is_asked_comes_up_before_other_figures() -> None:
    filler = [_hit("The leaders talked about the plan.", n) for n in range(60)]  # no figure
    nations = _hit("Leaders from more than two dozen allied nations gathered in Paris.", 100)
    guarantees = _hit("The declaration, signed by 26 nations, sets out five key security guarantees.", 101)
    hits = [nations, *filler[:3], guarantees, *filler[3:]]  # 1st and 5th by the search
    asked = "how many guarantees does it list?"
    assert [hit.row for hit in holders_up(hits, NUMBER, asked)][:2] == [101, 100]
    assert [hit.row for hit in holders_up(hits, NUMBER)][:2] == [100, 101]  # any figure: the search's order stays


def test_the_sentences_of_a_passage_that_give_a_figure() -> None:
    kind = asked_kind("how many people were killed?")
    assert kind is not None
    text = "The killing has to stop, he said. The coalition will sustain a force of 800,000 troops.\nNo figure here."
    assert kind.sentences_giving(text) == ["The coalition will sustain a force of 800,000 troops."]


def test_a_name_given_is_looked_for_where_a_naming_verb_gives_one() -> None:
    # "what did macron call the deal?": "The French president dubbed the agreement the “Paris Declaration”" says
    # "the French president", not "Macron", and most passages quote someone; it was 7th and worse in four blind sets
    quoting = [_hit(f"“We will stand by Ukraine,” leader {n} said of the plan.", n) for n in range(10)]
    dubbed = _hit("The French president dubbed the agreement the “Paris Declaration”.", 100)
    hits = [*quoting[:6], dubbed, *quoting[6:]]
    for question in (
        "what did macron call the deal",
        "what did macron end up calling this deal",
        "so what name did macron slap on it",
        "which name did macron give to the signed document?",
        "what grand name did macron slap on the agreement?",
        "macron's nickname for the deal?",
    ):
        assert ranked_kind(question) is WORDING, question
        assert holders_up(hits, WORDING, question)[0].row == 100, question
    # "how did … describe" is answered by a quotation, which a naming verb does not outrank
    described = holders_up(hits, WORDING, "how did macron describe the deal")
    assert described[0].row == 0
