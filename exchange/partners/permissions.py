"""Who may see and change a network register. Checks raise PermissionDenied in Dutch.

- A municipality's verified members read and keep its register, and only they ever see a key
  figure's personal details.
- Full moderators (no theme scope) read every register, with key figures as roles only.
  Theme moderators count as moderators for the overview's figures, not for registers.
- Members for a partner organisation (no municipality) keep no register.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from exchange.core.roles import is_moderator, is_verified_member
from exchange.themes.scopes import is_theme_moderator
from exchange.visibility import viewer_for

NO_MUNICIPALITY = _(
    "Het lokaal netwerk is het register van een gemeente. Uw account hoort niet bij een "
    "gemeente, dus u heeft geen register. Via 'Wie werkt met …' ziet u wel welke gemeenten "
    "samenwerken met welke soort organisaties."
)


def own_municipality_id(user) -> int | None:
    """The municipality whose register `user` keeps (verified members only)."""
    return viewer_for(user).municipality_id


def is_full_moderator(user) -> bool:
    return is_moderator(user) and not is_theme_moderator(user)


def may_view_register(user, municipality_id: int) -> bool:
    return own_municipality_id(user) == municipality_id or is_full_moderator(user)


def may_edit_register(user, municipality_id: int) -> bool:
    return own_municipality_id(user) == municipality_id


def may_see_personal_details(user, key_figure) -> bool:
    """Never outside the own municipality: not even moderators."""
    return own_municipality_id(user) == key_figure.municipality_id


def check_register_permission(user, municipality_id: int) -> None:
    if not may_view_register(user, municipality_id):
        raise PermissionDenied(_("Dit register is van een andere gemeente."))


def check_edit_permission(user, municipality_id: int) -> None:
    if not may_edit_register(user, municipality_id):
        raise PermissionDenied(
            _("Alleen geverifieerde leden van de gemeente kunnen haar register bijwerken.")
        )


def check_personal_details_permission(user, key_figure) -> None:
    if not may_see_personal_details(user, key_figure):
        raise PermissionDenied(
            _("Gegevens van sleutelfiguren zijn alleen zichtbaar binnen de eigen gemeente.")
        )


def check_network_permission(user) -> None:
    """The overview and 'who works with …': verified members, also of partner organisations."""
    if not is_verified_member(user):
        raise PermissionDenied(_("Alleen geverifieerde leden zien het overzicht van het netwerk."))


def check_audit_permission(user) -> None:
    if not is_full_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren zien het inzagelog."))
