"""The one read path for searching: validated params in, an outcome out, the query logged."""

import logging
import time

from django.conf import settings
from django.db import DatabaseError

from exchange.core.observability.metrics import observe_search
from exchange.visibility import viewer_for

from . import engines
from .models import SearchQueryLog
from .params import SearchParams

logger = logging.getLogger(__name__)


def search_run(*, user, params: SearchParams) -> engines.SearchOutcome:
    """Search as `user` sees the content; falls back to the database if the engine is down."""
    started = time.perf_counter()
    outcome = engines.search(params, viewer_for(user))
    observe_search(outcome.engine, time.perf_counter() - started)
    if params.q and params.page == 1:
        log_query(params, outcome)
    return outcome


def log_query(params: SearchParams, outcome) -> None:
    # Only the words and counts: never who searched.
    try:
        SearchQueryLog.objects.create(
            query=" ".join(params.q.lower().split())[:200],
            result_count=outcome.count,
            filters={key: list(values) for key, values in params.filters.items()},
            engine=outcome.engine,
        )
    except DatabaseError:
        logger.warning("Could not log search query", exc_info=True)


def autocomplete_run(*, user, text: str, size: int = 8) -> list[dict]:
    from .params import clean_query

    text = clean_query(text)[:100]
    if len(text) < 2:
        return []
    viewer = viewer_for(user)
    titles, _fallback = engines.with_fallback(lambda e: e.autocomplete(text, viewer, size))
    return titles


def related_run(*, user, kind: str, pk: int, size: int = 5) -> list[dict]:
    """More like this (the caller has checked that `user` may see the item itself)."""
    viewer = viewer_for(user)
    related, _fallback = engines.with_fallback(lambda e: e.more_like_this(kind, pk, viewer, size))
    return related


def related_practice_ids(*, user, practice, size: int) -> list[int]:
    """The practice page's "more like this", for practices.selectors (see search/apps.py).

    Nothing without an engine; an engine failure is logged and the page uses the database.
    """
    if not settings.SEARCH_URL:
        return []
    try:
        rows = related_run(user=user, kind="practice", pk=practice.pk, size=size)
    except Exception:  # the page must render whatever the engine does
        logger.warning("More-like-this failed; using the database", exc_info=True)
        return []
    return [row["id"] for row in rows if row.get("kind") == "practice"]
