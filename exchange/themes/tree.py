"""The theme hierarchy (Theme.parent) read in one query, walked in Python.

Kept free of other imports: moderation scopes, expert routing and the dashboard all use it.
"""

from .models import Theme


def theme_tree() -> dict[int, int | None]:
    """{theme id: parent id} for the whole (small) vocabulary, in one query."""
    return dict(Theme.objects.values_list("pk", "parent_id"))


def theme_ancestors(theme_ids, tree: dict[int, int | None] | None = None) -> frozenset[int]:
    """The themes and every theme above them."""
    tree = theme_tree() if tree is None else tree
    found = set()
    for pk in theme_ids:
        while pk is not None and pk not in found:
            found.add(pk)
            pk = tree.get(pk)
    return frozenset(found)


def theme_descendants(theme_ids, tree: dict[int, int | None]) -> frozenset[int]:
    """The themes and every sub-theme below them."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in tree.items():
        children.setdefault(parent, []).append(pk)
    found, todo = set(), list(theme_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return frozenset(found)
