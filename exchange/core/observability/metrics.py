"""The figures /metrics shows: requests, search latency, and work waiting in the database.

Requests and searches are counted where they happen (prometheus-client). With several gunicorn
processes each counts in its own files under PROMETHEUS_MULTIPROC_DIR and a scrape adds them
up; without it one process's registry is shown. Waiting work (ready tasks, index updates the
engine has not taken) is read from the database at scrape time, so every process and the
workers agree on it without keeping gauges of their own.
"""

import logging
import os
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "kennisnetwerk_http_requests",
    "Requests answered, by route (the URL pattern's name) and status class.",
    ["route", "status"],
)
REQUEST_SECONDS = Histogram(
    "kennisnetwerk_http_request_duration_seconds",
    "Time from the first middleware to the response, by route and status class.",
    ["route", "status"],
)
SEARCH_SECONDS = Histogram(
    "kennisnetwerk_search_duration_seconds",
    "Time to answer a search, by the engine that answered (opensearch, database, ...).",
    ["engine"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe_request(route: str, status_code: int, seconds: float) -> None:
    status = f"{status_code // 100}xx"
    REQUESTS.labels(route, status).inc()
    REQUEST_SECONDS.labels(route, status).observe(seconds)


def observe_search(engine: str, seconds: float) -> None:
    """Called by the search service once an outcome says which engine answered."""
    SEARCH_SECONDS.labels(engine or "unknown").observe(seconds)


# Gauges an app above core contributes (core may not import it): (name, help, read()).
_registered_gauges: dict[str, tuple[str, Callable[[], float]]] = {}


def register_gauge(name: str, documentation: str, read: Callable[[], float]) -> None:
    """Show `read()` as a gauge at every scrape; called from an AppConfig.ready()."""
    _registered_gauges[name] = (documentation, read)


class WaitingWorkCollector:
    """Gauges computed per scrape: the task queue and the search index backlog.

    The backlog model is named in settings (METRICS_INDEX_BACKLOG_MODEL, "app_label.Model"
    with a `created_at`), because core sits below the search app and may not import it.
    """

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        database = GaugeMetricFamily(
            "kennisnetwerk_metrics_database_up",
            "1 when the queue and backlog figures below could be read from the database.",
        )
        try:
            gauges = [
                GaugeMetricFamily(
                    "kennisnetwerk_tasks_ready",
                    "Tasks waiting for a worker (django-tasks database backend).",
                    value=DBTaskResult.objects.ready().count(),
                ),
                GaugeMetricFamily(
                    "kennisnetwerk_tasks_running",
                    "Tasks a worker has claimed and not finished (a dead worker's stay here).",
                    value=DBTaskResult.objects.running().count(),
                ),
                *self._index_backlog(),
            ]
            database.add_metric([], 1)
        except DatabaseError:
            logger.warning("Metrics: could not read waiting work", exc_info=True)
            gauges = []
            database.add_metric([], 0)
        yield database
        yield from gauges
        yield from self._registered()

    def _registered(self):
        for name, (documentation, read) in _registered_gauges.items():
            try:
                value = read()
            except Exception:  # one broken figure must not cost monitoring all the others
                logger.warning("Metrics: could not read %s", name, exc_info=True)
                continue
            yield GaugeMetricFamily(name, documentation, value=value)

    def _index_backlog(self):
        label = getattr(settings, "METRICS_INDEX_BACKLOG_MODEL", "")
        if not label:
            return []
        backlog = apps.get_model(label).objects.aggregate(
            count=Count("pk"), oldest=Min("created_at")
        )
        count, oldest = backlog["count"], backlog["oldest"]
        age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        return [
            GaugeMetricFamily(
                "kennisnetwerk_index_pending_operations",
                "Search index updates waiting for the engine (PendingIndexOperation rows).",
                value=count,
            ),
            GaugeMetricFamily(
                "kennisnetwerk_index_lag_seconds",
                "Age of the oldest index update still waiting; 0 when none waits.",
                value=max(age, 0.0),
            ),
        ]


class _ThisProcess:
    """This process's own metrics, when there is no multiprocess directory to add up."""

    def collect(self):
        yield from REGISTRY.collect()


def scrape_registry() -> CollectorRegistry:
    """A registry for one scrape: every process's counts plus the database's figures."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(WaitingWorkCollector())
    return registry
