"""What a message says about itself rather than about the news: greetings and requests around a question ("hey,
can you tell me …", "… thanks"), references to the articles ("according to the articles", "what do the reports
say about …") and closing punctuation, left out of what is searched; figures written short ("800k", "£2bn") written
out; and messages that ask nothing of the articles (small talk, what the articles are, what newsbot is) or all of
them ("what happened?")."""

from __future__ import annotations

import re

SOURCES = r"articles?|reports?|news(?! conference)|stories|story|sources?|texts?|coverage|outlets?|papers?|newspapers?"
THESE = r"the|these|those|this|your|our"
REPORTING = r"say|says|said|mention|mentions|report|reports|state|states|tell|suggest|indicate|claim|note|write"
# "what do the reports say about greenland?": "about" goes with the reference, or "what about greenland" is left,
# which reads as a follow-up.
ABOUT = r"(?:\s+about\b)?"
CORPUS_REFERENCES = re.compile(
    rf"\b(?:according to|based on|going by|in|from) (?:{THESE}) (?:{SOURCES})\b,?|\bin (?:news )?articles\b"
    rf"|\b(?:do|does|did) (?:(?:{THESE}) )?(?:{SOURCES}) (?:(?:actually|really|even) )?(?:{REPORTING})"
    rf"(?: (?:us|me|anything))?\b{ABOUT}"
    rf"|\b(?:{THESE}) (?:{SOURCES}) (?:{REPORTING})\b{ABOUT}",
    re.IGNORECASE,
)
GREETING_WORDS = r"hey|hi|hello|ok(?:ay)?|um|uh|hmm|wait|sorry|quick question|question|bot"
GREETING = rf"(?:{GREETING_WORDS})\b[\s,:!.-]*"
SUMMARY_WORDS = r"tl;? ?dr|eli5|recap"  # "tl;dr of the summit?": "tl" and "dr" are no subject
REQUEST = (
    r"(?:(?:please|pls|plz)\s+)?(?:(?:can|could|would|will) you\s+(?:please\s+)?(?:tell|show|explain to|remind) me"
    r"|tell me|i(?:'d| would) like to know|i want to know|i(?:'m| am)? wonder(?:ing)?|do you know|answer(?: me| this)?"
    rf"|(?:{SUMMARY_WORDS})(?: (?:of|on|for|about))?)"
    r"\b[\s,:]*"
)
# Where a question stands in the reader's list ("next question: …", "ok next - …", "first, …", "finally, …"): only
# before a comma, colon or dash, or with "question", so "first lady" and "next meeting" stay (bot/evidence.py
# counts "first", "next" and "last" only where the passages say them).
ORDINAL_WORDS = r"(?:first|next|last|final|another|one more)"
ORDINAL = (
    rf"(?:{ORDINAL_WORDS}(?:\s+(?:question|one|thing))?\s*[:,–—-]+\s*|{ORDINAL_WORDS}\s+question\b[\s,:!.-]*"
    r"|(?:firstly|lastly|finally)\b[\s,:]*|(?:first|last) of all\b[\s,:]*)"
)
OPENING = re.compile(rf"^\s*(?:{GREETING}|{ORDINAL})*(?:{REQUEST})?", re.IGNORECASE)
# A quiz's frame around a question ("true or false: …", "fill in the blank: … ___", "multiple choice: …", "…, yes or
# no?"): it says how the reader wants the answer, not what about, and the blank is where the answer goes. Searched
# as typed (measured: leaving it out moved three ranks, two of them down), but no word the passages must cover.
QUIZ_WORDS = (
    r"true or false|yes or no|fill in the blanks?|complete (?:the|this) (?:quote|quotation|sentence)"
    r"|multiple choice|quiz(?: question)?"
)
QUIZ_FRAME = re.compile(
    rf"^\s*(?:{QUIZ_WORDS})\s*[:,?!.–—-]+|[\s,;:—–-]+(?:true or false|yes or no)\s*(?=[?!.…]*\s*$)"
    r"|_{2,}|\[\s*(?:blank)?\s*\]",
    re.IGNORECASE,
)
# How a reader frames a question in conversation, before it ("honestly, …", "I read somewhere that …", "I don't get
# why …", "is there anything about …") and after it ("…, is that true?", "…, any idea?"): no subject to search.
DISCOURSE = r"(?:basically|honestly|seriously|anyway|just curious|out of curiosity)\b[\s,:]*"
CLAIM = (
    r"(?:i(?:'ve| have)? (?:read|heard|saw|seen)(?: (?:somewhere|online|on the news|in the news|on twitter))?"
    r"(?: that)?|(?:some(?:one|body)|my (?:friend|mate|colleague|dad|mum|mom|boss|teacher))"
    r" (?:told me|said|says|thinks)(?: that)?|people (?:are saying|say|said)(?: that)?"
    r"|apparently|is it (?:true|right|correct)(?! or)(?: that)?"
    r"|i(?:'m| am) (?:trying to understand|confused about|curious about|not sure)|help me understand"
    r"|i (?:don't|do not|can't|cannot) (?:get|understand|see)"
    r"|is there any(?:thing| info(?:rmation)?| mention)? (?:about|on))\b[\s,:]*"
)
FRAMING = re.compile(rf"^(\s*(?:(?:so|and|but)\s+)?)(?:{DISCOURSE}|{CLAIM}|{REQUEST})+", re.IGNORECASE)
CHECK = re.compile(
    r"[\s,;:—–-]+(?:is (?:that|this|it) (?:true|right|correct|so|accurate)|or not|any ideas?|if you know"
    r"|who(?:'s|’s| is) right|(?:which|who) is (?:true|correct)|am i (?:right|wrong)"
    r"|(?:can|could) you explain(?: (?:that|this|it|why))?(?: to me)?|please explain)[\s?!.…]*$",
    re.IGNORECASE,
)
BARE_CHECK = re.compile(r"(?:really|true|right|correct|sure|is (?:that|this|it)(?: so)?|or not)", re.IGNORECASE)
# Requests written as commands, read as the questions they stand for, so that what they ask for is seen as in a
# question: "List the Ukrainian cities where …" as "which Ukrainian cities where …", "Give me the number of …" as
# "what is the number of …", "Explain why …" as "why …".
# "name" is a command only before an article ("Name the hotel …"; not "name macron gave the agreement").
AS_WHICH = re.compile(
    r"^(?:please\s+)?(?:(?:list|identify)\s+(?:all\s+)?(?:the\s+)?|name\s+(?:all\s+)?(?:the|a|an|any)\s+)(?=\w)",
    re.IGNORECASE,
)
POSSESSED = r"the|his|her|their|its|[\w-]+['’]s"
AS_WHAT = re.compile(
    rf"^(?:please\s+)?(?:(?:give|show|find)(?:\s+me)?|describe|outline|explain)\s+(?=(?:{POSSESSED})\s)", re.IGNORECASE
)
# The words a question opens with: a question word, or an auxiliary put first (bot/asker.py, bot/messages.py).
WH = r"who|whom|whose|what|which|when|where|why|how"
AUXILIARIES = r"is|are|was|were|do|does|did|will|would|can|could|should|has|have|had"
WH_WORDS = rf"{WH}|whether"
COMMAND_BEFORE_WH = re.compile(
    rf"^(?:please\s+)?(?:explain|describe|outline|summari[sz]e|quote|show me|find out)\s+(?=(?:{WH_WORDS})\b)",
    re.IGNORECASE,
)
# Courtesy inside a question that reads as a negative ("what did macron say, if you don't mind?"), not a question
# after what did not happen.
ASKING_POLITELY = re.compile(r"\bif you don['’]?t mind\b", re.I)
SIGN_OFF_WORDS = r"lol|btw|thanks|thank you|thx|ty|please|pls|plz|cheers|mate"
SIGN_OFF = re.compile(rf"[\s,]+(?:{SIGN_OFF_WORDS})[\s?!.…]*$", re.IGNORECASE)
CLOSING = re.compile(r"[\s?!.…]+$")
COLLECTION = r"(?:articles|sources|outlets|stories|reports|papers|newspapers|news sources|news|publications)"
ASKS_FOR_SOURCES = re.compile(
    rf"^\s*(?:(?:what|which) (?:{COLLECTION})(?: (?:do you have|have you got|are there|do you know|do you use|"
    rf"are you using|are in (?:the|your) index|do you cover|can i ask about"
    r"|(?:covered|cover|reported on|report on|wrote about|write about|ran) (?:this|it|that|the story|this story)))?"
    rf"|(?:list|show)(?: me)? (?:the |your |all )?(?:{COLLECTION})|what are your sources"
    rf"|where (?:does|do) your (?:news|information|articles) come from"
    rf"|how many (?:{COLLECTION})(?: are there| do you have| have you got| are in (?:the|your) index)?)[\s?!.]*$",
    re.IGNORECASE,
)
ASKS_ABOUT_BOT = re.compile(
    r"(?:who|what) are you|what (?:can|do) you do|what is this bot|how does this (?:bot )?work|what(?:'s| is) newsbot"
    r"|how do i use (?:this|you|this bot|newsbot)",
    re.IGNORECASE,
)
# Whether to believe the articles or newsbot ("is this fake news?", "can I trust you?"): a question about them,
# not in them. Only with a word pointing at them, so "is the US a reliable partner?" is searched.
JUDGED = r"fake(?: news)?|true|real|accurate|reliable|trustworthy|biased|legit|propaganda|correct|right"
THEM = rf"this|that|it|these|you|newsbot|(?:this|that|the|these|your) (?:{COLLECTION}|article|story|source|bot|answer)"
ASKS_TO_BE_TRUSTED = re.compile(
    rf"(?:is|are) (?:{THEM}) (?:really |actually )?(?:{JUDGED})|can i (?:trust|believe) (?:{THEM})"
    rf"|should i (?:trust|believe) (?:{THEM})|how (?:reliable|accurate|trustworthy) (?:is|are) (?:{THEM})",
    re.IGNORECASE,
)
# "how many articles mention Greenland?", "which articles mention Kushner?": a count over the articles, not a
# figure in them.
MENTION_COUNT = re.compile(
    rf"(?:how many|which|what) (?:of the |of your )?(?:[\w'’.-]+ ){{0,3}}?{COLLECTION}"  # "which Independent articles"
    r"(?: (?:from|by|in) (?:[\w'’.-]+ ){0,3}?[\w'’.-]+)?"  # "… articles from the Independent"
    r"(?: (?:do|does|did))? (?:even |actually )?"
    r"(?:mention|mentions|mentioned|cover|covers|covered|talk about|talks about|talked about|report on|reports on"
    r"|reported on|write about|writes about|wrote about|discuss|discusses|discussed|refer to|refers to|referred to"
    r"|name|names|named|quote|quotes|quoted)"
    r" (?:the )?(?P<topic>.*\w)",
    re.IGNORECASE,
)
# A request for the news as a whole: "what happened?", "what's the latest?", "summarise the news", "tl;dr".
OVERVIEW_PIECES = r"article|articles|story|stories|report|reports|piece|pieces|coverage|reporting"
OVERVIEW = re.compile(
    r"(?:what(?:'s|’s| is| has)? ?(?:happened|happening|going on|new|the news|the latest|the story)"
    r"|summari[sz]e(?: (?:it|this|the news|the articles|the story|everything))?|tl;? ?dr|catch me up"
    r"|give me (?:an overview|a summary|the gist|the key points|the news)"
    r"|(?:the )?(?:key|main) points|(?:an )?overview|what do i need to know"
    # of one article or outlet ("summarise the Independent article": the outlet is read before)
    rf"|(?:summari[sz]e|sum up|recap)(?: (?:the|this|that|their|its))? (?:{OVERVIEW_PIECES})"
    rf"|(?:give me )?(?:a |the )?(?:summary|gist|overview) of (?:the |this |that |their |its )?(?:{OVERVIEW_PIECES})"
    rf"|what(?:'s|’s| is| are) (?:the |this |that |their |its )?(?:{OVERVIEW_PIECES}) about"
    rf"|(?:tell me about|what about|how about|and|what(?:'s|’s| is) in) (?:the |this |that |their |its )?"
    rf"(?:{OVERVIEW_PIECES})"
    rf"|what (?:does|do|did) (?:the |this |that |their |its )?(?:{OVERVIEW_PIECES}) (?:say|cover|report))",
    re.IGNORECASE,
)
SUMMARY_OF = re.compile(rf"^\W*(?:{SUMMARY_WORDS})\b\W*\w", re.IGNORECASE)
# When the articles were published: "when was the Independent article published?", "how old is this story?" (the
# outlet's name is read before this is asked, so it is matched without it).
PIECES = r"article|articles|story|stories|report|reports|piece|pieces|news"
ASKS_PUBLISHED = re.compile(
    rf"when (?:was|were|did) (?:(?:the|this|that|these|those|your) )?(?:(?:{PIECES}|it|they) )?(?:first )?"
    r"(?:published|written|posted|released|come out|came out|out)"
    rf"|what(?:'s| is| was) the (?:publication )?date of (?:(?:the|this|that|these|those) )?(?:{PIECES})"
    rf"|how (?:old|recent|new) (?:is|are) (?:(?:the|this|that|these|those) )?(?:{PIECES})",
    re.IGNORECASE,
)
THE_PIECES = rf"(?:(?:the|this|that|these|those|your) )?(?:(?:original|full|whole) )?(?:{PIECES})"
# What they are called: "what is the headline of the Sky News article?", "what are the headlines?", "what was the
# story called?" (outlet read before, as above). Not "what is the title of the declaration": searched.
ASKS_HEADLINE = re.compile(
    rf"(?:what(?:'s| is| was| are| were) |give me |show me )?(?:the )?(?:headlines?|titles?)(?: of {THE_PIECES})?"
    rf"|what (?:headlines?|titles?) did (?:{THE_PIECES} |it |they )?(?:run|use|have|carry|give it)"
    rf"|what (?:is|was|are|were) {THE_PIECES} (?:called|titled|headlined)",
    re.IGNORECASE,
)
# Where to read them: "link to the Independent story", "what's the url of the article?", "where can I read the full
# report?".
ASKS_LINK = re.compile(
    r"(?:(?:what(?:'s| is| are| was)|give me|send me|share|is there|are there|do you have|got) (?:the |a |any )?)?"
    rf"(?:links?|urls?|web ?address(?:es)?|source links?)(?: (?:to|of|for) {THE_PIECES})?"
    rf"|where (?:can|could|do) i (?:read|find|see) {THE_PIECES}(?: online)?",
    re.IGNORECASE,
)
# Where they are from: "which outlet published article 3?", "where is this story from?", "whose report is it?".
OUTLET_WORDS = r"outlet|paper|newspaper|publication|site|website|news ?site|news outlet|media outlet|source"
ASKS_OUTLET = re.compile(
    rf"(?:which|what) (?:{OUTLET_WORDS}) (?:wrote|published|ran|posted|put out|is|was) (?:{THE_PIECES}|it|this|that)"
    rf"(?: from| by)?"
    rf"|who (?:published|ran|posted|put out) {THE_PIECES}"
    rf"|where (?:is|was|are|were|does|did) (?:{THE_PIECES}|it|this|that|they) (?:from|come from|published)"
    rf"|whose (?:{PIECES}) (?:is|was) (?:it|this|that)"
    rf"|(?:which|what) (?:{OUTLET_WORDS}) (?:is|was) (?:{THE_PIECES}|it|this|that) (?:from|by|in)",
    re.IGNORECASE,
)
# Who wrote them: "who wrote the Sky News article?" (outlet read before, as above). Bylines are page furniture.
ASKS_AUTHOR = re.compile(
    rf"who (?:wrote|writes|authored|reported|is the (?:author|writer|journalist|reporter) of|are the "
    rf"(?:authors|writers|journalists|reporters) of) (?:(?:the|this|that|these|those) )?(?:{PIECES})",
    re.IGNORECASE,
)
# A whole message of courtesy and chat, no question in it: "thanks!", "ok cool", "bye", "help", "test".
COURTESY_WORDS = (
    r"thank u|cool|great|nice|bye|goodbye|see you|good night|test|testing|awesome|perfect|got it|i see|haha|yes|no|"
    r"yep|nope|sure|help|(?:thanks|thank you) (?:a lot|so much|very much|bot|mate)"
)
SMALL_TALK = re.compile(
    rf"^(?:\s*(?:{COURTESY_WORDS}|{GREETING_WORDS}|{SIGN_OFF_WORDS})\b[\s,!.?…]*)+$",
    re.IGNORECASE,
)
THOUSANDS = re.compile(r"\b(\d{1,3})k\b", re.IGNORECASE)  # "800k": "800,000", as news writes it
MILLIONS = re.compile(r"\b(\d+(?:\.\d+)?)(m|b|\s?mn|\s?bn|\s?tn)\b", re.IGNORECASE)  # "2bn": "2 billion"
SCALE = {"m": "million", "mn": "million", "b": "billion", "bn": "billion", "tn": "trillion"}


def searchable(question: str) -> str:
    """The question without the chat around it, references to the articles and closing punctuation, which would
    move its vector ("who hosted the summit?" and "hey, who hosted the summit" rank as "who hosted the summit");
    as typed when nothing is left."""
    stripped = re.sub(r"\s+", " ", CORPUS_REFERENCES.sub(" ", as_question(OPENING.sub("", question))))
    stripped = FRAMING.sub(r"\1", stripped)
    while (shorter := CHECK.sub("", SIGN_OFF.sub("", stripped))) != stripped:
        stripped = shorter
    stripped = CLOSING.sub("", re.sub(r"\s+", " ", stripped)).strip(" ,:;")
    return written_out(stripped) if re.search(r"\w", stripped) else question


def without_courtesy(question: str) -> str:
    """The question without courtesy that reads as a negative ("…, if you don't mind?")."""
    return ASKING_POLITELY.sub(" ", question)


def without_quiz_frame(question: str) -> str:
    """The question without a quiz's frame or blank ("true or false: the summit was in paris" → "the summit was in
    paris"); as typed when nothing is left."""
    unframed = re.sub(r"\s+([?!.…])", r"\1", re.sub(r"\s+", " ", QUIZ_FRAME.sub(" ", question))).strip(" ,:;")
    return unframed if re.search(r"\w", unframed) else question


def as_question(request: str) -> str:
    """A request written as a command, as the question it stands for ("List the countries …" -> "which countries
    …", "Give me the number of …" -> "what is the number of …", "Explain why …" -> "why …"); others as written."""
    request = request.lstrip()
    if COMMAND_BEFORE_WH.match(request):
        return COMMAND_BEFORE_WH.sub("", request, count=1)
    if AS_WHICH.match(request):
        return AS_WHICH.sub("which ", request, count=1)
    return AS_WHAT.sub("what is ", request, count=1)


def asks_for_sources(message: str) -> bool:
    """Whether the message asks what the articles are ("what articles do you have?", "which outlets?")."""
    return bool(ASKS_FOR_SOURCES.match(message))


def asks_about_bot(message: str) -> bool:
    """Whether the message asks what newsbot is or does ("who are you?", "what can you do?")."""
    return bool(ASKS_ABOUT_BOT.fullmatch(message.strip(" ?!.")))


def checks_only(question: str) -> bool:
    """Whether a question only asks if what was said before it is so ("Is that true?", "Really?", "who's right?"),
    with nothing of its own to look for."""
    bare = question.strip(" ?!.…")
    return BARE_CHECK.fullmatch(bare) is not None or not re.search(r"\w", CHECK.sub("", f", {bare}?"))


def asks_to_be_trusted(message: str) -> bool:
    """Whether the message asks if the articles, or newsbot, can be believed ("is this fake news?")."""
    return bool(ASKS_TO_BE_TRUSTED.fullmatch(message.strip(" ?!.…")))


def mention_count_topic(message: str) -> str | None:
    """What a question counting the articles asks about ("how many articles mention Greenland?": "Greenland")."""
    match = MENTION_COUNT.fullmatch(message.strip(" ?!.…\"'“”‘’«»"))
    return match.group("topic").replace("“", "").replace("”", "").replace('"', "") if match else None


def asks_for_summary_of(message: str) -> bool:
    """Whether the message asks for a summary of something it names ("tl;dr of the summit", "recap of the talks",
    "eli5 the guarantees"): a topic of its own, not a follow-up however short."""
    return bool(SUMMARY_OF.match(message))


def asks_for_overview(message: str) -> bool:
    """Whether the message asks for the news as a whole ("what happened?", "what's the latest?", "tl;dr")."""
    return bool(OVERVIEW.fullmatch(message.strip(" ?!.…")))


def asks_when_published(message: str) -> bool:
    """Whether the message asks when the articles were published ("when was the article published?")."""
    return bool(ASKS_PUBLISHED.fullmatch(message.strip(" ?!.…")))


def article_detail_asked(message: str) -> str | None:
    """Which detail of the articles' own the message asks for, answered from their metadata: "published" (when),
    "headline", "link" or "outlet" (which outlet it is from); None for a question about the news."""
    stripped = message.strip(" ?!.…")
    details = (
        ("published", ASKS_PUBLISHED), ("headline", ASKS_HEADLINE), ("link", ASKS_LINK), ("outlet", ASKS_OUTLET)
    )  # fmt: skip
    return next((detail for detail, asks in details if asks.fullmatch(stripped)), None)


def asks_for_author(message: str) -> bool:
    """Whether the message asks who wrote the articles ("who wrote the article?")."""
    return bool(ASKS_AUTHOR.fullmatch(message.strip(" ?!.…")))


def small_talk(message: str) -> bool:
    """Whether the message is only courtesy or chat ("thanks!", "ok cool", "bye"): nothing to search for."""
    return bool(SMALL_TALK.match(message))


def written_out(question: str) -> str:
    """Figures as news writes them: "800k" -> "800,000", "£2bn" -> "£2 billion", "1.5m" -> "1.5 million"."""
    question = THOUSANDS.sub(r"\1,000", question)
    return MILLIONS.sub(lambda m: f"{m.group(1)} {SCALE[m.group(2).strip().lower()]}", question)
