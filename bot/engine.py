"""The engine every surface shares: settings + loaded index -> Answer for a question."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.answer import Answer, cite, is_answered
from bot.config import Settings
from index.build import IndexSettings, build_index
from index.chunk import ChunkParams
from index.corpus import IndexedCorpus
from index.errors import IndexMissingError
from index.search import Searcher, SearchOptions


@dataclass
class Engine:
    """Loads the index once; answers questions with cited passages."""

    settings: Settings
    _searcher: Searcher | None = field(default=None, init=False, repr=False)

    @property
    def index_settings(self) -> IndexSettings:
        s = self.settings
        return IndexSettings(model=s.model, chunking=ChunkParams(s.min_words, s.max_words), faiss_kind=s.faiss_kind)

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = Searcher(IndexedCorpus.open(self.settings.index_dir))
        return self._searcher

    @property
    def corpus(self) -> IndexedCorpus:
        return self.searcher.corpus

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
        return SearchOptions(mode=mode or s.mode, fusion=fusion or s.fusion, alpha=s.alpha)

    def ask(
        self,
        question: str,
        *,
        k: int | None = None,
        mode: str | None = None,
        fusion: str | None = None,
        context: Sequence[str] = (),
    ) -> Answer:
        """Answer one question; `context` holds earlier questions of the same conversation."""
        k = k or self.settings.k
        notes: list[str] = []
        question = question.strip()
        if len(question) > self.settings.max_question_chars:
            question = question[: self.settings.max_question_chars]
            notes.append(f"Your question was cut to its first {self.settings.max_question_chars} characters.")
        expansion = " ".join(context[-1:])
        hits = self.searcher.search(question, k, self.options(mode, fusion), expansion=expansion)
        answered = is_answered(hits, self.settings.abstain_below)
        return Answer(question, answered, cite(hits, question), tuple(notes))
