"""The twelve provinces as a tile grid: equal tiles roughly where each province lies.

Shaded by the share of active municipalities, with the numbers printed in every tile, so the
map does not rely on colour; drawn by templates/insights/charts/tiles.html.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from .charts import Chart

# Roughly where each province lies: (column, row) in a 4 × 4 grid, north at the top.
TILE_POSITIONS = {
    "Fryslân": (2, 0),
    "Groningen": (3, 0),
    "Noord-Holland": (1, 1),
    "Flevoland": (2, 1),
    "Drenthe": (3, 1),
    "Zuid-Holland": (0, 2),
    "Utrecht": (1, 2),
    "Gelderland": (2, 2),
    "Overijssel": (3, 2),
    "Zeeland": (0, 3),
    "Noord-Brabant": (1, 3),
    "Limburg": (2, 3),
}
# Participation classes, light to dark; each tile also prints its numbers.
SHADES = 5


@dataclass
class Tile:
    label: str
    x: float
    y: float
    shade: int | None  # None: no municipalities, nothing to shade
    counts: str  # "12/30"
    share: str  # "40%"


@dataclass
class TileMap(Chart):
    template: ClassVar[str] = "insights/charts/tiles.html"
    tile_width: float = 0
    tile_height: float = 0
    tiles: list[Tile] = field(default_factory=list)
    shades: list[tuple[int, str]] = field(default_factory=list)  # the legend: class, range


def shade_of(share: float | None) -> int | None:
    """The class of a share, from the rounded percentage the tile prints (19.6% is "20%")."""
    if share is None:
        return None
    return min(round(share * 100) * SHADES // 100, SHADES - 1)


def tile_map(
    *,
    id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, int, int]],
    share_format: Callable[[float], str],
    tile_width: float = 128,
    tile_height: float = 80,
    gap: float = 6,
) -> TileMap:
    """The twelve provinces as equal tiles in roughly their place, shaded by active / total."""
    chart = TileMap(
        id=id,
        title=title,
        desc=desc,
        width=4 * tile_width + 3 * gap,
        height=4 * tile_height + 3 * gap,
        tile_width=tile_width,
        tile_height=tile_height,
        shades=[
            (n, f"{100 * n // SHADES}–{100 * (n + 1) // SHADES - (n < SHADES - 1)}%")
            for n in range(SHADES)
        ],
    )
    for province, active, total in rows:
        column, row = TILE_POSITIONS[province]
        share = active / total if total else None
        chart.tiles.append(
            Tile(
                label=province,
                x=column * (tile_width + gap),
                y=row * (tile_height + gap),
                shade=shade_of(share),
                counts=f"{active}/{total}",
                share="–" if share is None else share_format(share),
            )
        )
    return chart
