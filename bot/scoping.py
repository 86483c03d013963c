"""Which articles a question is asked of: an outlet given or named, an article by a pasted link or by its /sources
number, or a well-known outlet the index lacks; and the question without the words that name them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.article_refs import LAST, find_article_mention
from bot.choices import each_choice
from bot.links import find_link, link_key
from bot.outlets import OutletDirectory, UnindexedOutlet
from bot.sources import Scope, article_scope, collection_summary, outlet_scope, outlets_scope
from index.corpus import IndexedCorpus
from index.lexical import TOKEN
from index.search import Searcher

LINK_ALONE = "summarise"  # what a link pasted alone asks: a summary, which shows how its article opens


@dataclass(frozen=True)
class Scoped:
    """A question's scope (None: every article), the question left to search, and why the index lacks the source
    it names where it does ("No article in the index is attributed to The Guardian: …")."""

    scope: Scope | None
    question: str
    missing_source: str | None = None
    as_written: str = ""  # the question naming its article as "the article", where that differs from what is searched


@dataclass(frozen=True)
class ScopeReader:
    """Reads a question's scope against one loaded index (its articles, their outlets and its passages)."""

    corpus: IndexedCorpus
    outlets: OutletDirectory
    searcher: Searcher

    def read(self, question: str, outlet: str | None) -> Scoped:
        """An outlet given (`--outlet`) or named ("what does the Independent say …"), an article by a pasted link, a
        well-known outlet no article is attributed to ("what did the bbc report?"), or an article by its number; else
        the question as it is."""
        if outlet is not None:
            return Scoped(outlet_scope(self.outlets.resolve(outlet)), question)
        linked = find_link(question)
        if linked is not None:
            return self._linked_article(*linked)
        several = self.outlets.find_several(question)
        if several is not None and TOKEN.search(several[1]):  # "what do sky news and the independent say …"
            return Scoped(outlets_scope(several[0]), several[1])
        mention = self.outlets.find(question)
        if mention is not None and TOKEN.search(mention.question):
            return Scoped(outlet_scope(mention.outlet), mention.question)
        unindexed = self._unindexed_outlet(question)
        if unindexed is not None:
            note = f"No article in the index is attributed to {unindexed.outlet}: it holds "
            return Scoped(None, unindexed.question, note + collection_summary(self.corpus))
        return self._numbered_article(question)

    def _linked_article(self, link: str, question: str) -> Scoped:
        """The article a pasted link is to, alone ("https://www.the-independent.com/… what does this say about
        greenland?"); a link alone asks how it opens. A link to no indexed article: the question over all of them,
        not answered, and why."""
        question = question if TOKEN.search(question) else LINK_ALONE
        key = link_key(link)
        for record in self.corpus.articles.values():
            if record.url and link_key(record.url) == key:
                return Scoped(article_scope(self.corpus, record.article_id), question)
        shown = key if len(key) <= 60 else f"{key[:59]}…"
        missing = f"No article in the index has the link {shown}: it holds {collection_summary(self.corpus)}"
        return Scoped(None, question, missing)

    def _numbered_article(self, question: str) -> Scoped:
        """"what does article 3 say …", "in the second story, …": article 3 (as /sources numbers them) alone; not
        words the articles themselves say ("Article 5", were a treaty's quoted)."""
        mention = find_article_mention(question)
        if mention is None or self.searcher.phrase_rows((mention.written,)):
            return Scoped(None, question)
        count = len(self.corpus.articles)
        number = count if mention.number == LAST else mention.number
        if 1 <= number <= count:
            return Scoped(article_scope(self.corpus, str(number)), mention.searched, as_written=mention.question)
        held = f"{count} article{'s' if count != 1 else ''}"
        missing = f"There is no article {number}: the index holds {held}; /sources lists them."
        return Scoped(None, mention.searched, missing, mention.question)

    def _unindexed_outlet(self, question: str) -> UnindexedOutlet | None:
        """A well-known outlet the question asks about that no indexed article is attributed to; not one the articles
        cite ("what did politico report?" is searched: Novaya Gazeta cites POLITICO), nor one offered as a choice
        ("was she speaking to the independent or the bbc?", which the evidence weighs)."""
        unindexed = self.outlets.find_unindexed(question)
        if unindexed is None or self.searcher.phrase_rows((unindexed.written,)) or len(each_choice(question)) > 1:
            return None
        return unindexed
