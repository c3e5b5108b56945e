"""Who may share and edit which practice: on the site, and in the admin for moderators."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import AUTHORS_GROUP, has_verified_profile, is_moderator

__all__ = [
    "AUTHORS_GROUP",
    "check_practice_edit_permission",
    "check_practice_share_permission",
    "check_practice_author_permission",
    "user_municipality_id",
]


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


def check_practice_share_permission(user) -> None:
    """Sharing a new practice: verified members linked to a municipality (it is shared on
    the municipality's behalf). The refusal says what is missing."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in om een praktijk te delen."))
    if not has_verified_profile(user):
        raise PermissionDenied(
            _(
                "Uw account is nog niet goedgekeurd. Zodra een moderator uw aanmelding heeft "
                "bekeken, kunt u praktijken van uw gemeente delen."
            )
        )
    if user_municipality_id(user) is None:
        raise PermissionDenied(
            _(
                "Praktijken worden gedeeld namens een gemeente, en uw account is niet aan een "
                "gemeente gekoppeld. Werkt u bij een gemeente? Vraag dan een moderator uw "
                "account aan die gemeente te koppelen."
            )
        )


def check_practice_author_permission(user, practice) -> None:
    """Working on a practice on the site: verified members of its municipality, moderators."""
    if is_moderator(user):
        return
    if not has_verified_profile(user):
        raise PermissionDenied(_("Alleen geverifieerde leden kunnen praktijken bewerken."))
    check_practice_edit_permission(user, practice)
