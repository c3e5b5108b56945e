"""Figures in words for the dashboard: percentages, durations, months, peaks and trends.

The charts' text alternatives are built from these, so a screen-reader user hears what a
sighted reader takes from the chart.
"""

import datetime
from collections.abc import Sequence

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DAYS_FROM_HOURS = 72  # above this median the dashboard counts in days rather than hours


def percent(share: float | None) -> str:
    return "–" if share is None else f"{number_format(round(share * 100))}%"


def duration(hours: float | None) -> str:
    if hours is None:
        return "–"
    if hours >= DAYS_FROM_HOURS:
        days = hours / 24
        return ngettext("%(n)s dag", "%(n)s dagen", round(days)) % {
            "n": number_format(days, decimal_pos=1)
        }
    return ngettext("%(n)s uur", "%(n)s uur", round(hours)) % {
        "n": number_format(hours, decimal_pos=1)
    }


def month_name(month: datetime.date) -> str:
    return date_format(month, "F Y")


def trend(values: Sequence[float]) -> str:
    """How the second half of the period compares with the first, in words."""
    half = len(values) // 2
    first, second = sum(values[:half]), sum(values[len(values) - half :])
    numbers = {"a": number_format(first), "b": number_format(second)}
    if second > first:
        return (
            _(
                "In de tweede helft van de periode kwam er meer bij dan in de eerste "
                "(%(b)s tegen %(a)s)."
            )
            % numbers
        )
    if second < first:
        return (
            _(
                "In de tweede helft van de periode kwam er minder bij dan in de eerste "
                "(%(b)s tegen %(a)s)."
            )
            % numbers
        )
    return _("In beide helften van de periode kwam er evenveel bij (%(a)s).") % numbers


def peak(months: Sequence[datetime.date], values: Sequence[float]) -> str:
    if not any(values):
        return _("Er was nog niets nieuws.")
    best = max(range(len(values)), key=lambda n: (values[n], n))
    return _("De drukste maand was %(month)s met %(n)s.") % {
        "month": month_name(months[best]),
        "n": number_format(values[best]),
    }


def query_list(figures) -> str:
    return ", ".join(f"„{q.query}” ({number_format(q.searches)})" for q in figures[:3])
