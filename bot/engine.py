"""The engine every surface shares: settings + loaded index -> Answer for a question, a follow-up or "more"."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from bot.acronyms import Acronyms, typed_acronym
from bot.answer import Answer, CitedPassage, best_sentence
from bot.answer_kinds import EVIDENCE_DEPTH, KINDS, gives_count_asked, holders_up, kind_missing, ranked_kind
from bot.asker import split_preamble
from bot.config import Settings
from bot.conversation import Conversation, Listing, Turn
from bot.counted import counted_country
from bot.evidence import EvidenceMeter, confidence, question_words, searched_terms
from bot.figures import disagreements
from bot.followup import ONE_FOR_A_NOUN, EntityLexicon, Reading, asks_new_topic, is_more, one_read_as, read_question
from bot.group import HitGroup, group_hits, lead_with_question_words, mix_outlets
from bot.language import in_english, other_language
from bot.names import corpus_names
from bot.outlets import OutletDirectory
from bot.phrasing import (
    article_detail_asked,
    asks_about_bot,
    asks_for_author,
    asks_for_overview,
    asks_for_sources,
    asks_for_summary_of,
    asks_to_be_trusted,
    checks_only,
    mention_count_topic,
    searchable,
    small_talk,
)
from bot.plain_words import news_reading, plain_reading
from bot.referents import answer_people, answer_place
from bot.roles import MENTIONS_ROLE, RoleDirectory, search_words
from bot.scoping import ScopeReader
from bot.sources import (
    ArticleView,
    ContextView,
    Scope,
    SourceInfo,
    article_view,
    collection_summary,
    first_mentions,
    headline_note,
    in_scope,
    link_note,
    list_sources,
    newest_leads,
    outlet_note,
    outlets_phrase,
    passage_context,
    publication_note,
    scope_of,
)
from index import late_interaction
from index.build import IndexSettings, build_index
from index.chunk import ChunkParams, Passage
from index.corpus import IndexedCorpus
from index.errors import IndexMissingError
from index.lexical import TOKEN
from index.lru import LRUCache
from index.phrases import quoted_phrases, said_words
from index.search import CANDIDATE_DEPTH, Hit, Searcher, SearchOptions
from index.spelling import Correction, Speller
from index.textnorm import quoted_back, safe_text

FIGURE = re.compile(r"\d")  # "800,000", "26 nations": a figure is something to look for, though no word
# Candidates considered for grouping, outlet mixing, disagreements and the kind asked for ranked up: 30 left out
# "No details were provided on troop numbers", 31st for "How many troops are going to be deployed to Ukraine?"
POOL = 50
NO_CONVERSATION = "Nothing to show more of yet: ask a question first."
SMALL_TALK_NOTE = "Ask me about a person, a place or an event in the articles."
OVERVIEW_NOTE = "How the newest articles open; ask about a person, a place or an event for more."
TRUST_NOTE = (
    "I don't judge the articles: I quote them as their outlets wrote them, and each passage names its outlet "
    "(“attribution inferred” where the article does not say it). /sources lists them, to read in full."
)
AUTHOR_NOTE = "The index does not record who wrote the articles: /sources lists each one's outlet, headline and date."
# The notes answering a question about the articles' own details, from their metadata (bot/phrasing.py).
LEAD_NOTES: dict[str, Callable[[Sequence[Passage]], str]] = {
    "published": publication_note,
    "headline": headline_note,
    "link": link_note,
    "outlet": outlet_note,
}
ABOUT = (
    "I answer questions about news articles with the passages that answer them, each cited with its outlet, "
    "and say so when the articles don't answer."
)


@dataclass(frozen=True)
class Understood:
    """A message read in its conversation: what to search, of which articles, after which turn."""

    question: str
    reading: Reading
    scope: Scope | None  # one outlet's articles, or one article; None: all
    previous: Turn | None
    notes: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    phrases: tuple[str, ...] = ()  # quoted phrases some passage holds word for word: searched first
    # Why the articles asked of are not in the index ("No article in the index is attributed to the BBC …")
    missing_source: str | None = None
    as_written: str = ""  # the message with the article or outlet it names read as "the article", chat and all kept


@dataclass(frozen=True)
class Ranked:
    """What a search made of a question on one index: the cited groups, their passages, the evidence score
    (`confidence`: word coverage moved by closeness in meaning, bot/evidence.py).

    A pure function of the question's reading (query, context expansion, outlet, options, k, passages already
    shown): the Engine remembers it per loaded index, so a repeated question is not searched again.
    """

    cited: tuple[CitedPassage, ...]
    passage_ids: tuple[str, ...]
    groups: int
    confidence: float
    evidence: tuple[Passage, ...] = ()  # the passages the confidence was measured on, in order


@dataclass
class Engine:
    """Loads the index once; answers questions and follow-ups with cited, grouped passages."""

    settings: Settings
    answer_cache_size: int | None = None  # None: settings.answer_cache
    _answers: LRUCache[Ranked] = field(init=False, repr=False)
    _answers_for: tuple[object, object] | None = field(default=None, init=False, repr=False)
    _searcher: Searcher | None = field(default=None, init=False, repr=False)
    _lexicon: EntityLexicon | None = field(default=None, init=False, repr=False)
    _roles: RoleDirectory | None = field(default=None, init=False, repr=False)
    _outlets: OutletDirectory | None = field(default=None, init=False, repr=False)
    _evidence: EvidenceMeter | None = field(default=None, init=False, repr=False)
    _speller: Speller | None = field(default=None, init=False, repr=False)
    _acronyms: Acronyms | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        size = self.settings.answer_cache if self.answer_cache_size is None else self.answer_cache_size
        self._answers = LRUCache(size)

    @property
    def index_settings(self) -> IndexSettings:
        s = self.settings
        chunking = ChunkParams(s.min_words, s.max_words)
        return IndexSettings(model=s.model, chunking=chunking, faiss_kind=s.faiss_kind, encoder=s.encoder)

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = Searcher(IndexedCorpus.open(self.settings.index_dir))
        return self._searcher

    @property
    def evidence(self) -> EvidenceMeter:
        """The abstention signal over this index's vocabulary (built once)."""
        if self._evidence is None:
            names = corpus_names([passage.text for passage in self.corpus.passages])
            english = self.searcher.encoder.whole_words()
            # the roles are read on the first question naming one, not before (see `roles`)
            self._evidence = EvidenceMeter(self.corpus.terms, self.searcher.encoder, names, english, lambda: self.roles)
        return self._evidence

    @property
    def corpus(self) -> IndexedCorpus:
        return self.searcher.corpus

    @property
    def speller(self) -> Speller:
        """Typing slips read as the article words they miss (built once per index)."""
        if self._speller is None:
            lexical = self.corpus.lexical
            english = self.searcher.encoder.whole_words()
            names = self.evidence.unknown.name_list
            self._speller = Speller(self.corpus.terms.words, lexical.passages_with, english, names)
        return self._speller

    @property
    def acronyms(self) -> Acronyms:
        """The acronyms a reader may type for the articles' names (built once per index)."""
        if self._acronyms is None:
            texts = [passage.text for passage in self.corpus.passages]
            self._acronyms = Acronyms.from_texts(texts, self.corpus.lexical.passages_with)
        return self._acronyms

    @property
    def lexicon(self) -> EntityLexicon:
        if self._lexicon is None:
            self._lexicon = EntityLexicon.from_texts(record.text for record in self.corpus.articles.values())
        return self._lexicon

    @property
    def roles(self) -> RoleDirectory:
        """Built on the first question that mentions a role (reading every article's people takes a while)."""
        if self._roles is None:
            self._roles = RoleDirectory(record.text for record in self.corpus.articles.values())
        return self._roles

    @property
    def outlets(self) -> OutletDirectory:
        if self._outlets is None:
            articles = self.corpus.articles.values()
            self._outlets = OutletDirectory(r.outlet for r in articles if r.outlet_confidence != "unknown")
        return self._outlets

    def reload_index(self) -> None:
        """Forgets the loaded index (and every answer remembered from it): the next question opens it again."""
        self._searcher = None
        self._lexicon = self._outlets = self._evidence = self._speller = self._roles = self._acronyms = None
        self._answers.clear()

    @property
    def answer_cache(self) -> LRUCache[Ranked]:
        """Rankings remembered for the loaded index and these settings (emptied when either changes)."""
        owner = (self.settings, self.searcher)
        if self._answers_for is None or any(a is not b for a, b in zip(owner, self._answers_for, strict=True)):
            self._answers.clear()
            self._answers_for = owner
        return self._answers

    def ensure_index(self, announce: Callable[[str], None], progress: Callable[[int, int], None] | None = None) -> bool:
        """Build the index over the articles folder if none exists; True if it was built."""
        try:
            IndexedCorpus.open(self.settings.index_dir)
            return False
        except IndexMissingError:
            announce(f"No index at {self.settings.index_dir} yet: building it over {self.settings.articles_dir} …")
            build_index(self.settings.articles_dir, self.settings.index_dir, self.index_settings, progress)
            return True

    def options(self, mode: str | None = None, fusion: str | None = None) -> SearchOptions:
        s = self.settings
        late = late_interaction.wanted(s.late_interaction, len(self.corpus.passages))
        return SearchOptions(mode=mode or s.mode, fusion=fusion or s.fusion, alpha=s.alpha, late_interaction=late)

    # ------------------------------------------------------------------ questions

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        mode: str | None = None,
        fusion: str | None = None,
        context: Sequence[str] = (),
        outlet: str | None = None,
        page: int | None = None,
    ) -> Answer:
        """Answer one question; `context` holds earlier questions of the same conversation (read as in chat).
        `page` lists the k passages as pages of that many, each mixing outlets as one answer of that size
        would (what asking, then 'More', shows); by default the k passages are one page."""
        conversation = self.conversation_from(context)
        options = self.options(mode, fusion)
        return self._respond(conversation, question, k=k, outlet=outlet, options=options, page=page)

    def reply(
        self, conversation: Conversation, text: str, *, outlet: str | None = None, k: int | None = None
    ) -> Answer:
        """One message of a conversation: a question, a follow-up, or 'more'; the turn is recorded."""
        if is_more(text):
            return self.more(conversation, k)
        return self._respond(conversation, text, k=k, outlet=outlet, options=self.options())

    def more(self, conversation: Conversation, k: int | None = None) -> Answer:
        """The next passages for the last question, never repeating one already shown (or the next of a listing:
        "what happened?", "how many articles mention …?")."""
        k = k or self.settings.k
        listing = conversation.current_listing()
        if listing is not None:
            return self._more_listed(listing, k)
        turn = conversation.last()
        if turn is None:
            return Answer("more", False, (), (NO_CONVERSATION,))
        options, shown = self.options(), frozenset(turn.passage_ids)
        scope = scope_of(self.corpus, turn.outlet, turn.article, turn.outlets)
        key = ("more", turn.question, turn.query, turn.expansion, scope, options, k, shown, turn.ranks_shown)
        ranked = self.answer_cache.get_or_compute(key, lambda: self._rank_more(turn, scope, options, k, shown))
        if not ranked.groups:
            note = f"No more passages for “{turn.question}”: that is everything the articles have on it."
            return Answer(turn.question, False, (), (note,))
        turn.passage_ids.extend(ranked.passage_ids)
        turn.ranks_shown += ranked.groups
        turn.timestamp = time.time()
        notes = (f"More for “{turn.question}”:",)  # answered as the question was: a later page cannot change that
        return Answer(turn.question, turn.answered, ranked.cited, notes, {"evidence": round(ranked.confidence, 4)})

    def _more_listed(self, listing: Listing, k: int) -> Answer:
        cited = self._next_listed(listing, k)
        if not cited:
            note = f"No more for “{listing.question}”: that is every article it lists."
            return Answer(listing.question, False, (), (note,))
        listing.timestamp = time.time()
        notes = (f"More for “{listing.question}”:",)
        return Answer(listing.question, True, cited, notes, {"more": bool(listing.rest())})

    def _rank_more(
        self, turn: Turn, scope: Scope | None, options: SearchOptions, k: int, shown: frozenset[str]
    ) -> Ranked:
        phrases = self._quoted(turn.question, scope, self._spelt(turn.question)[0])[0]
        found = self._search(turn.query, turn.expansion, scope, options, len(shown) + POOL, phrases)
        fresh = [hit for hit in found if hit.passage.passage_id not in shown]
        if not fresh:
            return Ranked((), (), 0, 0.0)
        first_rank, dense = turn.ranks_shown + 1, options.embeds_question
        return self._ranked(fresh, turn.query, scope, phrases, k, page=k, first_rank=first_rank, dense=dense)

    def conversation_from(self, questions: Sequence[str]) -> Conversation:
        """A conversation holding earlier questions (as `ask --batch` context gives them), each asked as in chat:
        what a later question reads from them (its terms, the people a "who …?" answer named) is the same."""
        conversation = Conversation()
        for question in questions:
            if question.strip() and TOKEN.search(question):
                self._respond(conversation, question, k=None, outlet=None, options=self.options())
        return conversation

    # ------------------------------------------------------------------ sources

    def sources(self) -> list[SourceInfo]:
        return list_sources(self.corpus)

    def article_view(self, article_id_or_number: str) -> ArticleView:
        return article_view(self.corpus, article_id_or_number)

    def passage_context(self, passage_id: str) -> ContextView:
        return passage_context(self.corpus, passage_id)

    # ------------------------------------------------------------------ internals

    def _respond(
        self,
        conversation: Conversation,
        text: str,
        *,
        k: int | None,
        outlet: str | None,
        options: SearchOptions,
        page: int | None = None,
        told: str | None = None,
    ) -> Answer:
        """The answer to one message (`told`: the statements of its message before it, already a turn). Statements
        before its question are read first, as a turn of their own (see `_statements_first`), and the question after
        them, as a follow-up is after the question before: its "they" and its subject come from them, its own words
        lead."""
        statements = self._statements_first(text) if told is None else None
        if statements is not None:
            told, question = statements
            self._respond(conversation, told, k=None, outlet=outlet, options=options)
            answer = self._respond(conversation, question, k=k, outlet=outlet, options=options, page=page, told=told)
            return replace(answer, question=self._trimmed(text)[0])  # the whole message, as it is shown
        understood = self._understand(conversation, text, outlet, told)
        language = other_language(understood.question)
        if language is not None:  # not searched: the model and the articles are English; the conversation stays
            note = in_english(understood.question, language)
            return Answer(understood.question, False, (), (note,), {"language": language})
        detail = self._detail_asked(understood)
        if detail is not None and understood.missing_source is not None:  # "summarise article 9" of five
            notes = (*understood.notes, understood.missing_source)
            return Answer(understood.question, False, (), notes, self._extra(understood))
        if detail is not None:  # "when was the Independent article published?", "link to the Sky News story"
            return self._leads(conversation, understood, k or self.settings.k, detail)
        counted = self._mentions(conversation, understood, k or self.settings.k)
        if counted is not None:  # "how many articles mention Greenland?"
            return counted
        notes = self._without_search(understood)
        if notes is not None:  # nothing searched, no passage shown; the conversation stays where it was
            return Answer(understood.question, False, (), notes, self._extra(understood))
        reading, k = understood.reading, k or self.settings.k
        page = page or k
        key = ("question", understood.question, reading.query, reading.expansion, understood.scope, options, k, page)
        ranked = self.answer_cache.get_or_compute(key, lambda: self._rank(understood, options, k, page))
        answered = bool(ranked.groups) and ranked.confidence >= self.settings.abstain_below
        answered = answered and understood.missing_source is None
        conversation.add(self._turn(understood, ranked, answered))
        extra = {**self._extra(understood), "evidence": round(ranked.confidence, 4)}
        if understood.missing_source is not None:  # "what did the bbc report?": the others' passages are related
            notes = (*understood.notes, understood.missing_source)
            return Answer(understood.question, False, ranked.cited, notes, extra)
        if not answered:  # say why, where that can be said plainly
            reasons = self.evidence.explain(reading.asked or reading.query, ranked.evidence)
            return Answer(understood.question, False, ranked.cited, (*understood.notes, *reasons), extra)
        return Answer(understood.question, answered, ranked.cited, understood.notes, extra)

    def _statements_first(self, text: str) -> tuple[str, str] | None:
        """A message's statements and its question ("I keep seeing the coalition in the news." / "Where did they
        meet?"); None where it is read as one: a question with no words of its own to lead ("There was a line from
        Zelensky about … What did he say exactly?"), one asking only whether the statements are so ("I read that
        Italy is sending troops. Is that true?"), or a message over `max_question_chars`, cut to it as any is."""
        if self._trimmed(text)[1]:  # cut to `max_question_chars`, with a note saying so
            return None
        told = split_preamble(text)
        if told is None or not question_words(searchable(told[1])) or checks_only(told[1]):
            return None
        return told

    @staticmethod
    def _detail_asked(understood: Understood) -> str | None:
        """Which of the articles' own details the message asks for (`LEAD_NOTES`), "overview" for the news as a
        whole ("what happened?", "what is article 2 about?"), None for a question about the news. Read on what is
        searched and on the message as written, where "what does the article say" still names the article."""
        wordings = (understood.reading.query, understood.as_written)
        detail = next(filter(None, map(article_detail_asked, wordings)), None)
        if detail is None and not understood.reading.followup and any(map(asks_for_overview, wordings)):
            return "overview"
        return detail

    def _leads(self, conversation: Conversation, understood: Understood, k: int, kind: str) -> Answer:
        """The answer to "what happened?" (`kind` "overview") or to a question about the articles' own details
        (`LEAD_NOTES`: "when were they published?", "what is the headline?", "link to the article"): the opening
        passage of each of the k newest articles (of the outlet named), 'more' listing the next ones, with the
        overview's note or the details; the conversation's turns stay as they were."""
        leads = newest_leads(self.corpus, len(self.corpus.articles), understood.scope)
        listing = Listing(understood.question, [lead.passage_id for lead in leads], 0, "", time.time())
        cited = self._next_listed(listing, k)
        conversation.listing = listing
        note = OVERVIEW_NOTE if kind == "overview" else LEAD_NOTES[kind](leads)
        extra = {**self._extra(understood), kind: True, "more": bool(listing.rest())}
        return Answer(understood.question, bool(cited), cited, (*understood.notes, note), extra)

    def _mentions(self, conversation: Conversation, understood: Understood, k: int) -> Answer | None:
        """The answer to "how many articles mention Greenland?": how many do, from which outlets, and the first
        passage of each (k of them, 'more' lists the next ones); None when the question is no such count, or no
        article has its words, so that it is searched as usual. The conversation's turns stay as they were."""
        topic = mention_count_topic(understood.question)
        if topic is None or understood.reading.followup:
            return None
        quoted = quoted_phrases(understood.question)  # "how many articles mention “military hubs”?": word for word
        if len(understood.phrases) < len(quoted):  # a phrase no passage holds: searched as words, with a note
            return None
        rows = self.searcher.phrase_rows(quoted) if quoted else self.corpus.lexical.rows_with_all(topic)
        allowed = self._scope_rows(understood.scope)
        if allowed is not None and rows:
            rows = sorted(set(rows) & set(allowed))
        if not rows:
            return None
        firsts = first_mentions(self.corpus, rows)
        total = (
            len(self.corpus.articles)
            if allowed is None
            else len({self.corpus.passages[row].article_id for row in allowed})
        )
        outlets = outlets_phrase([passage.cited_outlet for passage in firsts])
        articles = f"{total} article{'s' if total != 1 else ''} mention{'s' if len(firsts) == 1 else ''}"
        note = f"{len(firsts)} of {articles} “{topic}”: {outlets}."
        listing = Listing(understood.question, [passage.passage_id for passage in firsts], 0, topic, time.time())
        cited = self._next_listed(listing, k)
        conversation.listing = listing
        extra = {**self._extra(understood), "mentions": len(firsts), "articles": total, "more": bool(listing.rest())}
        return Answer(understood.question, True, cited, (*understood.notes, note), extra)

    def _next_listed(self, listing: Listing, k: int) -> tuple[CitedPassage, ...]:
        """The next k passages of a listing (those still in the index), ranked after the ones shown before."""
        first, passages = listing.shown + 1, []
        for passage_id in listing.rest():  # an index rebuilt since may lack some
            listing.shown += 1
            row = self.corpus.passage_row(passage_id)
            passages += [self.corpus.passages[row]] if row is not None else []
            if len(passages) == k:
                break
        return tuple(
            CitedPassage(rank, passage, 0.0, best_sentence(passage.text, listing.highlight))
            for rank, passage in enumerate(passages, first)
        )

    def _without_search(self, understood: Understood) -> tuple[str, ...] | None:
        """The reply to a message that asks nothing of the articles: chat, the index itself, or no word to look for."""
        question = understood.question
        if small_talk(question):  # "thanks!", "bye"
            return (SMALL_TALK_NOTE,)
        if asks_for_sources(question):  # "what articles do you have?": about the index, not in it
            return (f"{collection_summary(self.corpus)} /sources lists them.",)
        if asks_to_be_trusted(question):  # "is this fake news?": about the articles, not in them
            return (TRUST_NOTE,)
        if asks_for_author(understood.reading.query):  # "who wrote the Sky News article?"
            return (*understood.notes, AUTHOR_NOTE)
        if asks_about_bot(question):  # "who are you?"
            return (f"{ABOUT} The index holds {collection_summary(self.corpus)}",)
        if _asks_nothing(understood):  # "what?": no passage is related to it
            nothing = f"Nothing to look for in “{quoted_back(question)}”: ask about a person, a place or an event."
            return (*understood.notes, nothing)
        return None

    def _rank(self, understood: Understood, options: SearchOptions, k: int, page: int) -> Ranked:
        reading = understood.reading
        found = self._search(reading.query, reading.expansion, understood.scope, options, POOL, understood.phrases)
        phrases, dense = understood.phrases, options.embeds_question
        judged = reading.asked or reading.query  # "and france?": weighed as the question it asks again
        return self._ranked(found, judged, understood.scope, phrases, k, page, dense=dense)

    def _ranked(
        self,
        found: list[Hit],
        query: str,
        scope: Scope | None,
        phrases: tuple[str, ...],
        k: int,
        page: int,
        first_rank: int = 1,
        dense: bool = True,
    ) -> Ranked:
        """The search's hits picked, cited and weighed as evidence, with the passages giving the kind of answer the
        question asks for (a figure, a date, someone's wording) ranked up. For a figure the evidence is measured on
        the search's own order: a passage with some number, ranked up, must not make "how many drones were
        launched?" answered; and a figure none of those passages gives is not ranked up, since the question is
        refused for want of one and other figures lifted into view would belie the note saying so. Unless the first
        passage lifted gives a figure for the very thing a "how many" question counts: then the evidence is read from
        both orders and the better kept, and the lifted order stays (`_counted_evidence`). `dense`: the
        hits carry a question-to-sentence cosine (not with BM25 alone), which moves the evidence."""
        kind = None if phrases else ranked_kind(query)  # a quoted phrase outranks the kind asked for
        hits = holders_up(found, kind, query)
        groups = self._pick(hits, k, scope, query, page)
        leads = [group.lead for group in groups]
        counted = self._counted_evidence(query, leads)
        if kind in KINDS:
            searched = self._pick(found, k, scope, query, page)
            leads = [group.lead for group in searched]
            if kind_missing(kind, [lead.passage for lead in leads]) and not counted:
                hits, groups = found, searched
        evidence = tuple(lead.passage for lead in leads)
        coverage = self.evidence.coverage(query, evidence) if groups else 0.0
        if counted:
            coverage = max(coverage, self.evidence.coverage(query, counted))
        closeness = max(lead.cosine for lead in leads[:EVIDENCE_DEPTH]) if dense and leads else None
        cited = self._cite(groups, hits, query, first_rank)
        return Ranked(cited, _passage_ids(groups), len(groups), confidence(coverage, closeness), evidence)

    @staticmethod
    def _counted_evidence(query: str, leads: Sequence[Hit]) -> tuple[Passage, ...]:
        """The lifted leads, where the first gives a figure for what a "how many" question counts ("five key security
        guarantees" for "how many guarantees …?") and the question counts no country's ("how many french troops …?":
        a figure for Ukraine's troops is no answer, bot/counted.py). Empty otherwise."""
        if not leads or counted_country(query) is not None or not gives_count_asked(query, leads[0].passage.text):
            return ()
        return tuple(lead.passage for lead in leads)

    def _understand(
        self, conversation: Conversation, text: str, outlet: str | None, told: str | None = None
    ) -> Understood:
        """How a message is read: trimmed, its wordings read plainly, its scope and whether it follows up the turn
        before (`told`: the statements of the same message before it, whose turn that is, so no follow-up note)."""
        question, notes = self._trimmed(text)
        plain, readings = plain_reading(question)  # "powwow" as "meeting", before "presser" is taken for a slip
        plain, news_words = news_reading(plain, self.corpus.terms.row_of)  # "army" as "armed forces"
        readings += news_words
        if typed_acronym(plain):  # "CoW" as "Coalition of the Willing", before "DoI" is taken for a slip
            plain, acronyms = self.acronyms.expand(plain)
            readings += acronyms
        search_text, slips = self._spelt(plain)
        spelt, corrections = search_text, readings + slips
        if corrections:
            notes.append(f"Read {', '.join(f'“{c.typed}” as “{c.read_as}”' for c in corrections)}.")
        scoped = ScopeReader(self.corpus, self.outlets, self.searcher).read(search_text, outlet)
        scope, missing_source = scoped.scope, scoped.missing_source
        names_source, search_text = scoped.question != search_text, searchable(scoped.question)
        previous = None if asks_for_summary_of(question) or asks_new_topic(question) else conversation.last()
        search_text = self._with_role_holders(self._one_as_previous_role(search_text, previous), notes)
        reading = read_question(search_text, previous, self.lexicon, names_source, self.corpus.terms.row_of)
        if reading.followup and previous is not None:
            notes.extend(_followup_note(reading, previous, told))
            if scope is None and missing_source is None:  # "and the bbc?" asks no longer of the outlet before
                scope = scope_of(self.corpus, previous.outlet, previous.article, previous.outlets)
                missing_source = previous.missing_source  # "what did the bbc say?" … "and about greenland?"
        if scope is not None:
            notes.append(f"From {scope.label} only.")
        phrases, missing = self._quoted(question, scope, spelt)
        if missing:  # searched as words
            where = f"from {scope.label} " if scope is not None else ""
            quoted = " or ".join(f"“{quoted_back(phrase)}”" for phrase in missing)
            notes.append(f"No passage {where}has {quoted} word for word.")
        return Understood(
            question, reading, scope, previous, tuple(notes), corrections, phrases, missing_source,
            scoped.as_written or scoped.question,
        )  # fmt: skip

    def _one_as_previous_role(self, question: str, previous: Turn | None) -> str:
        """"and the ukrainian one?" after "what did the french leader say?": "the ukrainian leader", whose holder the
        roles then name; as typed when the question before named no role."""
        if previous is None or not ONE_FOR_A_NOUN.search(question):
            return question
        read = self.roles.read(previous.question)
        return one_read_as(question, read[0][0].split()[-1]) if read else question

    def _with_role_holders(self, question: str, notes: list[str]) -> str:
        """The question with the holder of each role it names ("the French president": Emmanuel Macron)."""
        if not MENTIONS_ROLE.search(question):
            return question
        read = self.roles.read(question)
        if read:
            notes.append(f"Read {', '.join(f'“{role}” as {spellings[0]}' for role, spellings in read)}.")
        return " ".join([question, *(search_words(spellings) for _, spellings in read)])

    def _spelt(self, question: str) -> tuple[str, tuple[Correction, ...]]:
        if self.settings.spelling == "off":
            return question, ()
        return self.speller.correct(question)

    def _trimmed(self, text: str) -> tuple[str, list[str]]:
        question = safe_text(text).strip()
        limit = self.settings.max_question_chars
        if len(question) > limit:
            return question[:limit], [f"Your question was cut to its first {limit} characters."]
        return question, []

    def _search(
        self,
        query: str,
        expansion: str,
        scope: Scope | None,
        options: SearchOptions,
        depth: int,
        phrases: tuple[str, ...] = (),
    ) -> list[Hit]:
        rows = self._scope_rows(scope)
        depth = min(depth, CANDIDATE_DEPTH * 2)
        return self.searcher.search(query, depth, options, allowed_rows=rows, expansion=expansion, phrases=phrases)

    def _scope_rows(self, scope: Scope | None) -> list[int] | None:
        if scope is None:
            return None
        return [row for row, passage in enumerate(self.corpus.passages) if in_scope(passage, scope)]

    def _quoted(self, question: str, scope: Scope | None, spelt: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The phrases the question quotes that a passage (of the scope) holds word for word, searched first; and
        the others, searched as words. Unquoted, the words after "who said" count where a passage holds them, read
        with their slips corrected (`spelt`: "who said peace throuh strength"); quoted words are taken as typed."""
        quoted = quoted_phrases(question)
        if not quoted:
            said = said_words(spelt)
            return (self._held((said,), scope) if said else ()), ()
        held = self._held(quoted, scope)
        return held, tuple(phrase for phrase in quoted if phrase not in held)

    def _held(self, phrases: tuple[str, ...], scope: Scope | None) -> tuple[str, ...]:
        """The phrases some passage (of the scope) holds word for word."""
        rows = self._scope_rows(scope)
        allowed = None if rows is None else set(rows)
        return tuple(
            phrase
            for phrase in phrases
            if any(allowed is None or row in allowed for row in self.searcher.phrase_rows((phrase,)))
        )

    def _pick(self, hits: list[Hit], k: int, scope: Scope | None, question: str, page: int) -> list[HitGroup]:
        groups = group_hits(hits, self.settings.group_threshold)
        cap = None if scope is not None else self.settings.per_outlet_cap
        chosen = mix_outlets(groups, k, cap, page=page)
        lead_with_question_words(chosen, question, self.settings.group_threshold)
        return chosen

    def _cite(
        self, groups: list[HitGroup], pool: list[Hit], question: str, first_rank: int = 1
    ) -> tuple[CitedPassage, ...]:
        others = [hit.passage for hit in pool]
        return tuple(
            CitedPassage(
                rank,
                group.lead.passage,
                group.score,
                best_sentence(group.lead.passage.text, question),
                also_reported_by=group.also_reported_by(),
                variants=disagreements(group.lead.passage, others),
            )
            for rank, group in enumerate(groups, start=first_rank)
        )

    def _turn(self, understood: Understood, ranked: Ranked, answered: bool) -> Turn:
        """The turn a searched question leaves: what it asked and searched, the passages shown, the people a "who"
        answer names, and the place a "where" answer names (carried into the next turns' search)."""
        reading = understood.reading
        place = answer_place(reading.query, ranked.cited)
        return Turn(
            question=understood.question,
            query=reading.query,
            expansion=reading.expansion,
            passage_ids=list(ranked.passage_ids),
            entities=list(dict.fromkeys([*reading.entities, *place])),
            terms=list(reading.terms),
            subject=list(reading.subject or reading.terms),
            outlet=understood.scope.outlet if understood.scope is not None else None,
            outlets=list(understood.scope.outlets) if understood.scope is not None else [],
            asked=reading.asked,
            article=understood.scope.article_id if understood.scope is not None else None,
            missing_source=understood.missing_source,
            timestamp=time.time(),
            followup=reading.followup,
            ranks_shown=ranked.groups,
            answer_people=self._answer_people(understood, ranked.cited),
            answered=answered,
        )

    def _answer_people(self, understood: Understood, cited: Sequence[CitedPassage]) -> list[str]:
        """For a question asking who: the people a later "he" or "they" will mean (bot/referents.py)."""
        if not cited:
            return []
        article = self.corpus.articles[cited[0].passage.article_id].text
        # what was searched names a role's holder too: "who is the nato chief?" is searched with "Mark Rutte"
        return answer_people(understood.reading.query, cited, article, understood.reading.entities)

    @staticmethod
    def _extra(understood: Understood) -> dict[str, object]:
        extra: dict[str, object] = {}
        if understood.reading.followup and understood.previous is not None:
            extra["followup_to"] = understood.previous.question
        scope = understood.scope
        if scope is not None and scope.outlet is not None:
            extra["outlet"] = scope.outlet
        if scope is not None and scope.outlets:
            extra["outlets"] = list(scope.outlets)
        if scope is not None and scope.article_id is not None:
            extra["article"] = scope.article_id
        if understood.corrections:
            extra["read_as"] = {c.typed: c.read_as for c in understood.corrections}
        return extra


def _followup_note(reading: Reading, previous: Turn, told: str | None) -> tuple[str, ...]:
    """What the notes say of a follow-up: the question it follows and who its pronoun stands for; only the latter
    after statements of the same message (`told`), which the reader knows they wrote."""
    named = f"“{reading.pronoun}” as {' and '.join(reading.named)}" if reading.named else ""
    if told is not None and previous.question == told:
        return (f"Read {named}.",) if named else ()
    return (f"Read as a follow-up to “{previous.question}”{', ' + named if named else ''} (/new starts afresh).",)


def _asks_nothing(understood: Understood) -> bool:
    """A fresh question without one word or figure to look for ("what?", "hi bot"; "800,000" is one): no
    follow-up, no outlet or article to ask."""
    reading = understood.reading
    if TOKEN.search(reading.query) is None:
        return False  # no word at all ("?!"): the search says so, as an error
    looked_for = searched_terms(reading.query) or FIGURE.search(reading.query)
    named_source = understood.scope is not None or understood.missing_source is not None
    return not reading.followup and not named_source and not looked_for


def _passage_ids(groups: Sequence[HitGroup]) -> tuple[str, ...]:
    return tuple(pid for group in groups for pid in group.passage_ids)
