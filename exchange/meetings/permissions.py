"""Who may organise, edit and join meetings. Each check raises PermissionDenied in Dutch.

Moderators organise for the network or for any municipality; a theme moderator edits the
meetings carrying one of their themes (or that they made). Verified members of a municipality
organise and edit their own municipality's meetings. Members for a partner organisation (no
municipality) and members awaiting verification join nothing and organise nothing.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator, is_verified_member
from exchange.themes.scopes import theme_scope
from exchange.visibility import viewer_for


def can_organise(user) -> bool:
    if not user.is_authenticated:
        return False
    return is_moderator(user) or viewer_for(user).municipality_id is not None


def check_meeting_create_permission(user) -> None:
    if not can_organise(user):
        raise PermissionDenied(
            _(
                "Alleen moderatoren en geverifieerde leden van een gemeente kunnen een "
                "bijeenkomst organiseren."
            )
        )


def can_edit(user, meeting) -> bool:
    if not user.is_authenticated:
        return False
    if is_moderator(user):
        scope = theme_scope(user)
        if scope is None or meeting.owner_id == user.pk:
            return True
        return bool({theme.pk for theme in meeting.themes.all()} & scope)
    municipality_id = viewer_for(user).municipality_id
    return municipality_id is not None and municipality_id == meeting.municipality_id


def check_meeting_edit_permission(user, meeting) -> None:
    if not can_edit(user, meeting):
        raise PermissionDenied(
            _("Alleen de organiserende gemeente en de moderatoren passen deze bijeenkomst aan.")
        )


def sees_participants(user, meeting) -> bool:
    """The organiser's members and moderators see who comes (never their e-mail address)."""
    return can_edit(user, meeting)


def check_registration_permission(user) -> None:
    """Only verified members register (a moderator is one too)."""
    if not user.is_authenticated or not is_verified_member(user):
        raise PermissionDenied(
            _(
                "Alleen geverifieerde leden kunnen zich aanmelden voor een bijeenkomst. Uw "
                "aanmelding bij het netwerk wordt nog beoordeeld."
            )
        )
