"""The code of conduct: which version applies, who must accept it, recording acceptance.

The version in force is asked on every signed-in request, so it is remembered in this process
for a minute (and forgotten at once when a version is saved here). Whether this session's
member accepted it is remembered in the session: a member who accepted costs no query.
"""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core.roles import is_verified_member

from .models import CodeOfConduct, CodeOfConductAcceptance

SESSION_KEY = "kn_code_of_conduct_version"
CURRENT_TTL_SECONDS = 60
_current: tuple[float, int | None] | None = None  # (expires at, version pk)


def current_code() -> CodeOfConduct | None:
    """The newest published version, or None when there is no code (nothing to accept)."""
    return (
        CodeOfConduct.objects.filter(published_at__lte=timezone.now()).order_by("-version").first()
    )


def current_code_id(*, refresh: bool = False) -> int | None:
    """The pk of the version in force, remembered for CURRENT_TTL_SECONDS."""
    global _current
    now = time.monotonic()
    if refresh or _current is None or _current[0] <= now:
        code = current_code()
        _current = (now + CURRENT_TTL_SECONDS, code.pk if code else None)
    return _current[1]


def forget_current_code() -> None:
    global _current
    _current = None


def has_accepted(*, user, code_id: int) -> bool:
    return CodeOfConductAcceptance.objects.filter(user=user, code_id=code_id).exists()


def remember_acceptance(request, code_id: int | None) -> None:
    request.session[SESSION_KEY] = code_id


def acceptance_required(request) -> bool:
    """Must this signed-in member accept the code before continuing?"""
    code_id = current_code_id()
    if code_id is None or request.session.get(SESSION_KEY) == code_id:
        return False
    user = request.user
    if not is_verified_member(user):
        return False
    if has_accepted(user=user, code_id=code_id):
        remember_acceptance(request, code_id)
        return False
    return True


def on_login(request, user) -> None:
    """At sign-in: look the version up afresh and remember whether this member accepted it."""
    code_id = current_code_id(refresh=True)
    if code_id is not None and has_accepted(user=user, code_id=code_id):
        remember_acceptance(request, code_id)


@transaction.atomic
def code_accept(*, user, version: int) -> CodeOfConductAcceptance:
    """Record that the member accepted `version`, which must be the version in force."""
    code = current_code()
    if code is None or code.version != version:
        raise ValidationError(
            _("Er is intussen een andere versie van de gedragscode. Lees die en accepteer opnieuw.")
        )
    acceptance, _created = CodeOfConductAcceptance.objects.get_or_create(user=user, code=code)
    return acceptance


def code_accept_current(*, user) -> CodeOfConductAcceptance | None:
    """Accept whatever version is in force (factories, seed data); None without a code."""
    code = current_code()
    return code_accept(user=user, version=code.version) if code else None
