"""Moderators and admins cannot use the Wagtail admin until they have two-factor auth."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .roles import is_staff_role

ADMIN_PREFIX = "/beheer/"


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and is_staff_role(user)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _(
                    "Stel eerst tweestapsverificatie in. Moderatoren en beheerders kunnen "
                    "het beheer pas gebruiken als hun account daarmee beveiligd is."
                ),
            )
            url = reverse("mfa_activate_totp") + "?" + urlencode({"next": request.path})
            return redirect(url)
        return self.get_response(request)
