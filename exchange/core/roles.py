"""Roles in the network. Groups carry them so admins can assign them in the Wagtail admin.

A moderator's or admin's powers need a second factor proven in the session: until then
`exchange.accounts.mfa` withholds them for the request and the user acts as the member their
profile says they are (see `withhold_staff_powers`).
"""

MODERATORS_GROUP = "Moderators"
ADMINS_GROUP = "Beheerders"
# Verified municipal members share practices of their own municipality on the site; the group
# marks them and holds no admin permission (practices/services.py `roles_ensure`).
AUTHORS_GROUP = "Auteurs"


def _group_names(user) -> set[str]:
    # Cached on the user object: role checks run several times per request.
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def withhold_staff_powers(user) -> None:
    """For the rest of the request `user` is no moderator or admin, whatever their groups.

    Call it before anything asks for the user's roles (the Viewer is cached on the user).
    """
    user._staff_powers_withheld = True


def staff_powers_withheld(user) -> bool:
    return getattr(user, "_staff_powers_withheld", False)


def _holds_moderator_role(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or bool(_group_names(user) & {MODERATORS_GROUP, ADMINS_GROUP})


def is_moderator(user) -> bool:
    """Moderators and admins curate the network and may see everything."""
    return _holds_moderator_role(user) and not staff_powers_withheld(user)


def is_admin(user) -> bool:
    """Admins (and superusers) manage roles and scopes; no theme scope ever limits them."""
    if not user.is_authenticated or not user.is_active or staff_powers_withheld(user):
        return False
    return user.is_superuser or ADMINS_GROUP in _group_names(user)


def is_staff_role(user) -> bool:
    """Roles that must use two-factor authentication (whether or not it is proven yet)."""
    return _holds_moderator_role(user) or (user.is_authenticated and user.is_staff)


def has_verified_profile(user) -> bool:
    """Verified through their own profile, whatever their role (what an API token reads as)."""
    if not user.is_authenticated or not user.is_active:
        return False
    profile = getattr(user, "profile", None)
    return profile is not None and profile.is_verified


def is_verified_member(user) -> bool:
    """A member the network trusts with members-only content."""
    return is_moderator(user) or has_verified_profile(user)
