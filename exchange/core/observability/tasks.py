"""A task carries the id of the request that enqueued it into the worker's log records.

A DBTaskResult stores the task's path, arguments, queue and timings, but nothing of who
enqueued it, and adding an argument would change every task's signature. So, on
`task_enqueued`, the enqueuing side logs one line with the task id (its records carry the
request id already) and leaves the request id in the shared cache under the task id; on
`task_started` the worker takes it from there and sets request id, task id and task name for
every record until `task_finished`. The enqueue line is the durable link (task id ↔ request
id, searchable in any log store); the cache only saves the reader that join. A cache that lost
the key (restarted Redis, a task run days later) leaves the worker's request_id empty, never a
wrong one. The immediate backend runs the task inside the request, whose id is already set.
"""

import logging

from django.core.cache import cache
from django_tasks.signals import task_enqueued, task_finished, task_started

from . import context

logger = logging.getLogger(__name__)

_CACHE_PREFIX = "kn:task-request:"
# Long enough for a queue held up by an outage; the enqueue log line keeps the link beyond.
_CACHE_SECONDS = 7 * 24 * 3600
# task id → the context values a task replaced, restored when it finishes.
_saved: dict[str, tuple] = {}


def connect() -> None:
    """Called from CoreConfig.ready(), so web processes and db_worker both listen."""
    task_enqueued.connect(_enqueued, dispatch_uid="observability-task-enqueued")
    task_started.connect(_started, dispatch_uid="observability-task-started")
    task_finished.connect(_finished, dispatch_uid="observability-task-finished")


def _enqueued(sender, task_result, **kwargs) -> None:
    task = str(task_result.id)
    request_id = context.request_id.get()
    logger.info(
        "Task enqueued",
        extra={"task_id": task, "task_name": task_result.task.module_path},
    )
    # Only a worker will ask: an immediate task runs right now, inside this request.
    if request_id and task_result.task.get_backend().supports_defer:
        try:
            cache.set(_CACHE_PREFIX + task, request_id, _CACHE_SECONDS)
        except Exception:  # a cache outage must never stop the work itself
            logger.warning("Could not remember the request of task %s", task, exc_info=True)


def _started(sender, task_result, **kwargs) -> None:
    task = str(task_result.id)
    request_id = context.request_id.get()
    if request_id is None and task_result.task.get_backend().supports_defer:
        # A worker's task: the enqueuing request left its id in the cache. (An immediate
        # task outside a request, e.g. during `migrate`, has none to find: never ask the
        # cache then, whose table may not exist yet.)
        request_id = _enqueuing_request(task)
    _saved[task] = (
        context.request_id.set(request_id),
        context.task_id.set(task),
        context.task_name.set(task_result.task.module_path),
    )
    logger.info("Task started")


def _finished(sender, task_result, **kwargs) -> None:
    task = str(task_result.id)
    logger.info("Task finished", extra={"task_status": str(task_result.status)})
    tokens = _saved.pop(task, None)
    if tokens is None:
        return
    for variable, token in zip(
        (context.request_id, context.task_id, context.task_name), tokens, strict=True
    ):
        try:
            variable.reset(token)
        except ValueError:  # set in another context (a thread switch): just clear it
            variable.set(None)


def _enqueuing_request(task: str) -> str | None:
    try:
        return cache.get(_CACHE_PREFIX + task)
    except Exception:
        logger.warning("Could not read the request of task %s", task, exc_info=True)
        return None
