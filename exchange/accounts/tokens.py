"""Personal API tokens: members read the API with their own visibility, outside the browser.

The tokens are Wagtail's own `APIToken` model (wagtailcore, since Wagtail 8): only an HMAC of
the token is stored, the token itself is shown once. These services add this network's rules:
only verified members get or use a token, and a suspended member's tokens stop working at once
(they are revoked, so restoring the member does not bring them back; so is a password change).

A token has no session, so no second factor: it never carries moderator or admin powers and
reads what its owner may read as a verified member.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import APIToken

from exchange.core.roles import has_verified_profile, withhold_staff_powers

MAX_ACTIVE_TOKENS = 10
NAME_MAX_LENGTH = 100
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def check_api_token_permission(user) -> None:
    # The member's own standing: a token reads as a verified member, never as a moderator.
    if not has_verified_profile(user):
        raise PermissionDenied(
            _("Alleen geverifieerde leden kunnen een API-token aanmaken of gebruiken.")
        )


def api_tokens_of(*, user):
    """The member's tokens, newest first, revoked ones included (they show as revoked)."""
    return APIToken.objects.filter(user=user).order_by("-created", "-pk")


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[APIToken, str]:
    """Create a token; returns (token, raw). The raw token exists only in this return value."""
    check_api_token_permission(user)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het token een naam.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("Gebruik hoogstens %(n)d tekens.") % {"n": NAME_MAX_LENGTH}}
        )
    active = APIToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("U heeft al %(n)d actieve tokens. Trek er eerst een in.") % {"n": MAX_ACTIVE_TOKENS}
        )
    token, raw = APIToken.create_token(user=user, name=name)
    log(token, "wagtail.apitoken.create", user=user)
    return token, raw


@transaction.atomic
def api_token_revoke(*, user, token_id: int) -> APIToken:
    """Revoke one of the user's own tokens; revoking twice is harmless.

    Raises APIToken.DoesNotExist for someone else's token, so callers answer 404.
    """
    token = APIToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoke()
        log(token, "wagtail.apitoken.revoke", user=user)
    return token


@transaction.atomic
def api_tokens_revoke_all(*, user, actor, reason: str) -> int:
    """Revoke every active token of `user` (`reason` is a code); returns how many."""
    revoked = 0
    for token in APIToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True):
        token.revoke()
        log(token, "wagtail.apitoken.revoke", user=actor, data={"reason": reason})
        revoked += 1
    return revoked


def api_token_user(raw: str):
    """The verified, active member a raw token belongs to, or None.

    Revoked tokens, unknown tokens and tokens of pending, rejected, suspended or inactive
    members authenticate no one. The member comes without moderator powers (see above).
    """
    raw = (raw or "").strip()
    # The format check (with checksum) is offline: garbage never reaches the database.
    if not APIToken.validate_token_format(raw):
        return None
    token = (
        APIToken.objects.select_related("user", "user__profile")
        .filter(key_hash__in=APIToken.candidate_key_hashes(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not has_verified_profile(token.user):
        return None
    withhold_staff_powers(token.user)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
