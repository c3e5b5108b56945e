import datetime
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .links import absolute_url


def accessibility_statement(request):
    return render(request, "core/accessibility.html", {"contact": settings.ACCESSIBILITY_CONTACT})


def privacy_statement(request):
    return render(request, "core/privacy.html")


SECURITY_TXT_VALID_FOR = datetime.timedelta(days=180)


@require_safe
@cache_control(max_age=24 * 60 * 60, public=True)
def security_txt(request):
    """RFC 9116: whom to tell about a vulnerability (SECURITY_CONTACT, SECURITY_POLICY_URL)."""
    expires = timezone.now().replace(microsecond=0) + SECURITY_TXT_VALID_FOR
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_CONTACT]
    lines += [
        f"Expires: {expires.astimezone(datetime.UTC).isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {absolute_url(request.path)}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def bad_request(request, exception=None, *, reason=None):
    # Django's own refusals (SuspiciousOperation and friends) carry English text meant for
    # developers, so visitors get our own explanation instead.
    reason = reason or _("Het adres of het formulier bevat gegevens die wij niet kunnen verwerken.")
    return render(request, "400.html", {"reason": reason}, status=400)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# The database not answering (restarting, failing over): a 503 saying "a moment", not a 500.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    # No context processors that touch the database: the database may be why we are here.
    from django.http import HttpResponseServerError
    from django.template import loader

    if isinstance(sys.exc_info()[1], DATABASE_AWAY):
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": _("De dienst is tijdelijk niet beschikbaar. Probeer het zo opnieuw.")},
                status=503,
            )
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
