"""Theme moderators: which themes a moderator may act on.

`theme_scope(user)` is None for a full moderator (no ModeratorScope) and otherwise the set of
theme ids they moderate, sub-themes included. Content is in scope when it carries at least one
of those themes; untagged content belongs to full moderators only. The content apps turn this
into their own checks and filters (`questions/scopes.py`, `practices/scopes.py`).
"""

from .models import ModeratorScope
from .tree import theme_descendants, theme_tree

_UNSET = object()


def theme_scope(user) -> frozenset[int] | None:
    """None: moderates everything. Otherwise the theme ids (with sub-themes) they moderate.

    Cached on the user object for the rest of the request (at most two queries).
    """
    cached = getattr(user, "_moderation_scope_cache", _UNSET)
    if cached is not _UNSET:
        return cached
    scope = None
    if user.is_authenticated:
        rows = list(ModeratorScope.objects.filter(user=user).values_list("themes", flat=True))
        if rows:
            chosen = [pk for pk in rows if pk is not None]
            scope = theme_descendants(chosen, theme_tree()) if chosen else frozenset()
    user._moderation_scope_cache = scope
    return scope


def is_theme_moderator(user) -> bool:
    return theme_scope(user) is not None
