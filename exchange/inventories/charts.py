"""Server-side SVG bar charts of a question's answers, with a title and a description in words.

The geometry is computed here; templates/inventories/components/chart.html draws it. No
JavaScript, nothing from another host; the same numbers follow in a table beside the chart.
"""

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 210
VALUE_ROOM = 110
BAR_HEIGHT = 18
GAP = 8
MAX_LABEL = 32


@dataclass
class Bar:
    label: str
    y: float
    width: float
    value_label: str
    value_x: float
    own: bool = False


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    width: float = WIDTH
    height: float = 0
    label_width: float = LABEL_WIDTH
    bar_height: float = BAR_HEIGHT
    bars: list[Bar] = field(default_factory=list)

    @property
    def label_x(self) -> float:
        return self.label_width - 8


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(
    *, id: str, title: str, rows: list[tuple[str, float | None, str]], unit: str
) -> Chart:
    """Horizontal bars, one per (label, value or None when suppressed, value text) row."""
    plot = WIDTH - LABEL_WIDTH - VALUE_ROOM
    maximum = max((value or 0 for _label, value, _text in rows), default=0) or 1
    chart = Chart(id=id, title=title, desc="", height=len(rows) * (BAR_HEIGHT + GAP) + GAP)
    words = []
    for n, (label, value, text) in enumerate(rows):
        width = plot * (value or 0) / maximum
        chart.bars.append(
            Bar(
                label=_short(label),
                y=GAP + n * (BAR_HEIGHT + GAP),
                width=round(width, 1),
                value_label=text,
                value_x=round(LABEL_WIDTH + width + 6, 1),
            )
        )
        words.append(f"{label}: {text}")
    chart.desc = _("%(unit)s per antwoord. %(values)s.") % {
        "unit": unit,
        "values": "; ".join(words),
    }
    return chart


def share_text(share: float | None) -> str:
    if share is None:
        return _("afgeschermd")
    return f"{number_format(share, 0)}%"


def number_text(value: float | None, unit: str = "") -> str:
    if value is None:
        return _("afgeschermd")
    text = number_format(round(value, 1), 1 if value % 1 else 0)
    return f"{text} {unit}".strip()
