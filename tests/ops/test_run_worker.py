"""A worker outlives a database restart: db_worker's loop ends on the error, run_worker waits,
reconnects and carries on, and its heartbeat goes only when it really stops."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from exchange.core import maintenance_tasks
from exchange.core.management.commands import run_worker

pytestmark = pytest.mark.django_db


def test_the_worker_carries_on_after_the_database_was_away(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    runs, naps, reconnects = [], [], []

    def loop(self, *args, **options):
        runs.append(options["worker_id"])
        assert maintenance_tasks.is_alive("worker-pg")  # beating while it works
        if len(runs) < 3:
            raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(DbWorkerCommand, "handle", loop)
    monkeypatch.setattr(run_worker.time, "sleep", naps.append)
    # The test's own connection holds its transaction: count the reconnects instead.
    monkeypatch.setattr(run_worker.connections, "close_all", lambda: reconnects.append(1))
    monkeypatch.setattr(run_worker, "start_worker_threads", maintenance_tasks.heartbeat)

    call_command("run_worker", "--worker-id", "worker-pg")

    assert runs == ["worker-pg"] * 3
    assert naps == [run_worker.RECONNECT_SECONDS] * 2
    assert len(reconnects) == 2
    assert not maintenance_tasks.is_alive("worker-pg")  # stopped cleanly: counts no more
