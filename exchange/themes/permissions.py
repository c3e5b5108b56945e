"""Who may change the theme vocabulary in the admin: the rule lives in services."""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

from .services import check_theme_curate_permission

CURATE_ACTIONS = {"add", "change", "delete"}


def may_curate_themes(user) -> bool:
    try:
        check_theme_curate_permission(user)
    except PermissionDenied:
        return False
    return True


class ThemePermissionPolicy(ModelPermissionPolicy):
    """Django's theme permissions, minus changes for theme moderators.

    Theme moderators share the Moderators group (and its theme permissions) with full
    moderators; this keeps the add, edit and delete buttons and views from them.
    """

    def user_has_permission(self, user, action):
        if action in CURATE_ACTIONS and not may_curate_themes(user):
            return False
        return super().user_has_permission(user, action)
