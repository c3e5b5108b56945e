"""Roles in the network. Groups carry them so admins can assign them in the Wagtail admin."""

MODERATORS_GROUP = "Moderators"
ADMINS_GROUP = "Beheerders"
# Verified municipal members write practices of their own municipality in the admin.
AUTHORS_GROUP = "Auteurs"


def _group_names(user) -> set[str]:
    # Cached on the user object: role checks run several times per request.
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def is_moderator(user) -> bool:
    """Moderators and admins curate the network and may see everything."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(_group_names(user) & {MODERATORS_GROUP, ADMINS_GROUP})


def is_admin(user) -> bool:
    """Admins (and superusers) manage roles and scopes; no theme scope ever limits them."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or ADMINS_GROUP in _group_names(user)


def is_staff_role(user) -> bool:
    """Roles that must use two-factor authentication before touching the admin."""
    return is_moderator(user) or (user.is_authenticated and user.is_staff)


def is_verified_member(user) -> bool:
    """A member the network trusts with members-only content."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_moderator(user):
        return True
    profile = getattr(user, "profile", None)
    return profile is not None and profile.is_verified
