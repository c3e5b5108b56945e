"""The SVG chart geometry: scales, labels and the province tile grid."""

import datetime

from django.utils import translation

from exchange.insights import charts, tiles
from exchange.municipalities.models import PROVINCES


def test_ticks_are_round_numbers_reaching_the_maximum():
    assert charts.nice_ticks(0) == [0, 1]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]
    assert charts.nice_ticks(37) == [0, 10, 20, 30, 40]
    assert charts.nice_ticks(180) == [0, 50, 100, 150, 200]


def test_month_labels_carry_the_year_once_per_year():
    months = [datetime.date(2025, m, 1) for m in (11, 12)] + [
        datetime.date(2026, m, 1) for m in (1, 2, 3)
    ]
    with translation.override("nl"):
        assert charts.month_labels(months) == [
            ["nov", "2025"],
            ["dec"],
            ["jan", "2026"],
            ["feb"],
            ["mrt"],
        ]
        # Narrow charts label every other month; the year moves to the next labelled one.
        assert charts.month_labels(months[1:], every=2) == [
            ["dec", "2025"],
            [],
            ["feb", "2026"],
            [],
        ]


def test_stacked_columns_share_one_scale_and_stay_apart():
    chart = charts.column_chart(
        id="c",
        title="t",
        desc="d",
        months=[datetime.date(2025, 1, 1), datetime.date(2025, 2, 1)],
        series=[charts.Series("practices", "P", [2, 0]), charts.Series("questions", "V", [2, 1])],
        maximum=8,
    )
    assert chart.ticks[-1].label == "8"
    first, second = chart.columns
    assert [r.key for r in first.rects] == ["practices", "questions"]
    assert first.value_label == "4"
    assert [r.key for r in second.rects] == ["questions"]  # nothing drawn for zero
    lower, upper = first.rects
    assert upper.y + upper.height < lower.y  # a gap between the segments
    # Half the scale: the column reaches half way up the plot.
    assert round(upper.y) == round((chart.top + chart.bottom) / 2)


def test_line_breaks_at_months_without_a_value():
    chart = charts.line_chart(
        id="l",
        title="t",
        desc="d",
        months=[datetime.date(2025, m, 1) for m in range(1, 6)],
        values=[2, 4, None, 3, 5],
        value_format=str,
    )
    assert len(chart.points) == 4
    assert len(chart.paths) == 2


def test_every_province_has_a_tile_and_shades_follow_the_printed_percentage():
    assert sorted(tiles.TILE_POSITIONS) == sorted(PROVINCES)
    assert len(set(tiles.TILE_POSITIONS.values())) == 12
    assert tiles.shade_of(None) is None
    assert tiles.shade_of(0) == 0
    assert tiles.shade_of(0.196) == 1  # printed as 20%
    assert tiles.shade_of(1) == 4
    grid = tiles.tile_map(
        id="k",
        title="t",
        desc="d",
        rows=[(p, 1, 4) for p in PROVINCES],
        share_format=lambda share: f"{share:.0%}",
    )
    assert {tile.counts for tile in grid.tiles} == {"1/4"}
    assert {tile.share for tile in grid.tiles} == {"25%"}
