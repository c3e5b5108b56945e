"""Log records carry the request and task ids; JSON lines for the stack, plain text for `make run`.

Both classes are named in settings.LOGGING (LOG_FORMAT=json picks the JSON formatter); the
filter sits on the handler, so records of every logger (Django, allauth, ours) get the ids.
"""

import logging

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from . import context


class RequestContextFilter(logging.Filter):
    """Adds request_id to every record, and task_id / task_name while a task runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            # Django logs a 4xx/5xx answer after the middleware has finished, passing the
            # request along: its id is still on it.
            record.request_id = context.request_id.get() or getattr(
                getattr(record, "request", None), "request_id", None
            )
        task = context.task_id.get()
        if task is not None and not getattr(record, "task_id", None):
            record.task_id = task
            record.task_name = context.task_name.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, request_id.

    Anything passed as `extra=` (method, path, status, duration_ms, user_id, task_id, ...)
    becomes a field of its own; a traceback goes into `exc_info` on the same line.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")
        super().__init__(["levelname", "name", "message", "request_id"], **kwargs)
