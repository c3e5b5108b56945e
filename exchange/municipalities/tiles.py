"""The twelve provinces as a tile grid: equal tiles roughly where each province lies.

The geometry only; pages draw it as server-side SVG (the network dashboard's
templates/insights/charts/tiles.html, the network register's overview). A tile is shaded by a
share and prints its numbers too, so the map does not rely on colour. A tile whose count is
withheld (the small-group rule) is drawn unshaded with `hidden_label`.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
# Share classes, light to dark; each tile also prints its numbers.
SHADES = 5


@dataclass
class Tile:
    label: str
    x: float
    y: float
    shade: int | None  # None: nothing to shade (no municipalities, or the count is withheld)
    counts: str  # "12/30"
    share: str  # "40%"


@dataclass
class TileGrid:
    width: float
    height: float
    tile_width: float
    tile_height: float
    tiles: list[Tile] = field(default_factory=list)
    shades: list[tuple[int, str]] = field(default_factory=list)  # the legend: class, range


def shade_of(share: float | None) -> int | None:
    """The class of a share, from the rounded percentage the tile prints (19.6% is "20%")."""
    if share is None:
        return None
    return min(round(share * 100) * SHADES // 100, SHADES - 1)


def province_tiles(
    *,
    rows: Sequence[tuple[str, int | None, int]],
    share_format: Callable[[float], str],
    hidden_label: str = "–",
    tile_width: float = 128,
    tile_height: float = 80,
    gap: float = 6,
) -> TileGrid:
    """One tile per (province, count or None when withheld, total) row, shaded by count/total."""
    grid = TileGrid(
        width=4 * tile_width + 3 * gap,
        height=4 * tile_height + 3 * gap,
        tile_width=tile_width,
        tile_height=tile_height,
        shades=[
            (n, f"{100 * n // SHADES}–{100 * (n + 1) // SHADES - (n < SHADES - 1)}%")
            for n in range(SHADES)
        ],
    )
    for province, count, total in rows:
        column, row = TILE_POSITIONS[province]
        share = count / total if total and count is not None else None
        grid.tiles.append(
            Tile(
                label=province,
                x=column * (tile_width + gap),
                y=row * (tile_height + gap),
                shade=shade_of(share),
                counts=f"{'?' if count is None else count}/{total}",
                share=(hidden_label if count is None else "–")
                if share is None
                else share_format(share),
            )
        )
    return grid
