"""Who may see the network dashboard: moderators, since its counts include every item."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator


def check_network_view_permission(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen het netwerkoverzicht bekijken."))
