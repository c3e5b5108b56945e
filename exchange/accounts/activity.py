"""Members' session activity (allauth user sessions), recorded at most once a minute.

allauth's middleware records it on every request: a read, an update of the whole row and a
commit for each page or API call of a signed-in member. The sessions page shows the last
activity to the minute, so this middleware skips the write while the same session, from
the same address and browser, was recorded less than a minute ago by this process. A new
address or browser is recorded at once, so allauth's `session_client_changed` still fires
on the first request that shows it.
"""

import time
from collections import OrderedDict

from allauth.account.adapter import get_adapter
from allauth.usersessions.middleware import UserSessionsMiddleware

RECORD_EVERY = 60.0  # seconds
REMEMBERED = 10_000  # sessions whose last record this process keeps in memory


class ThrottledUserSessionsMiddleware(UserSessionsMiddleware):
    def __init__(self, get_response) -> None:
        super().__init__(get_response)
        self._recorded: OrderedDict[str, tuple[float, str, str]] = OrderedDict()

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        key = session.session_key if session is not None else None
        if not key or user is None or not user.is_authenticated:
            return super().__call__(request)
        # The address as allauth records it (behind a proxy, from the forwarded header).
        client = (get_adapter().get_client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
        now = time.monotonic()
        last = self._recorded.get(key)
        if last is not None and now - last[0] < RECORD_EVERY and last[1:] == client:
            return self.get_response(request)
        self._recorded[key] = (now, *client)
        self._recorded.move_to_end(key)
        while len(self._recorded) > REMEMBERED:
            self._recorded.popitem(last=False)
        return super().__call__(request)
