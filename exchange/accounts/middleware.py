"""Gates in front of every page: two-factor auth for staff, the code of conduct for members."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from exchange.core.roles import is_staff_role, staff_powers_withheld

from . import conduct
from .mfa import gate_staff_powers

ADMIN_PREFIX = "/beheer/"


class StaffPowersNeedMFAMiddleware:
    """Moderators, admins and staff act as plain members until this session has seen their
    second factor (see exchange.accounts.mfa). Runs right after authentication, before
    anything asks for roles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            gate_staff_powers(request, user)
        return self.get_response(request)


class StaffMFARequiredMiddleware:
    """The admin asks staff to set up two-factor authentication, or to enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (
            request.path.startswith(ADMIN_PREFIX) and user.is_authenticated and is_staff_role(user)
        ):
            return self.get_response(request)
        if not is_mfa_enabled(user):
            messages.warning(
                request,
                _(
                    "Stel eerst tweestapsverificatie in. Moderatoren en beheerders kunnen "
                    "het beheer pas gebruiken als hun account daarmee beveiligd is."
                ),
            )
            url = reverse("mfa_activate_totp") + "?" + urlencode({"next": request.path})
            return redirect(url)
        if staff_powers_withheld(user):
            messages.info(
                request,
                _(
                    "Voer de code uit uw authenticator-app in. Moderatoren en beheerders "
                    "bevestigen in elke sessie met tweestapsverificatie dat zij het zijn."
                ),
            )
            url = reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.path})
            return redirect(url)
        return self.get_response(request)


class CodeOfConductMiddleware:
    """A verified member who has not accepted the version in force reads and accepts it first.

    Anonymous visitors, pending members and requests to the exempt paths pass untouched, and
    so do members whose session already accepted this version (no query at all).
    """

    # Reading or leaving the site, the machine paths, and the member's data rights (someone
    # who does not accept a new code may still take their data and leave).
    EXEMPT_URL_NAMES = (
        "code_of_conduct",
        "account_logout",
        "account_data_export",
        "account_delete",
        "wagtailadmin_login_redirect",
    )
    EXEMPT_PREFIXES = (
        "/healthz",
        "/api/",
        "/i18n/",
        "/favicon.ico",
        "/robots.txt",
        "/.well-known/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def exempt_prefixes(self) -> tuple[str, ...]:
        paths = [reverse(name) for name in self.EXEMPT_URL_NAMES]
        return (*self.EXEMPT_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL, *paths)

    def __call__(self, request):
        if (
            not request.path.startswith(self.exempt_prefixes)
            and request.user.is_authenticated
            and conduct.acceptance_required(request)
        ):
            url = reverse("code_of_conduct")
            # Only a page can be returned to; a form post starts again from the code page.
            if request.method in ("GET", "HEAD"):
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)
