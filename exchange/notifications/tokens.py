"""Signed one-click unsubscribe tokens: a user id and one e-mail type, no login needed.

The token never expires (old e-mails must keep working) and can do only one thing: switch
that e-mail type off for that member.
"""

from dataclasses import dataclass

from django.core import signing

from .models import EmailType, Rhythm

UNSUBSCRIBE_SALT = "exchange.notifications.unsubscribe"
# An overview e-mail is its own type: unsubscribing stops the types sent in that rhythm.
DIGEST_TYPES = {f"digest:{Rhythm.DAILY}": Rhythm.DAILY, f"digest:{Rhythm.WEEKLY}": Rhythm.WEEKLY}


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    email_type: str

    @property
    def digest_rhythm(self) -> str | None:
        return DIGEST_TYPES.get(self.email_type)


def unsubscribe_token_make(*, user_id: int, email_type: str) -> str:
    if email_type not in EmailType.values and email_type not in DIGEST_TYPES:
        raise ValueError(f"unknown e-mail type {email_type!r}")
    return signing.dumps({"u": user_id, "t": email_type}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> Unsubscribe:
    """The token's contents; raises signing.BadSignature when tampered with or malformed."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not an unsubscribe token")
    user_id, email_type = data.get("u"), data.get("t")
    if not isinstance(user_id, int) or (
        email_type not in EmailType.values and email_type not in DIGEST_TYPES
    ):
        raise signing.BadSignature("not an unsubscribe token")
    return Unsubscribe(user_id=user_id, email_type=email_type)
