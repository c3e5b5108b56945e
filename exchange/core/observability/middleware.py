"""Each request gets an id (the proxy's, or a new one), one access log line and its figures.

First in MIDDLEWARE, so the id is set before any other middleware logs and the time covers
the whole of Django's work.
"""

import logging
import re
import time

from . import context
from .metrics import observe_request

access_logger = logging.getLogger("exchange.access")

HEADER = "X-Request-ID"
# URL parameters that are credentials: whoever reads the logs must not be able to use them.
_SECRET_PARAMETER = re.compile(r"token|key|uid|secret|signature", re.IGNORECASE)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = context.request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            # Only when even the 500 page failed: the server answers 500, so count that.
            _account(request, 500, started)
            raise
        finally:
            context.request_id.reset(token)
        response[HEADER] = request_id
        _account(request, response.status_code, started)
        return response


def _account(request, status: int, started: float) -> None:
    """The request's figures and its access line (JSON only, see settings.LOGGING)."""
    seconds = time.perf_counter() - started
    observe_request(_route(request), status, seconds)
    access_logger.info(
        "%s %s %s",
        request.method,
        _loggable_path(request),
        status,
        extra={
            "request_id": request.request_id,
            "method": request.method,
            "path": _loggable_path(request),
            "status": status,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": _user_id(request),
        },
    )


def _route(request) -> str:
    """The URL pattern's name, never the raw path: a label per page, not per address."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or match.route or "unnamed"


def _loggable_path(request) -> str:
    """The path without the secrets some carry (e-mail confirmation, reset, feed tokens)."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    for name, value in match.kwargs.items() if match else ():
        if _SECRET_PARAMETER.search(name) and value:
            path = path.replace(str(value), "[redacted]")
    return path


def _user_id(request) -> int | None:
    # The id alone: addresses and names stay out of the logs.
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.pk
    return None
