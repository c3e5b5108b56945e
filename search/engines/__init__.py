"""The engine for the configured SEARCH_URL, and the database fallback when it is down."""

import logging
from dataclasses import replace

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


def fetch_params(params):
    """What the engine is asked for: with the re-ordering by meaning, the first
    `embedding.WINDOW` results whenever the page lies in them (the page is cut from the
    re-ordered window, so no result is on two pages or on none)."""
    from .. import embedding

    if (
        embedding.enabled()
        and params.q
        and params.sort == "relevance"
        and params.offset < embedding.WINDOW
    ):
        return replace(
            params, page=1, page_size=max(params.offset + params.page_size, embedding.WINDOW)
        )
    return params


def search(params, viewer) -> SearchOutcome:
    from .. import embedding

    fetch = fetch_params(params)
    meaning = embedding.start_query(params.q) if fetch is not params else None
    outcome, fallback = with_fallback(lambda engine: engine.search(fetch, viewer))
    outcome.fallback = fallback
    if settings.SEARCH_FEEDBACK and params.q and fetch.page == 1 and params.sort == "relevance":
        from ..feedback import rerank

        outcome.results = rerank(outcome.results)
    if meaning is not None:
        try:
            vector = meaning.result(timeout=embedding.QUERY_TIMEOUT)
            outcome.results = embedding.rerank(outcome.results, vector)
        except Exception:  # the words' order stands; the page is cut from it all the same
            logger.exception("Re-ordering by meaning failed")
        outcome.results = outcome.results[params.offset : params.offset + params.page_size]
        outcome.page, outcome.page_size = params.page, params.page_size
    return outcome
