"""Who may edit which practice in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import AUTHORS_GROUP, is_moderator

__all__ = ["AUTHORS_GROUP", "check_practice_edit_permission", "user_municipality_id"]


def user_municipality_id(user) -> int | None:
    profile = getattr(user, "profile", None)
    return profile.municipality_id if profile else None


def check_practice_edit_permission(user, practice) -> None:
    """Authors edit practices of their own municipality only; moderators edit all."""
    if is_moderator(user):
        return
    own = user_municipality_id(user)
    if own is None or practice.municipality_id != own:
        raise PermissionDenied(_("U kunt alleen praktijken van uw eigen gemeente bewerken."))
