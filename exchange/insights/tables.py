"""The dashboard's data tables: one definition serves the page and the CSV export.

Rows hold plain values (dates, numbers, text, None); `cell_text` formats them for the page and
`exports.py` for a spreadsheet, so both always show the same figures.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .periods import Period, period_make
from .selectors import (
    Activity,
    Answering,
    ProvinceParticipation,
    SearchFigures,
    activity_by_theme,
    answering_by_month,
    participation_by_province,
    search_figures,
)

Value = str | int | float | datetime.date | None


@dataclass
class Table:
    slug: str  # also the CSV file name and URL part
    caption: str
    headers: list[str]
    rows: list[list[Value]]
    numeric: set[int] = field(default_factory=set)  # column indexes, aligned right


def cell_text(value: Value) -> str:
    """A value as the page shows it: "januari 2025", "66,7", "–" for nothing."""
    if value is None:
        return "–"
    if isinstance(value, datetime.date):
        return date_format(value, "F Y")
    if isinstance(value, float):
        return number_format(value, decimal_pos=1)
    return str(value)


def percentage(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def activity_table(activity: Activity) -> Table:
    return Table(
        slug="activiteit",
        caption=_("Nieuwe praktijken en vragen per maand"),
        headers=[_("Maand"), _("Nieuwe praktijken"), _("Nieuwe vragen"), _("Totaal")],
        rows=[
            [month, practices, questions, practices + questions]
            for month, practices, questions in zip(
                activity.months, activity.practices, activity.questions, strict=True
            )
        ],
        numeric={1, 2, 3},
    )


def theme_name(series) -> str:
    return _("Overig (andere thema's of geen)") if series.is_other else series.name


def theme_table(activity: Activity) -> Table:
    return Table(
        slug="themas",
        caption=_("Nieuwe praktijken en vragen per thema en maand"),
        headers=[_("Thema"), _("Maand"), _("Praktijken"), _("Vragen")],
        rows=[
            [theme_name(series), month, practices, questions]
            for series in activity.themes
            for month, practices, questions in zip(
                activity.months, series.practices, series.questions, strict=True
            )
        ],
        numeric={2, 3},
    )


def answering_table(answering: Answering) -> Table:
    return Table(
        slug="beantwoording",
        caption=_("Beantwoorde vragen en tijd tot het eerste antwoord, per maand van de vraag"),
        headers=[
            _("Maand"),
            _("Gestelde vragen"),
            _("Beantwoord"),
            _("Aandeel beantwoord (%)"),
            _("Mediane tijd tot eerste antwoord (uren)"),
        ],
        rows=[
            [m.month, m.asked, m.answered, percentage(m.share), hours(m.median_hours)]
            for m in answering.months
        ],
        numeric={1, 2, 3, 4},
    )


def province_table(participation: list[ProvinceParticipation]) -> Table:
    return Table(
        slug="provincies",
        caption=_("Actieve gemeenten per provincie"),
        headers=[_("Provincie"), _("Actieve gemeenten"), _("Gemeenten"), _("Aandeel actief (%)")],
        rows=[[p.province, p.active, p.total, percentage(p.share)] for p in participation],
        numeric={1, 2, 3},
    )


def top_query_table(search: SearchFigures) -> Table:
    return Table(
        slug="zoekvragen",
        caption=_("Meest gezochte zoekvragen"),
        headers=[_("Zoekvraag"), _("Aantal keer gezocht"), _("Gemiddeld aantal resultaten")],
        rows=[
            [q.query, q.searches, None if q.average_results is None else float(q.average_results)]
            for q in search.top
        ],
        numeric={1, 2},
    )


def zero_result_table(search: SearchFigures) -> Table:
    return Table(
        slug="zonder-resultaat",
        caption=_("Zoekvragen zonder resultaat"),
        headers=[_("Zoekvraag"), _("Aantal keer gezocht")],
        rows=[[q.query, q.searches] for q in search.zero_result],
        numeric={1},
    )


# The tables behind the CSV links, each from the period and the search window (days).
EXPORTS: dict[str, Callable[[Period, int], Table]] = {
    "activiteit": lambda period, days: activity_table(activity_by_theme(period=period)),
    "themas": lambda period, days: theme_table(activity_by_theme(period=period)),
    "beantwoording": lambda period, days: answering_table(answering_by_month(period=period)),
    "provincies": lambda period, days: province_table(participation_by_province(period=period)),
    "zoekvragen": lambda period, days: top_query_table(search_figures(days=days)),
    "zonder-resultaat": lambda period, days: zero_result_table(search_figures(days=days)),
}


def export_table(*, slug: str, months: int, days: int) -> Table | None:
    """The table behind one CSV link, computed on its own; None for an unknown slug."""
    if slug not in EXPORTS:
        return None
    return EXPORTS[slug](period_make(months=months), days)
