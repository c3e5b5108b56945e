"""Tasks a dead worker left RUNNING: django-tasks-db 0.13 never looks at them again.

django-tasks-db marks a task RUNNING when a worker claims it and records the outcome when it
ends; a worker killed in between (SIGKILL, OOM, a lost machine) leaves the row RUNNING for
ever, and 0.13 has no lease or heartbeat of its own. So:

- every worker started with `manage.py run_worker` writes a heartbeat to the cache
  (`tasks:alive:<worker id>`, TASK_HEARTBEAT_TTL seconds) from a thread that keeps beating
  while a long task runs;
- a RUNNING task is *stale* when it started more than TASK_STALE_AFTER seconds ago and the
  worker that claimed it (the last of its worker_ids) has no heartbeat. A live worker's task
  is never touched, however long it runs;
- a stale task goes back to READY, to run again on any worker; after MAX_ATTEMPTS workers
  died on it, it is marked FAILED instead (a task that kills its worker must not loop).

Running a task twice is safe here by design: every task is idempotent (e-mail claims in
notifications/delivery.py, index syncs read the database afresh). The one guess in this is the
heartbeat: a worker frozen longer than the TTL, or a cache emptied by a restart, looks dead;
TASK_STALE_AFTER keeps recent tasks out of that, and idempotency keeps a rare repeat harmless.
Plain `db_worker` processes write no heartbeat: their tasks are judged by age alone.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def heartbeat_ttl() -> float:
    return float(getattr(settings, "TASK_HEARTBEAT_TTL", 30))


def stale_after() -> float:
    return float(getattr(settings, "TASK_STALE_AFTER", 300))


WORKERS_KEY = "tasks:workers"  # ids of workers that sent a heartbeat lately


def _key(worker_id: str) -> str:
    return f"tasks:alive:{worker_id}"


def heartbeat(worker_id: str) -> None:
    """`worker_id` is alive for the next TASK_HEARTBEAT_TTL seconds (and /healthz counts it)."""
    cache.set(_key(worker_id), timezone.now().isoformat(), timeout=heartbeat_ttl())
    # Two workers may rewrite the list at the same moment and one id get lost: re-read and
    # add it again; the next heartbeat repairs what is left.
    for _attempt in range(3):
        known = set(cache.get(WORKERS_KEY) or ()) | {worker_id}
        cache.set(WORKERS_KEY, sorted(known), timeout=None)
        if worker_id in (cache.get(WORKERS_KEY) or ()):
            return


def worker_gone(worker_id: str) -> None:
    """A worker that stops cleanly stops counting at once."""
    cache.delete(_key(worker_id))


def is_alive(worker_id: str) -> bool:
    return cache.get(_key(worker_id)) is not None


def workers_alive() -> int:
    """How many workers beat within TASK_HEARTBEAT_TTL; forgets the others."""
    known = cache.get(WORKERS_KEY) or []
    beats = cache.get_many([_key(worker_id) for worker_id in known])
    alive = [worker_id for worker_id in known if _key(worker_id) in beats]
    if len(alive) < len(known):
        cache.set(WORKERS_KEY, alive, timeout=None)
    return len(alive)


def recover_stale_tasks(*, now=None) -> dict:
    """Requeue (or fail) tasks whose worker died; returns {"requeued": n, "failed": n}."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timezone.timedelta(seconds=stale_after())
    counts = {"requeued": 0, "failed": 0}
    for task in DBTaskResult.objects.running().filter(started_at__lt=cutoff):
        worker = task.worker_ids[-1] if task.worker_ids else ""
        if worker and is_alive(worker):
            continue
        # started_at is the claim's token: a row another worker took meanwhile is left alone.
        same_claim = DBTaskResult.objects.running().filter(pk=task.pk, started_at=task.started_at)
        if len(task.worker_ids) >= MAX_ATTEMPTS:
            changed = same_claim.update(
                status="FAILED",
                finished_at=now,
                exception_class_path=f"{__name__}.WorkerLost",
                traceback=f"WorkerLost: {len(task.worker_ids)} workers died running this task",
            )
            counts["failed"] += changed
        else:
            changed = same_claim.update(status="READY")
            counts["requeued"] += changed
        if changed:
            logger.warning(
                "Task %s (%s) of dead worker %s %s",
                task.pk,
                task.task_path,
                worker or "?",
                "failed" if len(task.worker_ids) >= MAX_ATTEMPTS else "requeued",
            )
    return counts if any(counts.values()) else {}


class WorkerLost(Exception):
    """The worker running the task died (recorded as the task's exception class)."""
