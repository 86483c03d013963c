"""Colloquial words and idioms are read as the plain words the articles use, with a note saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.conversation import Conversation
from bot.engine import Engine
from bot.plain_words import news_reading, plain_reading
from index.spelling import Correction


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("where did the big powwow happen", "where did the big meeting happen"),
        ("who hosted the bash in paris", "who hosted the meeting in paris"),
        ("what did POTUS's envoy say", "what did the US president's envoy say"),
        ("how many countries turned up?", "how many countries attended?"),
        ("who showed up in Paris", "who attended in Paris"),
        ("did the yanks sign", "did the Americans sign"),
        ("what do the brits want", "what do the British want"),
        ("and what about the poles", "and what about the Polish"),
        ("are they nearly done with the security side", "are they close to completion with the security side"),
        ("is the plan almost finished", "is the plan close to completion"),
        ("are the danes sending anyone", "are the Danish sending anyone"),
        ("did the turks sign", "did the Turkish sign"),
        ("what did he christen the deal", "what did he call the deal"),
        ("who is footing the bill", "who is paying"),
        ("what's russia's track record on peace deals", "what's russia's history on peace deals"),
        ("why could the deployment take ages to happen", "why could the deployment take a long time to happen"),
        ("they have been talking for ages", "they have been talking for a long time"),
        ("once the guns fall silent", "once there is a ceasefire"),
        ("does moscow want only a brief pause in fighting?", "does moscow want only a brief ceasefire?"),
        ("is russia open to a lull in the fighting", "is russia open to a ceasefire"),
        ("did the americans put their names to it?", "did the americans sign it?"),
        ("the us puts its name on the deal", "the us signs the deal"),
        ("who is putting their name to the declaration", "who is signing the declaration"),
        ("what's the price tag", "what's the cost"),
        ("is uncle sam on the hook", "is the United States committed"),
        ("why is the american promise a big deal", "why is the american promise significant"),
        ("is it such a big deal for ukraine", "is it significant for ukraine"),
        ("🇺🇦 troops how many", "Ukraine troops how many"),
        ("did🇺🇸 sign?", "did the US sign?"),
        ("what was signed on 6 jan", "what was signed on 6 January"),
        ("what happened jan 6th?", "what happened January 6th?"),
        ("sept 12", "September 12"),
        ("is it true ukraine can keep 800k troops", "is it true ukraine can keep 800,000 troops"),
        ("a 1.5bn fund", "a 1.5 billion fund"),
        ("what's the 20pt plan", "what's the 20-point plan"),
        ("how long has the war gone on, ~4 yrs?", "how long has the war gone on, ~4 years?"),
        ("what happened on tues 6/1 in paris", "what happened on Tuesday 6/1 in paris"),
        ("what did the nov draft say", "what did the November draft say"),
        ("how many ppl came", "how many people came"),
        ("what did european leaders say back?", "what did european leaders say?"),
        ("how did moscow hit back", "how did moscow respond"),
        ("so what's still bugging him?", "so what's still bothering him?"),
        ("it bugs me that nobody says", "it bothers me that nobody says"),
        ("does kyiv already know who is chipping in what?", "does kyiv already know who is contribute what?"),
        ("will canada chip in troops", "will canada contribute troops"),
        ("did the us put its signature on the paris document", "did the us sign the paris document"),
        ("why are people nervous about counting on washington", "why are people nervous about rely on washington"),
    ],
)
def test_a_colloquial_wording_is_read_plainly(question: str, read: str) -> None:
    assert plain_reading(question)[0] == read


@pytest.mark.parametrize(
    "question",
    [
        "will they turn up the pressure on Russia",  # "turn up" before an object is no arrival
        "did trump bash europe",  # "bash" without "the" is to attack
        "who hosted the summit",
        "🇧🇷 view?",  # a flag of no country in FLAG_COUNTRIES
        "what did jan lipavsky say",  # "jan" with no day next to it may be a name
        "who put the names of the countries on the list",  # a name put to something only after "their", "its" …
        "what may 2 parties agree",
        "what did the kremlin say",  # no figure before "k"
        "how many points are in the plan",
        "what's in the big deal",  # "the big deal" may be the agreement itself
        "will the us back the deal",  # "back" as "support"
        "did trump back down",
        "is there a bug in the plan",  # the noun
    ],
)
def test_plain_wording_is_left_as_typed(question: str) -> None:
    assert plain_reading(question) == (question, ())


def test_each_reading_is_listed_as_typed() -> None:
    _, read = plain_reading("Was there drama between the Yanks and Europe at the presser?")
    assert [(r.typed, r.read_as) for r in read] == [("presser", "press conference"), ("Yanks", "Americans")]


def test_a_question_in_slang_is_answered_and_says_how_it_was_read(seed_index: Path) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    # Before, "powwow" was a word no passage covered: refused, and the meeting's place was not in the top 10.
    answer = engine.ask("where did the big powwow happen")
    assert answer.answered
    assert "Read “powwow” as “meeting”." in answer.notes
    assert any("Paris" in cited.passage.text for cited in answer.passages)


def test_a_nickname_read_plainly_still_finds_a_country_the_articles_never_mention(seed_index: Path) -> None:
    answer = Engine(Settings(index_dir=seed_index)).ask("what did the aussies pledge")
    assert not answer.answered
    assert "The articles never mention Australians." in answer.notes


def test_a_readers_word_is_read_as_news_writes_it_only_where_no_article_uses_it() -> None:
    question, read = news_reading("how big will ukraine's army be", {"armed", "forces"})
    assert question == "how big will ukraine's armed forces be"
    assert [(r.typed, r.read_as) for r in read] == [("army", "armed forces")]
    assert news_reading("how big will the Russian army be", {"army", "russian"}) == (
        "how big will the Russian army be",
        (),
    )
    assert news_reading("who armed them", set()) == ("who armed them", ())
    assert news_reading("were the armies ready", {"army"}) == ("were the armies ready", ())  # "army" is written


def test_a_group_set_up_is_read_as_formed_at_the_end_of_a_question_only() -> None:
    # three readers writing blind asked it so; the articles say "since the coalition was formed last spring"
    assert news_reading("when was the coalition of the willing first set up?", set())[0] == (
        "when was the coalition of the willing formed?"
    )
    assert news_reading("when was it set up in the first place", set())[0] == "when was it formed in the first place"
    assert news_reading("who set up the hubs", set()) == ("who set up the hubs", ())  # not a group's start
    assert news_reading("when was it set up", {"set"}) == ("when was it set up", ())  # the articles say "set"


def test_the_army_asked_after_finds_the_armed_forces(seed_index: Path) -> None:
    # "army" is in no seed article: BM25 matched nothing for it and "ukraine's armed forces" was 6th, refused
    answer = Engine(Settings(index_dir=seed_index)).ask("ukraine army still fight first?", k=10, page=3)
    assert answer.answered
    assert "Read “army” as “armed forces”." in answer.notes
    assert any("first line of defence" in cited.passage.text for cited in answer.passages[:5])


def test_who_defends_ukraine_finds_its_armed_forces_first_line_of_defence(seed_index: Path) -> None:
    # "defend" met nothing in BM25 ("defence" and "defensive" stem otherwise): the passage was 7th
    engine = Engine(Settings(index_dir=seed_index))
    answer = engine.ask("who will defend ukraine if russia attacks again?", k=10, page=3)
    assert "Read “defend” as “defence”." in answer.notes
    assert any("first line of defence" in cited.passage.text for cited in answer.passages[:5])


def test_who_leads_a_country_or_body_is_read_as_its_head() -> None:
    assert plain_reading("who leads nato now?")[0] == "who is the head of nato now?"
    assert plain_reading("who's in charge of the uk")[0] == "who is the head of the uk"
    assert plain_reading("who runs germany")[0] == "who is the head of germany"
    # a thing led is not a country's head: "who's in charge of it" after the force is "led by European allies"
    assert plain_reading("who's in charge of it then")[0] == "who's in charge of it then"
    assert plain_reading("who leads the force")[0] == "who leads the force"


def test_who_leads_nato_finds_its_secretary_general(seed_index: Path) -> None:
    # "taking the lead" came first for "leads"; NATO Secretary-General Mark Rutte was 9th
    answer = Engine(Settings(index_dir=seed_index)).ask("who leads nato now?", k=10, page=3)
    assert "Read “the head of nato” as Mark Rutte." in answer.notes
    assert "Rutte" in answer.passages[0].passage.text


def test_readers_words_for_what_news_writes_otherwise_are_read_as_news_writes_them() -> None:
    vocabulary = {"short-term", "concerns", "open", "protected", "facilities", "splits", "surrender", "cap", "delay"}
    for typed, read_as in [
        ("is moscow open to a temporary truce", "is moscow open to a short-term ceasefire"),
        ("could the deal push back a truce", "could the deal delay a ceasefire"),
        ("were the talks postponed", "were the talks delay"),
        ("how long will the truces last", "how long will the ceasefires last"),
        ("what will the deal let them do", "what will the deal allow them do"),
        ("what is trump's attitude to europe", "what is trump's tone to europe"),
        ("what's the hardest part", "what's the most difficult part"),
        ("the toughest issue", "the most difficult issue"),
        ("why were analysts nervous", "why were analysts concerned"),
        ("what is still unresolved", "what is still open"),
        ("where will the weapons be stored", "where will the weapons be protected facilities"),
        ("what will the hubs store", "what will the hubs protected facilities"),
        ("was there a rift in nato", "was there a splits in nato"),
        ("talk of divisions", "talk of splits"),
        ("is that a capitulation", "is that a surrender"),
        ("it lays the groundwork", "it lays the foundations"),
        ("the 600k limit", "the 600k cap"),
        ("what surprised observers", "what unexpected observers"),
        ("are they happy with it", "are they welcomed it"),
        ("has moscow responded", "has moscow response"),
        ("if the talks get stuck", "if the talks get stalled"),
        ("what have they threatened", "what have they warned"),
        ("the us team", "the us delegation"),
        ("why so tense", "why so tensions"),
        ("what was dropped", "what was removed"),
        ("could it slow down peace", "could it delay peace"),
        ("what is holding up a deal", "what is obstacle a deal"),
        ("how will its forces recover", "how will its forces rebuild"),
        ("who does the defending", "who does the defence"),
        ("which leader did the us seize", "which leader did the us capturing"),
        ("did they deny a split", "did they slapped down a split"),
        ("if either side broke the truce", "if either side violating the ceasefire"),
        ("if russia breaks the deal", "if russia violating the deal"),
        ("is the us a dependable ally", "is the us a reliable ally"),
        ("doubts about its dependability", "doubts about its reliability"),
    ]:
        assert news_reading(typed, vocabulary)[0] == read_as
    assert news_reading("where will the weapons be stored", {"stored"}) == ("where will the weapons be stored", ())
    assert news_reading("who restored order", set()) == ("who restored order", ())  # whole words only
    assert news_reading("was he happy", set()) == ("was he happy", ())  # "happy with" only
    assert news_reading("will the ceasefire hold up", set()) == ("will the ceasefire hold up", ())  # it lasts
    assert news_reading("did they take a break", set()) == ("did they take a break", ())  # the noun
    # "push back against" resists; only a pushed-back thing is delayed
    assert news_reading("did kyiv push back against the plan", set()) == ("did kyiv push back against the plan", ())
    assert news_reading("is there a truce", {"truce"}) == ("is there a truce", ())
    # each wording switches off on its own forms: articles saying "a push for peace" still read "postponed"
    assert news_reading("was it postponed", {"push"}) == ("was it delay", (Correction("postponed", "delay"),))
    for chat in ("let me know who signed", "let's see who signed", "let us know"):  # the reader's own asking
        assert news_reading(chat, set()) == (chat, ())


@pytest.mark.parametrize(
    ("question", "answer_words", "note"),
    [
        # "temporary" is in no seed article, which says "short-term": the passage was 3rd
        ("does moscow want a temporary ceasefire?", "short-term ceasefire", "Read “temporary” as “short-term”."),
        # refused for "nervous", though "raised concerns among analysts about Washington’s reliability" was 1st
        ("why were analysts nervous about relying on the us?", "raised concerns", "Read “nervous” as “concerned”."),
        # refused for "unresolved", though Zelensky's issues that "remain open" were 1st
        ("what's the biggest unresolved issue for zelensky", "remain open", "Read “unresolved” as “open”."),
        # refused for "stored", though the "protected facilities for weapons" were 1st
        ("where will the weapons be stored?", "protected facilities", "Read “stored” as “protected facilities”."),
        # "a peace agreement never becomes a Ukrainian surrender" was outside the top 10
        ("what keeps a deal from being a capitulation by ukraine?", "surrender", "Read “capitulation” as “surrender”."),
        # Zelensky "welcomed the deal" was outside the top 10
        ("were the ukrainians happy with the deal?", "welcomed the deal", "Read “happy with” as “welcomed”."),
        # refused for "limit", though "capping Ukraine's military at 600,000" was 1st
        ("what did kyiv think of the limit on its military?", "capping", "Read “limit” as “cap”."),
        # "a final peace deal with Russia remains uncertain" was 3rd
        ("why is everyone unsure a peace deal will happen?", "remains uncertain", "Read “unsure” as “uncertain”."),
        # refused for "tense", though "heightened global tensions" was 3rd
        ("why was the world so tense when the leaders met?", "tensions", "Read “tense” as “tensions”."),
        # refused for "drop", though "was removed from an earlier draft" was 1st
        ("what did the us drop from the draft?", "removed from an earlier draft", "Read “drop” as “removed”."),
        # Putin "warned" that Western forces would be a "legitimate target": 2nd
        ("what has russia threatened to do to western troops?", "legitimate target", "Read “threatened” as “warned”."),
        # "raised concerns among analysts about Washington’s reliability" was 3rd
        ("Why were people worried America might not be dependable?", "reliability", "Read “dependable” as “reliable”."),
        # "the coalition of the willing agreement could delay a ceasefire" was 8th
        (
            "why might the deal actually push back a truce",
            "could delay a ceasefire",
            "Read “push back” as “delay”, “truce” as “ceasefire”.",
        ),
    ],
)
def test_a_question_in_readers_words_finds_what_news_wrote(
    seed_index: Path, question: str, answer_words: str, note: str
) -> None:
    answer = Engine(Settings(index_dir=seed_index)).ask(question, k=10, page=3)
    assert answer.answered
    assert note in answer.notes
    assert answer_words in answer.passages[0].passage.text


def test_a_nations_people_are_read_as_its_adjective_after_the_only(seed_index: Path) -> None:
    assert plain_reading("how long are ski poles") == ("how long are ski poles", ())
    conversation = Conversation()
    engine = Engine(Settings(index_dir=seed_index))
    engine.reply(conversation, "what did italy say about troops?")
    answer = engine.reply(conversation, "and what about the poles")  # refused for "poles", its answer 1st
    assert answer.answered and "Italy and Poland" in answer.passages[0].passage.text


def test_what_a_deal_lets_someone_do_and_an_attitude_find_what_news_wrote(seed_index: Path) -> None:
    # "allow the Ukrainian armed forces to rebuild strength" was outside the top 10
    answer = Engine(Settings(index_dir=seed_index)).ask("what does the deal let ukraine's army do in the meantime", k=5)
    assert "Read “army” as “armed forces”, “let” as “allow”." in answer.notes
    assert any("rebuild strength" in cited.passage.text for cited in answer.passages)
    # "the rocky, constantly changing tone from Donald Trump" was outside the top 10
    answer = Engine(Settings(index_dir=seed_index)).ask("what has trump's attitude to europe been like lately", k=5)
    assert "Read “attitude” as “tone”." in answer.notes
    assert any("constantly changing tone" in cited.passage.text for cited in answer.passages)


@pytest.mark.parametrize(
    ("before", "follow_up", "answer_words"),
    [
        # refused for "bugging" (no passage covers it) though Zelensky's open issues were 1st
        ("what did zelensky make of the deal?", "so what's still bugging him?", "territor"),
        # refused for "stay", though "stationed in Ukraine" and the hubs across it were 1st
        ("what will the troops do in ukraine?", "and where will they stay?", "hubs across"),
    ],
)
def test_a_follow_up_in_everyday_words_is_answered(
    seed_index: Path, before: str, follow_up: str, answer_words: str
) -> None:
    engine = Engine(Settings(index_dir=seed_index))
    conversation = Conversation()
    engine.reply(conversation, before)
    answer = engine.reply(conversation, follow_up)
    assert answer.answered
    assert any(answer_words in cited.passage.text for cited in answer.passages[:3])


def test_weapons_stashed_and_a_legal_basis_are_read_as_news_writes_them() -> None:
    # "build protected facilities for weapons and military equipment"; "creates the legal framework for allowing …"
    stash = news_reading("where will they stash the weapons", set())[0]
    assert stash == "where will they protected facilities the weapons"
    basis = news_reading("does it give a legal basis for troops", set())[0]
    assert basis == "does it give a legal framework for troops"
    assert news_reading("on what basis", set()) == ("on what basis", ())  # only the legal one
    assert news_reading("is there a legal basis", {"basis"}) == ("is there a legal basis", ())  # the articles say it


def test_signing_and_the_front_are_read_as_news_writes_them() -> None:
    # "the US did not sign the joint declaration"; "remain far from active battle lines"
    pen = plain_reading("did washington put pen to paper on the paris doc")[0]
    assert pen == "did washington sign the paris doc"
    assert news_reading("was the us one of the signatories", set())[0] == "was the us one of the those who signed"
    front = news_reading("will the troops be near the front or held back", set())[0]
    assert front == "will the troops be near the battle lines or held back"
    assert news_reading("how far from the front lines", set())[0] == "how far from the battle lines"
    assert news_reading("who stood at the front of the room", set()) == ("who stood at the front of the room", ())
    assert news_reading("near the front", {"front"}) == ("near the front", ())  # the articles say "front"


def test_more_chat_shorthand_and_idioms_are_read_plainly() -> None:
    # four readers writing blind: "wk", "mtg", "played host for", "the first version" ("an earlier draft")
    assert plain_reading("what day of the wk was the paris mtg")[0] == "what day of the week was the paris meeting"
    assert plain_reading("how long was the press conf")[0] == "how long was the press conference"
    assert plain_reading("who played host for the talks")[0] == "who hosted the talks"
    assert plain_reading("did america put its own name on the paper")[0] == "did america sign the paper"
    first = news_reading("what got taken out of the first version of the deal", set())[0]
    assert first == "what got taken out of an earlier draft of the deal"
    assert news_reading("the first version", {"version"}) == ("the first version", ())  # the articles say "version"
