"""Small-group protection: the one place that decides which figures may be shown.

Any figure shown to someone other than moderators and the municipality itself must cover at
least `SMALL_GROUP_MINIMUM` municipalities (default 5). A page, CSV or API answer builds one
`Release` of *everything it shows together* (every group, every round) and calls `protect()`
once; what comes back is the only thing it may render. The rules, applied until nothing
changes:

1. A group (the municipalities behind a figure: the nation, a province, a size class, a round)
   with fewer than the minimum is suppressed, with all its cells.
2. Two shown groups where one lies inside the other and they differ by fewer than the minimum
   would reveal the difference by subtraction: the smaller (filtered) group is suppressed.
   Groups of different rounds are compared the same way, by their municipalities.
3. Groups that split a shown parent (provinces of the nation): when one child is suppressed,
   or the suppressed children together cover fewer than the minimum, the next smallest child
   is suppressed too, so parent minus the rest reveals nothing small.
4. A count cell (municipalities that chose an answer) below the minimum is suppressed; zero is
   shown. Where a row's cells add up to its total (single choice, scale), the suppressed cells
   of a row must be at least two and together cover the minimum, else the next smallest cell
   goes too (complementary suppression).
5. The same cell in a nested pair of groups: when the difference is below the minimum (and not
   zero) the filtered group's cell is suppressed; over a parent split into children, one
   suppressed child cell takes a second one with it.

Medians and shares are derived from a group's counts and answers; they are shown only when the
group is. Moderators, and a municipality looking at its own answers, see everything: callers
ask `sees_everything(user)` and skip the release for them.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from django.conf import settings

from .roles import is_moderator

DEFAULT_MINIMUM = 5


def minimum() -> int:
    """The fewest municipalities a figure shown outside the moderators must cover."""
    return int(getattr(settings, "SMALL_GROUP_MINIMUM", DEFAULT_MINIMUM))


def sees_everything(user) -> bool:
    """Moderators see the raw figures (and free text); everyone else a protected release."""
    return is_moderator(user)


@dataclass
class Group:
    """The municipalities behind one row of figures, with that row's count cells."""

    key: Hashable
    members: frozenset
    cells: dict = field(default_factory=dict)  # cell key -> number of municipalities
    # The cells partition the group (each municipality in exactly one cell): single choice,
    # scale. Then a row total minus the shown cells would reveal a lone suppressed cell.
    partition: bool = False

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Release:
    """Everything one page (or download) shows together; `protect()` decides what may be shown.

    `splits` names the groups that together make up a parent group: (parent key, child keys).
    """

    groups: list[Group] = field(default_factory=list)
    splits: list[tuple[Hashable, list[Hashable]]] = field(default_factory=list)

    def add(self, group: Group) -> Group:
        self.groups.append(group)
        return group


@dataclass
class Protected:
    """What may be shown: per group whether it is, and per cell its count or None."""

    suppressed_groups: set
    cells: dict  # (group key, cell key) -> int | None
    minimum: int

    def shown(self, group_key) -> bool:
        return group_key not in self.suppressed_groups

    def cell(self, group_key, cell_key) -> int | None:
        if group_key in self.suppressed_groups:
            return None
        return self.cells.get((group_key, cell_key))


def protect(release: Release, *, minimum_size: int | None = None) -> Protected:
    """Apply the rules above to everything in `release` until nothing more is suppressed."""
    n = minimum() if minimum_size is None else minimum_size
    groups = {group.key: group for group in release.groups}
    hidden: set = set()
    hidden_cells: set = set()
    nested = [
        (inner, outer)
        for inner in groups.values()
        for outer in groups.values()
        if inner.key != outer.key and inner.members < outer.members
    ]
    changed = True
    while changed:
        before = (len(hidden), len(hidden_cells))
        for group in groups.values():
            if group.size < n:
                hidden.add(group.key)
        for inner, outer in nested:
            both_shown = outer.key not in hidden and inner.key not in hidden
            if both_shown and len(outer.members - inner.members) < n:
                hidden.add(inner.key)
        for parent_key, child_keys in release.splits:
            if not _complement(
                [groups[key] for key in child_keys if groups[key].size],
                parent_visible=parent_key not in hidden,
                is_hidden=lambda group: group.key in hidden,
                value=lambda group: group.size,
                hide=lambda group: hidden.add(group.key),
                n=n,
            ):
                hidden.add(parent_key)
        for group in groups.values():
            if group.key in hidden:
                continue
            for cell_key, count in group.cells.items():
                if 0 < count < n:
                    hidden_cells.add((group.key, cell_key))
            if group.partition and not _complement(
                list(group.cells),
                parent_visible=True,
                is_hidden=lambda key, group=group: (group.key, key) in hidden_cells,
                value=lambda key, group=group: group.cells[key],
                hide=lambda key, group=group: hidden_cells.add((group.key, key)),
                n=n,
            ):
                hidden.add(group.key)
        for inner, outer in nested:
            if outer.key in hidden or inner.key in hidden:
                continue
            for cell_key, count in inner.cells.items():
                if (inner.key, cell_key) in hidden_cells or (outer.key, cell_key) in hidden_cells:
                    continue
                if 0 < outer.cells.get(cell_key, 0) - count < n:
                    hidden_cells.add((inner.key, cell_key))
        for parent_key, child_keys in release.splits:
            if parent_key in hidden:
                continue
            # A suppressed child counts as hidden in every cell.
            children = [groups[key] for key in child_keys if groups[key].size]
            for cell_key in groups[parent_key].cells:
                if (parent_key, cell_key) in hidden_cells:
                    continue
                if not _complement(
                    children,
                    parent_visible=True,
                    is_hidden=lambda child, c=cell_key: (
                        child.key in hidden or (child.key, c) in hidden_cells
                    ),
                    value=lambda child, c=cell_key: child.cells.get(c, 0),
                    hide=lambda child, c=cell_key: hidden_cells.add((child.key, c)),
                    n=n,
                ):
                    hidden_cells.add((parent_key, cell_key))
        changed = (len(hidden), len(hidden_cells)) != before
    cells = {
        (group.key, cell_key): None if (group.key, cell_key) in hidden_cells else count
        for group in groups.values()
        for cell_key, count in group.cells.items()
    }
    return Protected(suppressed_groups=hidden, cells=cells, minimum=n)


def _complement(items: Iterable, *, parent_visible, is_hidden, value, hide, n) -> bool:
    """Items add up to a shown parent: what is hidden must not be computable from the rest.

    While exactly one item is hidden (parent minus the others gives it), or the hidden items
    together cover fewer than `n` (parent minus the others gives a small figure), the next
    smallest shown item is hidden too. False when even hiding all of them does not do: then
    the parent itself must go.
    """
    items = list(items)
    if not parent_visible:
        return True
    while True:
        hidden_items = [item for item in items if is_hidden(item)]
        if not hidden_items:
            return True
        if len(hidden_items) > 1 and sum(value(item) for item in hidden_items) >= n:
            return True
        candidates = [item for item in items if not is_hidden(item)]
        if not candidates:
            return False
        hide(min(candidates, key=value))
