"""The province tile map of the network dashboard, drawn by templates/insights/charts/tiles.html.

The tile geometry lives with the provinces (exchange/municipalities/tiles.py), so the network
register's overview draws the same map; this module makes it one of the dashboard's charts.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from exchange.municipalities.tiles import SHADES, TILE_POSITIONS, Tile, province_tiles, shade_of

from .charts import Chart

__all__ = ["SHADES", "TILE_POSITIONS", "Tile", "TileMap", "shade_of", "tile_map"]


@dataclass
class TileMap(Chart):
    template: ClassVar[str] = "insights/charts/tiles.html"
    tile_width: float = 0
    tile_height: float = 0
    tiles: list[Tile] = field(default_factory=list)
    shades: list[tuple[int, str]] = field(default_factory=list)  # the legend: class, range


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
    grid = province_tiles(
        rows=rows,
        share_format=share_format,
        tile_width=tile_width,
        tile_height=tile_height,
        gap=gap,
    )
    return TileMap(
        id=id,
        title=title,
        desc=desc,
        width=grid.width,
        height=grid.height,
        tile_width=grid.tile_width,
        tile_height=grid.tile_height,
        tiles=grid.tiles,
        shades=grid.shades,
    )
