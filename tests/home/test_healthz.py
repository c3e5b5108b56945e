"""/healthz reports each part of the site (database, cache, search, tasks, workers) as the
public contract says: 503 only without a database, "degraded" when another part is down."""

import time

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def heartbeats(settings):
    """Workers' heartbeats start from nothing in every test (the cache outlives a test)."""
    from django.core.cache import cache

    from exchange.core import maintenance_tasks

    cache.delete(maintenance_tasks.WORKERS_KEY)
    yield maintenance_tasks
    cache.delete(maintenance_tasks.WORKERS_KEY)


def test_healthy_without_search_engine(client, settings):
    settings.SEARCH_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "search": "not configured",
        "tasks": {"pending": 0},
        "workers": "not configured",  # tasks run in the request: no worker to wait for
    }


def test_search_engine_down_is_degraded_but_200(client, settings):
    from search.client import _client_for

    _client_for.cache_clear()
    settings.SEARCH_URL = "opensearch://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == "down"
    assert response.json()["search_nodes"] == {"count": 0, "status": "down"}
    _client_for.cache_clear()


def test_cache_down_is_degraded_but_200(client, settings):
    settings.SEARCH_URL = ""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "degraded"


def test_a_dummy_cache_is_not_configured(client, settings):
    settings.SEARCH_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/healthz")
    assert response.json()["cache"] == "not configured"
    assert response.json()["status"] == "ok"


def test_pending_tasks_are_counted(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    from exchange.core.tasks import ping

    ping.using(backend="default").enqueue()
    assert DBTaskResult.objects.ready().count() == 1
    assert client.get("/healthz").json()["tasks"] == {"pending": 1}


def test_no_live_worker_for_the_task_queue_is_degraded(client, settings, heartbeats):
    settings.SEARCH_URL = ""
    settings.TASKS = DATABASE_TASKS
    body = client.get("/healthz").json()
    assert body["workers"] == 0
    assert body["status"] == "degraded"


def test_workers_count_while_their_heartbeat_lasts(client, settings, heartbeats):
    settings.SEARCH_URL = ""
    settings.TASKS = DATABASE_TASKS
    heartbeats.heartbeat("worker-1")
    heartbeats.heartbeat("worker-2")
    body = client.get("/healthz").json()
    assert body["workers"] == 2
    assert body["status"] == "ok"

    heartbeats.worker_gone("worker-1")  # stopped cleanly
    assert client.get("/healthz").json()["workers"] == 1


def test_a_killed_worker_drops_out_when_its_heartbeat_expires(
    client, settings, heartbeats, monkeypatch
):
    settings.SEARCH_URL = ""
    settings.TASKS = DATABASE_TASKS
    # Seconds of margin: on a busy machine (CI beside other work) a one-second heartbeat had
    # expired before the first request was answered.
    settings.TASK_HEARTBEAT_TTL = 3
    heartbeats.heartbeat("killed")  # and then nothing more: SIGKILL
    assert client.get("/healthz").json()["workers"] == 1
    time.sleep(3.5)
    assert client.get("/healthz").json()["workers"] == 0


def test_database_down_answers_503(client, monkeypatch):
    from exchange.home import health

    def broken_cursor(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "degraded"


@pytest.mark.engine
def test_search_engine_up_reports_its_nodes(client, search_url):
    response = client.get("/healthz")
    assert response.json()["search"] == "ok"
    assert response.json()["status"] == "ok"
    assert response.json()["search_nodes"]["count"] == 1
    assert response.json()["search_nodes"]["status"] in {"green", "yellow"}
