"""/healthz: is each part of the site answering, and how much work waits.

Public shape (monitoring and the stack's scripts read it): `status`, `database`, `search`,
`tasks.pending`, plus `cache`, `workers` and, when a search engine is configured,
`search_nodes`. Only a database that is down answers 503: without it nothing works, while
every other part has a fallback (database search, a later retry) and is reported "degraded".

Workers: django_tasks_db records a worker's id only on the tasks it claims, so an idle worker
leaves no trace. Each `manage.py run_worker` therefore writes a heartbeat to the cache
(exchange/core/maintenance_tasks.py, the same one that keeps its running tasks from being
taken over); a worker counts as alive while its heartbeat is younger than TASK_HEARTBEAT_TTL.
A worker killed with SIGKILL drops out within that time; one that stops cleanly at once.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from exchange.core.maintenance_tasks import workers_alive
from search.client import get_client
from search.mapping import alias_name
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


def _cache_state() -> str:
    """A real round trip: a value written must come back (Redis down raises, locmem never)."""
    if isinstance(caches["default"], DummyCache):
        return "not configured"
    token = secrets.token_hex(8)
    try:
        cache.set("healthz:probe", token, timeout=10)
        return "ok" if cache.get("healthz:probe") == token else "down"
    except Exception:  # a cache backend raises its own client's errors (redis, database)
        logger.warning("Health check: cache down", exc_info=True)
        return "down"


def _search_state() -> tuple[str, dict | None]:
    """The engine's state and, when it answers, its cluster's node count and colour.

    The cluster's colour covers every index on it (an old index without replicas turns it red
    when one node goes); the site's own index is what searches use, so only its red means down.
    """
    if not settings.SEARCH_URL:
        return "not configured", None
    try:
        client = get_client()
        cluster = client.cluster.health()
        ours = cluster
        if cluster["status"] != "green":
            ours = client.cluster.health(index=alias_name())
    except Exception:  # any transport or configuration failure means "down" to the caller
        logger.warning("Health check: search engine down", exc_info=True)
        return "down", {"count": 0, "status": "down"}
    nodes = {"count": cluster["number_of_nodes"], "status": cluster["status"]}
    # Red: some primary shard has no copy on a live node, so searches miss documents.
    return ("down" if ours["status"] == "red" else "ok"), nodes


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


def _uses_worker() -> bool:
    """Tasks wait for a `db_worker` only with the database backend (not immediate/dummy)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.compat import task_backends

    return isinstance(task_backends["default"], DatabaseBackend)


def _workers_state(cache_state: str) -> int | str:
    if not _uses_worker():
        return "not configured"
    if cache_state != "ok":
        return "unknown"  # heartbeats live in the cache
    try:
        return workers_alive()
    except Exception:  # the cache went away between the probe and now
        logger.warning("Health check: could not count workers", exc_info=True)
        return "unknown"


@never_cache
def healthz(request):
    database_ok = _database_ok()
    cache_state = _cache_state()
    search, search_nodes = _search_state()
    workers = _workers_state(cache_state)
    parts_down = not database_ok or cache_state == "down" or search == "down" or workers == 0
    body = {
        "status": "degraded" if parts_down else "ok",
        "database": "ok" if database_ok else "down",
        "cache": cache_state,
        "search": search,
        "tasks": {"pending": _pending_tasks() if database_ok else 0},
        "workers": workers,
    }
    if search_nodes is not None:
        body["search_nodes"] = search_nodes
    return JsonResponse(body, status=200 if database_ok else 503)
