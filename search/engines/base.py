"""The engine interface: what views, API and sync ask of any search engine."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from ..params import SearchParams

# Every engine first finds the items that hold every word of the query (in some form); with
# fewer than this many (a page) of them that the viewer may see, the items holding any of
# them, ranked by how many they hold. Totals and facet counts then describe what was asked
# for, not every item that shares one common word with it. The count is taken before the
# facet filters, so choosing a facet value never switches to the other set: the value's
# count is what choosing it shows.
ANY_WORD_WHEN_FEWER_THAN = 10


class EngineUnavailable(Exception):
    """The engine did not answer (down, timed out, index missing); callers fall back."""


@dataclass
class SearchOutcome:
    count: int
    page: int
    results: list[dict]
    facets: dict[str, list[dict]]
    suggestion: str | None = None
    engine: str = ""
    fallback: bool = False  # the database answered because the configured engine is down
    page_size: int = 10

    def as_api(self) -> dict:
        return {
            "count": self.count,
            "page": self.page,
            "results": self.results,
            "facets": self.facets,
            "suggestion": self.suggestion,
        }


class SearchEngine(ABC):
    name = "base"

    @abstractmethod
    def search(self, params: SearchParams, viewer) -> SearchOutcome: ...

    @abstractmethod
    def autocomplete(self, text: str, viewer, size: int = 8) -> list[dict]: ...

    @abstractmethod
    def more_like_this(self, kind: str, pk: int, viewer, size: int = 5) -> list[dict]: ...

    @abstractmethod
    def index_documents(self, documents: list[dict]) -> None: ...

    @abstractmethod
    def remove(self, kind: str, pk: int) -> None: ...

    def ping(self) -> bool:
        return True
