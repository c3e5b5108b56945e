"""/healthz: is the database answering, is the search engine reachable, how much work waits."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from search.client import get_client
from search.models import PendingIndexOperation

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database down")
        return False
    return True


def _search_state() -> str:
    if not settings.SEARCH_URL:
        return "not configured"

    try:
        return "ok" if get_client().ping() else "down"
    except Exception:  # any transport or configuration failure means "down" to the caller
        logger.warning("Health check: search engine down", exc_info=True)
        return "down"


def _pending_tasks() -> int:
    """Queued tasks plus search index updates still waiting for the engine to come back."""
    from django_tasks_db.models import DBTaskResult

    pending = 0
    for queryset in (DBTaskResult.objects.ready(), PendingIndexOperation.objects.all()):
        try:
            pending += queryset.count()
        except DatabaseError:
            logger.warning("Health check: could not count pending work", exc_info=True)
    return pending


@never_cache
def healthz(request):
    database_ok = _database_ok()
    search = _search_state()
    body = {
        "status": "ok" if database_ok and search != "down" else "degraded",
        "database": "ok" if database_ok else "down",
        "search": search,
        "tasks": {"pending": _pending_tasks() if database_ok else 0},
    }
    return JsonResponse(body, status=200 if database_ok else 503)
