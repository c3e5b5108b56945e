"""Who may decide on members."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator
from exchange.themes.scopes import is_theme_moderator


def check_member_moderate_permission(user) -> None:
    """Approving, rejecting, suspending and restoring members is for moderators without a
    theme scope: a member is not tagged with themes."""
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren mogen leden beoordelen."))
    if is_theme_moderator(user):
        raise PermissionDenied(
            _(
                "Leden goedkeuren, afwijzen, schorsen of herstellen is voorbehouden aan "
                "moderatoren zonder themabeperking."
            )
        )
