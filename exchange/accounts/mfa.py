"""Two-factor authentication as proof in the session, and the code forms that ask for it.

Having an authenticator is not enough for a moderator's powers: the second factor must have
been entered in *this* session. allauth records every authentication step in the session (a
record with method "mfa" after a TOTP or recovery code); `gate_staff_powers` withholds the
powers of a staff role without such a record, so the user acts as the member their profile
says they are. Activating TOTP proves the device too, so it is recorded as such.

Wrong codes are limited per account *and* client address (allauth limits them per account
only, which lets anyone who knows a password keep its owner out of the second step).
"""

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.models import Authenticator

from exchange.core.roles import is_staff_role, withhold_staff_powers

from .ratelimits import attempt_key

SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def second_factor_in_session(request, user) -> bool:
    """Did this session see the user pass a second factor? (No query: the session says.)"""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def gate_staff_powers(request, user) -> None:
    """Withhold a staff role's powers for this request until the session has a second factor."""
    if (
        user.is_authenticated
        and is_staff_role(user)
        and not second_factor_in_session(request, user)
    ):
        withhold_staff_powers(user)


def record_second_factor_added(request, user, authenticator) -> None:
    """Activating TOTP needs a valid code from the device: that is a second factor, too."""
    if request is None or authenticator.type not in SECOND_FACTOR_TYPES:
        return
    if request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
        # allauth sends the signal once the activation commits, which inside an outer
        # transaction is after the response has saved the session: save it here as well.
        request.session.save()


class _LimitedPerAddress:
    """allauth's code check, with the failed-attempt limit keyed on the user and address."""

    def clean_code(self) -> str:
        request = context.request
        usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=attempt_key(request, f"mfa-auth-user-{self.user.pk}"),
        )
        if not usage:
            raise get_account_adapter().validation_error("too_many_login_attempts")
        code = self.cleaned_data["code"]
        main_auth = None
        # As allauth does: every authenticator that takes a typed code, TOTP reported first.
        for auth in Authenticator.objects.filter(user=self.user).exclude(
            type=Authenticator.Type.WEBAUTHN
        ):
            if not main_auth or auth.type == Authenticator.Type.TOTP:
                main_auth = auth
            if auth.wrap().validate_code(code):
                auth.user = self.user
                self.authenticator = auth
                # Only this attempt is taken back: earlier failures from here still count,
                # so a valid code now and then does not open the way to guessing.
                usage.rollback()
                return code
        if main_auth:
            self._emit_authentication_failed(main_auth)
        raise get_mfa_adapter().validation_error("incorrect_code")


class AuthenticateForm(_LimitedPerAddress, mfa_forms.AuthenticateForm):
    """The code asked for after the password (MFA_FORMS["authenticate"])."""


class ReauthenticateForm(_LimitedPerAddress, mfa_forms.ReauthenticateForm):
    """The code asked for again by a signed-in member (MFA_FORMS["reauthenticate"])."""
