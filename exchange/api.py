"""The JSON API (django-ninja), mounted at /api/v1/ with its OpenAPI schema at openapi.json.

Every endpoint answers for "the caller": the member a personal API token belongs to
(`Authorization: Bearer <token>`, always without moderator powers: a token has no session and
so no second factor), else the signed-in session user (a moderator's powers only once the
session passed two-factor authentication), else an anonymous visitor, who sees public content
only. Endpoints read the caller from `request.auth` (a
User or AnonymousUser) and hand it to the selectors, which ask exchange.visibility.

Apps add their endpoints as routers at the bottom of this module.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, ValidationError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from exchange.accounts.tokens import api_token_user
from exchange.inventories.api import router as inventories_router
from exchange.questions.api import router as questions_router
from practices.api import router as practices_router
from search.api import router as search_router

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

DESCRIPTION = """
Read the network's good practices (and, later, questions) as JSON.

Without credentials you see public content. With a personal API token (create one under
*Account → API-tokens*; verified members only) send `Authorization: Bearer <token>` and you
see what that member may see as a verified member. A token never carries moderator or admin
powers (those need two-factor authentication in a browser session): it does not read hidden
posts, nor restricted content of other municipalities. An unknown or revoked token is refused
with 401; a password change or a suspension revokes all of the member's tokens.

Lists take `limit` (1–100, default 20) and `offset` and answer `{"count": N, "items": [...]}`.
Invalid parameters are refused with 400 and `{"detail": "...", "errors": [...]}`.
"""


class CallerAuth(HttpBearer):
    """Resolve the caller: a bearer token's member, else the session user (or anonymous).

    Ninja treats any truthy return value as authenticated; AnonymousUser is truthy, so
    anonymous visitors pass and see public content. A token that does not authenticate raises
    (401) instead of quietly falling back to the session or to anonymous.
    """

    def __call__(self, request):
        header = request.headers.get("Authorization")
        if header is None:
            return self._session_user(request)
        scheme, _sep, raw = header.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError(message=_("Gebruik de kop 'Authorization: Bearer <token>'."))
        return self.authenticate(request, raw)

    def authenticate(self, request, token: str):
        user = api_token_user(token)
        if user is None:
            raise AuthenticationError(message=_("Dit API-token is ongeldig of ingetrokken."))
        # Code further down that reads request.user sees the token's member too.
        request.user = user
        return user

    def _session_user(self, request):
        user = getattr(request, "user", None) or AnonymousUser()
        # A browser session may only change things with a CSRF token (tokens need none).
        if (
            user.is_authenticated
            and request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise AuthorizationError(message=_("CSRF-controle mislukt. Laad de pagina opnieuw."))
        return user


api = NinjaAPI(
    title="Kennisnetwerk Sociale Stabiliteit API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    auth=CallerAuth(),
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [_clean_error(error) for error in exc.errors]
    problems = "; ".join(_describe(error) for error in errors)
    return api.create_response(
        request,
        {"detail": _("Ongeldige invoer: %(problems)s.") % {"problems": problems}, "errors": errors},
        status=400,
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Niet gevonden.")}, status=404)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc: AuthenticationError):
    response = api.create_response(request, {"detail": exc.message}, status=exc.status_code)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _clean_error(error: dict) -> dict:
    """Pydantic's error, reduced to JSON-safe parts (its ctx may hold exception objects)."""
    ctx = {
        key: value if isinstance(value, str | int | float | bool | None) else str(value)
        for key, value in (error.get("ctx") or {}).items()
    }
    cleaned = {
        "loc": list(error.get("loc", ())),
        "msg": error.get("msg", ""),
        "type": error.get("type", ""),
    }
    if ctx:
        cleaned["ctx"] = ctx
    return cleaned


def _describe(error: dict) -> str:
    """One Dutch sentence part per error: which parameter, and what it should be."""
    # loc is e.g. ["query", "limit"] or ["query", "params", "year", 0]: name the parameter.
    names = [str(part) for part in error["loc"] if isinstance(part, str) and part != "query"]
    name = names[-1] if names else _("invoer")
    ctx = error.get("ctx", {})
    messages = {
        "less_than_equal": _("'%(name)s' mag hoogstens %(le)s zijn"),
        "greater_than_equal": _("'%(name)s' moet minstens %(ge)s zijn"),
        "int_parsing": _("'%(name)s' moet een geheel getal zijn"),
        "int_type": _("'%(name)s' moet een geheel getal zijn"),
        "int_from_float": _("'%(name)s' moet een geheel getal zijn"),
        "literal_error": _("'%(name)s' moet een van deze waarden zijn: %(expected)s"),
        "enum": _("'%(name)s' moet een van deze waarden zijn: %(expected)s"),
        "string_too_long": _("'%(name)s' is te lang (hoogstens %(max_length)s tekens)"),
        "too_long": _("'%(name)s' mag hoogstens %(max_length)s keer voorkomen"),
        "string_pattern_mismatch": _("'%(name)s' bevat ongeldige tekens"),
        "missing": _("'%(name)s' ontbreekt"),
    }
    if isinstance(ctx.get("expected"), str):
        ctx = {**ctx, "expected": ctx["expected"].replace(" or ", " " + _("of") + " ")}
    template = messages.get(error["type"], _("'%(name)s' is ongeldig"))
    try:
        return template % {"name": name, **ctx}
    except (KeyError, TypeError, ValueError):
        return _("'%(name)s' is ongeldig") % {"name": name}


# -- routers: one line per app ------------------------------------------------------------------
api.add_router("/", practices_router)
api.add_router("/", questions_router)
api.add_router("/", search_router)
api.add_router("/", inventories_router)
