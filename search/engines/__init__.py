"""The engine for the configured SEARCH_URL, and the database fallback when it is down."""

import logging

from django.conf import settings

from .base import EngineUnavailable, SearchEngine, SearchOutcome
from .database import DatabaseEngine

logger = logging.getLogger(__name__)

__all__ = ["EngineUnavailable", "SearchEngine", "SearchOutcome", "get_engine", "search"]


def get_engine(url: str | None = None) -> SearchEngine:
    """OpenSearch, Elasticsearch or the database, by SEARCH_URL's scheme."""
    url = settings.SEARCH_URL if url is None else url
    if not url:
        return DatabaseEngine()
    from ..client import _client_for, parse_search_url

    if parse_search_url(url).engine == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine(_client_for(url))
    from .opensearch import OpenSearchEngine

    return OpenSearchEngine(_client_for(url))


def with_fallback(operation):
    """Run `operation(engine)`; if the engine is down, run it on the database and say so."""
    engine = get_engine()
    try:
        return operation(engine), False
    except EngineUnavailable:
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning("Search engine unavailable; answering from the database", exc_info=True)
        return operation(DatabaseEngine()), True


def search(params, viewer) -> SearchOutcome:
    outcome, fallback = with_fallback(lambda engine: engine.search(params, viewer))
    outcome.fallback = fallback
    if settings.SEARCH_FEEDBACK and params.q and params.page == 1 and params.sort == "relevance":
        from ..feedback import rerank

        outcome.results = rerank(outcome.results)
    return outcome
