"""Refuse requests carrying a NUL byte before any view or query sees them.

PostgreSQL cannot store or compare text containing NUL, so a filter value such as
`?gemeente=GM0193%00` would otherwise fail deep inside a query. No page of ours has a use
for the character, so one check here answers 400 for the whole site. The JSON API is left
alone: its schemas validate every parameter and answer in JSON.
"""

from django.utils.translation import gettext as _

from .views import bad_request

NUL = "\x00"
API_PREFIX = "/api/"


def _querydict_has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in data.getlist(key)) for key in data)


def has_nul_byte(request) -> bool:
    """NUL in the path or in a query or form parameter (name or value).

    Cookies are left out: the session store ignores keys it could not have made
    (exchange/core/sessions.py), and the other cookies are checked where they are read.
    """
    return (
        NUL in request.path_info
        or _querydict_has_nul(request.GET)
        # Django parses only form bodies into POST; JSON and other bodies stay unread.
        or (request.method == "POST" and _querydict_has_nul(request.POST))
    )


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX) and has_nul_byte(request):
            return bad_request(
                request,
                reason=_("Het adres of het formulier bevat een ongeldig teken (een NUL-byte)."),
            )
        return self.get_response(request)
