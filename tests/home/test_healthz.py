"""/healthz reports database, search and task-queue state as the public contract says."""

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthy_without_search_engine(client, settings):
    settings.SEARCH_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": "not configured",
        "tasks": {"pending": 0},
    }


def test_search_engine_down_is_degraded_but_200(client, settings):
    from search.client import _client_for

    _client_for.cache_clear()
    settings.SEARCH_URL = "opensearch://127.0.0.1:9"  # nothing listens on the discard port
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search"] == "down"
    _client_for.cache_clear()


def test_pending_tasks_are_counted(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks import task_backends

    task_backends._settings = None  # re-read TASKS
    try:
        from exchange.core.tasks import ping

        ping.using(backend="default").enqueue()
    finally:
        pass
    assert DBTaskResult.objects.ready().count() == 1
    assert client.get("/healthz").json()["tasks"] == {"pending": 1}


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
def test_search_engine_up(client, search_url):
    response = client.get("/healthz")
    assert response.json()["search"] == "ok"
    assert response.json()["status"] == "ok"
