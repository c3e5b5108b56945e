"""The network overview: which kinds of organisations municipalities work with on which themes.

Counts of municipalities only, over every register (private entries too): what a municipality
keeps private never shows as such, because everyone but moderators gets the figures through
the small-group rule (exchange/core/small_groups.py) in one release: the kinds × themes table,
the gaps (municipalities with a register but no link to a group of kinds on a theme) and the
province tiles. Moderators see the exact counts.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from exchange.core.small_groups import Group, Release, minimum, protect, sees_everything
from exchange.municipalities.models import PROVINCES, Municipality
from exchange.municipalities.tiles import TileGrid, province_tiles
from exchange.themes.models import OrganisationKind, Theme

from .models import Organisation

NETWORK = "network"
NATION = "nation"
WITH, WITHOUT = "with", "without"
KEPT, NOT_KEPT = "register", "no-register"


@dataclass
class Line:
    label: str
    cells: list  # int or None (withheld), one per theme


@dataclass
class Overview:
    exact: bool
    minimum: int
    network_size: int | None  # municipalities that keep a register (None: withheld)
    themes: list = field(default_factory=list)
    kinds: list[Line] = field(default_factory=list)  # municipalities working with the kind
    gaps: list[Line] = field(default_factory=list)  # with a register, but not with the group
    provinces: list[tuple[str, int | None, int]] = field(default_factory=list)
    tiles: TileGrid | None = None

    @property
    def empty(self) -> bool:
        return not self.themes


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def network_overview(*, user) -> Overview:
    """Everything the overview page shows, protected as one release (4 queries)."""
    active = dict(Municipality.objects.active().values_list("pk", "province"))
    links = (
        Organisation.themes.through.objects.filter(organisation__municipality_id__in=list(active))
        .values_list("organisation__municipality_id", "organisation__kind_id", "theme_id")
        .distinct()
    )
    keeping = set(
        Organisation.objects.filter(municipality_id__in=list(active))
        .values_list("municipality_id", flat=True)
        .distinct()
    )
    by_cell: dict[tuple, set] = defaultdict(set)
    for municipality_id, kind_id, theme_id in links:
        by_cell[(kind_id, theme_id)].add(municipality_id)
    theme_ids = {theme_id for _kind, theme_id in by_cell}
    kind_ids = {kind_id for kind_id, _theme in by_cell}
    # Every main theme, also one no register mentions yet: that is the widest gap of all.
    themes = list(
        Theme.objects.filter(Q(pk__in=theme_ids) | Q(parent__isnull=True)).order_by("name")
    )
    kinds = list(OrganisationKind.objects.order_by("position", "name"))
    used_kinds = [kind for kind in kinds if kind.pk in kind_ids]
    kind_groups: dict[str, list] = {}
    for kind in kinds:
        kind_groups.setdefault(kind.group or kind.name, []).append(kind.pk)

    network = frozenset(keeping)
    release = Release()
    release.add(
        Group(
            NETWORK,
            network,
            cells={cell: len(members) for cell, members in by_cell.items()},
        )
    )
    gap_cells = {}
    for group_name, group_kinds in kind_groups.items():
        for theme in themes:
            linked = set().union(*(by_cell.get((k, theme.pk), set()) for k in group_kinds))
            without = len(network - linked)
            gap_cells[(group_name, theme.pk)] = without
            release.add(
                Group(
                    ("gap", group_name, theme.pk),
                    network,
                    cells={
                        (WITH, group_name, theme.pk): len(network) - without,
                        (WITHOUT, group_name, theme.pk): without,
                    },
                    partition=True,
                )
            )
    nation = frozenset(active)
    release.add(Group(NATION, nation, {KEPT: len(network), NOT_KEPT: len(nation - network)}, True))
    province_members = defaultdict(set)
    for pk, province in active.items():
        province_members[province].add(pk)
    for province in PROVINCES:
        members = frozenset(province_members[province])
        release.add(
            Group(
                ("province", province),
                members,
                {KEPT: len(members & network), NOT_KEPT: len(members - network)},
                True,
            )
        )
    release.splits.append((NATION, [("province", p) for p in PROVINCES]))

    exact = sees_everything(user)
    shown = None if exact else protect(release)

    def cell(group_key, cell_key, value):
        return value if shown is None else shown.cell(group_key, cell_key)

    overview = Overview(
        exact=exact,
        minimum=minimum(),
        network_size=cell(NATION, KEPT, len(network)),
        themes=themes,
    )
    for kind in used_kinds:
        overview.kinds.append(
            Line(
                kind.name,
                [
                    cell(NETWORK, (kind.pk, t.pk), len(by_cell.get((kind.pk, t.pk), ())))
                    for t in themes
                ],
            )
        )
    for group_name in kind_groups:
        overview.gaps.append(
            Line(
                group_name,
                [
                    cell(
                        ("gap", group_name, t.pk),
                        (WITHOUT, group_name, t.pk),
                        gap_cells[(group_name, t.pk)],
                    )
                    for t in themes
                ],
            )
        )
    for province in PROVINCES:
        members = province_members[province]
        kept = len(members & network)
        # A province without (active) municipalities has nothing to protect.
        shown_kept = cell(("province", province), KEPT, kept) if members else 0
        overview.provinces.append((province, shown_kept, len(members)))
    overview.tiles = province_tiles(
        rows=overview.provinces, share_format=_percent, hidden_label=_("afgeschermd")
    )
    return overview
