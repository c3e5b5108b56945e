"""Upkeep nobody asks for: recoveries and catch-ups that must happen without an operator.

Apps announce their jobs by connecting to `maintenance_due` (tell, don't call upward: core
knows no app); `run_once` sends it and recovers the tasks dead workers left RUNNING. Three
things call `run_once`, one per configuration the README describes:

- `manage.py run_worker` (a db_worker with a heartbeat and a maintenance thread): every
  MAINTENANCE_INTERVAL seconds, one worker at a time (a cache lock), so a killed worker's
  work is picked up by the survivors without any extra process;
- `manage.py run_maintenance [--loop]`: the same from cron or beside plain db_workers;
- `after_request` (request_finished): with the immediate task backend (`make run`) there is
  no worker, so a finished request now and then runs a quick pass.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.dispatch import Signal

from . import maintenance_tasks

logger = logging.getLogger(__name__)

# Receivers: `def job(sender, *, quick: bool, **kwargs) -> dict | None`. quick: a small,
# bounded pass (inside a web process); otherwise do everything that waits.
maintenance_due = Signal()
LOCK_KEY = "maintenance:running"


def interval() -> float:
    return float(getattr(settings, "MAINTENANCE_INTERVAL", 30))


def run_once(*, quick: bool = False) -> dict:
    """One pass: dead workers' tasks back in the queue, then every app's jobs. A failing job
    is logged and does not stop the others."""
    results = {}
    if tasks := maintenance_tasks.recover_stale_tasks():
        results["tasks"] = tasks
    for receiver, result in maintenance_due.send_robust(sender=None, quick=quick):
        name = getattr(receiver, "__qualname__", repr(receiver))
        if isinstance(result, Exception):
            logger.error("Maintenance job %s failed", name, exc_info=result)
            continue
        if result:
            results[name] = result
    return results


def run_if_free(*, quick: bool = False, owner: str = "") -> dict | None:
    """`run_once` unless another process is at it (a cache lock for one interval)."""
    if not cache.add(LOCK_KEY, owner or "?", timeout=max(interval(), 1)):
        return None
    try:
        return run_once(quick=quick)
    finally:
        cache.delete(LOCK_KEY)


_last_request_run = time.monotonic()
_request_lock = threading.Lock()


def after_request(**kwargs) -> None:
    """request_finished: a quick pass at most every MAINTENANCE_AFTER_REQUESTS seconds per
    process, only where no worker does it (a backend that cannot defer) and never inside an
    outer transaction (a test's, or ATOMIC_REQUESTS'): a failure must not poison it."""
    global _last_request_run
    every = getattr(settings, "MAINTENANCE_AFTER_REQUESTS", 30)
    if every is None or connection.in_atomic_block:
        return
    if time.monotonic() - _last_request_run < every or not _request_lock.acquire(False):
        return
    try:
        from django_tasks import default_task_backend

        _last_request_run = time.monotonic()
        if default_task_backend.supports_defer:
            return  # a worker runs maintenance
        run_if_free(quick=True, owner="web")
    except Exception:  # the response is out; a failed pass is retried next time
        logger.exception("Maintenance after a request failed")
    finally:
        _request_lock.release()


def connect_after_request() -> None:
    from django.core.signals import request_finished

    request_finished.connect(after_request, dispatch_uid="core-maintenance-after-request")


def start_worker_threads(worker_id: str) -> None:
    """In a db_worker process: a heartbeat (so its RUNNING tasks are left alone while it
    lives) and a maintenance loop (so the survivors recover a dead worker's work)."""

    def heartbeat():
        while True:
            _guarded(maintenance_tasks.heartbeat, worker_id)
            time.sleep(maintenance_tasks.heartbeat_ttl() / 3)

    def maintain():
        while True:
            time.sleep(interval())
            _guarded(run_if_free, owner=worker_id)

    maintenance_tasks.heartbeat(worker_id)
    for target in (heartbeat, maintain):
        threading.Thread(target=target, name=f"{target.__name__}-{worker_id}", daemon=True).start()


def _guarded(function, *args, **kwargs) -> None:
    try:
        function(*args, **kwargs)
    except Exception:  # the database or cache restarting: try again next round
        logger.exception("Worker upkeep %s failed", function.__name__)
    finally:
        connection.close()  # this thread's own connection; a fresh one next round
