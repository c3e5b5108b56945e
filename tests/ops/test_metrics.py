"""/metrics: only for monitoring; its figures match what happened and what the database holds."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from exchange.core.observability import metrics
from exchange.notifications.tasks import send_digest_emails
from search.models import PendingIndexOperation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "monitoring-token-for-tests"


# -- who may read it ------------------------------------------------------------------------


def test_closed_to_all_when_neither_token_nor_addresses_are_set(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_a_stranger_gets_the_same_404_as_for_any_unknown_address(client, settings):
    settings.METRICS_TOKEN = TOKEN

    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    unknown = client.get("/bestaat-niet/")

    assert refused.status_code == unknown.status_code == 404
    assert refused["Content-Type"] == unknown["Content-Type"]
    assert b"kennisnetwerk_" not in refused.content


def test_the_token_opens_it(client, settings):
    settings.METRICS_TOKEN = TOKEN

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-cache" in response["Cache-Control"]
    assert b"kennisnetwerk_http_requests_total" in response.content


def test_an_allowed_address_opens_it_and_another_does_not(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "2001:db8::/32"]

    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="2001:db8::7").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.0.2.10").status_code == 404


def test_behind_the_proxy_the_forwarded_address_counts_as_far_as_trusted(client, settings):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.5"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    behind_nginx = {"REMOTE_ADDR": "127.0.0.1"}

    allowed = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.0.0.5", **behind_nginx)
    # A visitor who writes the allowed address into the header: nginx appends the real one.
    forged = client.get("/metrics", HTTP_X_FORWARDED_FOR="10.0.0.5, 198.51.100.4", **behind_nginx)

    assert allowed.status_code == 200
    assert forged.status_code == 404


def test_token_and_addresses_come_from_the_environment(monkeypatch):
    from tests.core.test_settings import base_settings

    monkeypatch.delenv("METRICS_TOKEN", raising=False)
    monkeypatch.delenv("METRICS_ALLOWED_IPS", raising=False)
    closed = base_settings(monkeypatch)
    assert (closed.METRICS_TOKEN, closed.METRICS_ALLOWED_IPS) == ("", [])
    opened = base_settings(
        monkeypatch, METRICS_TOKEN="t0ken", METRICS_ALLOWED_IPS="10.0.0.0/8, 192.0.2.1"
    )
    assert opened.METRICS_TOKEN == "t0ken"
    assert opened.METRICS_ALLOWED_IPS == ["10.0.0.0/8", "192.0.2.1"]


# -- what it says ---------------------------------------------------------------------------


def test_a_request_is_counted_by_its_route_name_and_status_class(client, scrape):
    def count(route, status):
        key = ("kennisnetwerk_http_requests_total", (("route", route), ("status", status)))
        return scrape().get(key, 0)

    before = count("question_list", "2xx")
    client.get("/vragen/")
    client.get("/bestaat/echt/niet/%C3%A9")

    assert count("question_list", "2xx") == before + 1
    # Wagtail's catch-all answers unknown pages; either way no raw path becomes a label.
    samples = scrape()
    labels = {dict(key[1]).get("route") for key in samples if "_http_" in key[0]}
    assert not any(label and label.startswith("/") for label in labels)
    assert "bestaat/echt/niet" not in str(labels)


def test_a_search_is_timed_by_the_engine_that_answered(client, scrape):
    key = ("kennisnetwerk_search_duration_seconds_count", (("engine", "database"),))
    before = scrape().get(key, 0)

    assert client.get("/zoeken/", {"q": "jongerenwerk"}).status_code == 200

    assert scrape()[key] == before + 1


def test_queue_and_index_lag_are_what_the_database_holds(scrape, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_digest_emails.enqueue("daily")
    send_digest_emails.enqueue("weekly")
    PendingIndexOperation.objects.create(kind="practice", object_id=1, action="index")
    oldest = PendingIndexOperation.objects.create(kind="question", object_id=2, action="remove")
    PendingIndexOperation.objects.filter(pk=oldest.pk).update(
        created_at=timezone.now() - timedelta(seconds=120)
    )

    samples = scrape()

    assert samples["kennisnetwerk_tasks_ready", ()] == DBTaskResult.objects.ready().count() == 2
    assert samples["kennisnetwerk_tasks_running", ()] == 0
    assert samples["kennisnetwerk_index_pending_operations", ()] == 2
    assert 120 <= samples["kennisnetwerk_index_lag_seconds", ()] < 180
    assert samples["kennisnetwerk_metrics_database_up", ()] == 1


def test_no_backlog_means_no_lag(scrape):
    samples = scrape()

    assert samples["kennisnetwerk_index_pending_operations", ()] == 0
    assert samples["kennisnetwerk_index_lag_seconds", ()] == 0


def test_workers_alive_is_the_count_healthz_gives(scrape):
    from exchange.core.maintenance_tasks import heartbeat, workers_alive

    heartbeat("ops-test-worker-1")
    heartbeat("ops-test-worker-2")

    assert scrape()["kennisnetwerk_workers_alive", ()] == workers_alive() == 2


def test_a_figure_that_cannot_be_read_leaves_the_others(scrape):
    def broken():
        raise ConnectionError("Redis is restarting")

    metrics.register_gauge("kennisnetwerk_test_broken", "Always fails.", broken)
    try:
        samples = scrape()
    finally:
        metrics._registered_gauges.pop("kennisnetwerk_test_broken")

    assert ("kennisnetwerk_test_broken", ()) not in samples
    assert samples["kennisnetwerk_tasks_ready", ()] == 0


# -- several gunicorn processes -------------------------------------------------------------

RECORD = (
    "import django; django.setup(); "
    "from exchange.core.observability.metrics import observe_request; "
    "observe_request('question_list', 200, 0.05)"
)
SCRAPE = (
    "import django; django.setup(); "
    "from prometheus_client import generate_latest; "
    "from exchange.core.observability.metrics import scrape_registry; "
    "print(generate_latest(scrape_registry()).decode())"
)


def _python(script: str, env: dict) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_with_a_multiprocess_directory_a_scrape_adds_up_every_process(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exchange.settings.test",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    _python(RECORD, env)
    _python(RECORD, env)

    exposition = _python(SCRAPE, env)

    assert 'kennisnetwerk_http_requests_total{route="question_list",status="2xx"} 2.0' in (
        exposition
    )
