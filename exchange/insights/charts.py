"""Server-rendered SVG charts: the geometry is computed here, templates/insights/charts/ draws it.

No JavaScript and nothing from another host. Every chart is an image with a title and a
description that says in words what it shows; series differ by pattern and label as well as by
colour, and the numbers follow in a table on the page.
"""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.formats import date_format

FONT_WIDTH = 6.5  # average width of a 12px character, for fitting labels
SERIES_GAP = 1.5  # white line between stacked segments, so they do not rely on colour alone


@dataclass(frozen=True)
class Series:
    key: str  # CSS class of the series; "questions" is also drawn hatched
    label: str
    values: Sequence[float | None]


@dataclass
class Rect:
    x: float
    y: float
    width: float
    height: float
    key: str


@dataclass
class Column:
    x: float  # centre
    labels: list[str]  # under the axis: month, and the year at January and at the start
    rects: list[Rect]
    value_label: str
    value_y: float


@dataclass
class Tick:
    y: float
    label: str


@dataclass
class Point:
    x: float
    y: float
    label: str


@dataclass
class Chart:
    """What every chart template needs; the kind-specific parts are in the subclasses."""

    id: str
    title: str
    desc: str
    width: float
    height: float
    legend: list[Series] = field(default_factory=list)
    template: ClassVar[str] = ""


@dataclass
class ColumnChart(Chart):
    template: ClassVar[str] = "insights/charts/columns.html"
    left: float = 0
    right: float = 0
    top: float = 0
    bottom: float = 0
    columns: list[Column] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    show_values: bool = True

    @property
    def tick_x(self) -> float:
        return self.left - 6

    @property
    def label_y(self) -> float:
        return self.bottom + 15


@dataclass
class LineChart(ColumnChart):
    template: ClassVar[str] = "insights/charts/line.html"
    paths: list[str] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass
class Bar:
    label: str
    y: float
    width: float
    outline_width: float | None
    value_label: str
    value_x: float  # right of the longer of the bar and its outline


@dataclass
class BarChart(Chart):
    template: ClassVar[str] = "insights/charts/bars.html"
    label_width: float = 0
    bar_height: float = 0
    bars: list[Bar] = field(default_factory=list)

    @property
    def label_x(self) -> float:
        return self.label_width - 8


def _r(value: float) -> float:
    # One decimal is finer than a pixel and keeps the markup short.
    return round(value, 1)


def nice_ticks(maximum: float, *, count: int = 4) -> list[float]:
    """Round tick values from 0 to at least `maximum`: steps of 1, 2 or 5 times a power of ten."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(step, 1)  # counts: no fractional ticks
    return [n * step for n in range(math.ceil(maximum / step) + 1)]


def month_labels(months: Sequence[datetime.date], *, every: int = 1) -> list[list[str]]:
    """ "jan" under every `every`th month, with the year under the first labelled one of each
    year; narrow charts label fewer months so the labels do not run into each other."""
    labels, last_year = [], None
    for n, month in enumerate(months):
        if n % every:
            labels.append([])
            continue
        lines = [date_format(month, "M").lower()]
        if month.year != last_year:
            lines.append(str(month.year))
            last_year = month.year
        labels.append(lines)
    return labels


def _plot_box(width, height, *, left=44.0, right=8.0, top=22.0, bottom=40.0):
    return left, width - right, top, height - bottom


def column_chart(
    *,
    id: str,
    title: str,
    desc: str,
    months: Sequence[datetime.date],
    series: Sequence[Series],
    width: float = 640,
    height: float = 260,
    maximum: float | None = None,
    ticks: Sequence[float] | None = None,
    value_format: Callable[[float], str] = lambda value: str(round(value)),
    tick_format: Callable[[float], str] | None = None,
) -> ColumnChart:
    """Columns per month, the series stacked; `maximum` shares one scale between small multiples."""
    totals = [
        sum(s.values[n] or 0 for s in series)
        if any(s.values[n] is not None for s in series)
        else None
        for n in range(len(months))
    ]
    ticks = list(
        ticks
        or nice_ticks(maximum if maximum is not None else max(totals, key=lambda t: t or 0) or 0)
    )
    scale_top = ticks[-1] or 1
    left, right, top, bottom = _plot_box(width, height)
    slot = (right - left) / max(len(months), 1)
    bar = min(slot * 0.7, 40)
    label_every = max(1, math.ceil(28 / slot))
    tick_format = tick_format or value_format

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * value / scale_top

    chart = ColumnChart(
        id=id,
        title=title,
        desc=desc,
        width=width,
        height=height,
        legend=list(series) if len(series) > 1 else [],
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        ticks=[Tick(y=_r(y_of(t)), label=tick_format(t)) for t in ticks],
        show_values=slot >= FONT_WIDTH * 3.5,
    )
    for n, labels in enumerate(month_labels(months, every=label_every)):
        x = left + slot * (n + 0.5)
        base, rects = 0.0, []
        for s in series:
            value = s.values[n] or 0
            if value <= 0:
                continue
            y_top, y_base = y_of(base + value), y_of(base)
            # Leave a gap above each lower segment so stacked series stay apart.
            gap = SERIES_GAP if rects else 0
            rects.append(
                Rect(
                    x=_r(x - bar / 2),
                    y=_r(y_top),
                    width=_r(bar),
                    height=_r(max(y_base - y_top - gap, 0.5)),
                    key=s.key,
                )
            )
            base += value
        total = totals[n]
        chart.columns.append(
            Column(
                x=_r(x),
                labels=labels,
                rects=rects,
                value_label="" if total is None else value_format(total),
                value_y=_r(y_of(total or 0) - 5),
            )
        )
    return chart


def line_chart(
    *,
    id: str,
    title: str,
    desc: str,
    months: Sequence[datetime.date],
    values: Sequence[float | None],
    width: float = 640,
    height: float = 240,
    value_format: Callable[[float], str],
    tick_format: Callable[[float], str] | None = None,
) -> LineChart:
    """A line through the months that have a value, with a marker and a label on each point."""
    ticks = nice_ticks(max((v for v in values if v is not None), default=0))
    base = column_chart(
        id=id,
        title=title,
        desc=desc,
        months=months,
        series=[Series("line", title, [None] * len(months))],
        width=width,
        height=height,
        ticks=ticks,
        value_format=value_format,
        tick_format=tick_format,
    )
    chart = LineChart(**vars(base))
    scale_top = ticks[-1] or 1
    segment: list[str] = []
    for column, value in zip(chart.columns, values, strict=True):
        if value is None:
            # A month without answers breaks the line rather than pretending it was zero.
            if len(segment) > 1:
                chart.paths.append(" ".join(segment))
            segment = []
            continue
        y = chart.bottom - (chart.bottom - chart.top) * value / scale_top
        segment.append(f"{'L' if segment else 'M'}{column.x:.1f},{y:.1f}")
        chart.points.append(Point(x=column.x, y=_r(y), label=value_format(value)))
    if len(segment) > 1:
        chart.paths.append(" ".join(segment))
    return chart


def bar_chart(
    *,
    id: str,
    title: str,
    desc: str,
    rows: Sequence[tuple[str, float, float | None, str]],
    series: Sequence[Series] = (),
    width: float = 640,
    label_width: float = 170,
    bar_height: float = 18,
    gap: float = 8,
    max_label: int = 26,
) -> BarChart:
    """Horizontal bars, one per (label, value, outline value or None, value text) row.

    The outline (e.g. all municipalities of a province) is drawn behind the filled value
    (the active ones), so a bar reads as "so many of so many".
    """
    value_room = 120  # for the value text right of the longest bar
    plot = width - label_width - value_room
    maximum = max((max(value, outline or 0) for _, value, outline, _ in rows), default=0) or 1
    chart = BarChart(
        id=id,
        title=title,
        desc=desc,
        width=width,
        height=len(rows) * (bar_height + gap) + gap,
        legend=list(series),
        label_width=label_width,
        bar_height=bar_height,
    )
    for n, (label, value, outline, text) in enumerate(rows):
        width, outline_width = plot * value / maximum, plot * (outline or 0) / maximum
        chart.bars.append(
            Bar(
                label=label if len(label) <= max_label else label[: max_label - 1] + "…",
                y=gap + n * (bar_height + gap),
                width=_r(width),
                outline_width=None if outline is None else _r(outline_width),
                value_label=text,
                value_x=_r(label_width + max(width, outline_width) + 6),
            )
        )
    return chart
