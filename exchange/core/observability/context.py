"""The request id, task id and task name of the work in progress, for every log record.

Context variables, not thread locals: they follow the request or task whatever runs it
(gunicorn's threads, the worker's loop, the immediate backend inside a request).
"""

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
task_id: ContextVar[str | None] = ContextVar("task_id", default=None)
task_name: ContextVar[str | None] = ContextVar("task_name", default=None)

# nginx's $request_id is 32 hex digits, other proxies use UUIDs or base64-ish tokens. Anything
# else (spaces, quotes, control characters, kilobytes) could forge or break a log line.
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


def request_id_from(header: str | None) -> str:
    """The proxy's id when it is a sane token, else a fresh one."""
    if header and _SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex
