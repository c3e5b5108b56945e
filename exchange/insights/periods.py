"""The windows the network dashboard looks at: whole calendar months, or recent days."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

PERIOD_MONTHS = (6, 12, 24)
DEFAULT_MONTHS = 12
SEARCH_DAYS = (30, 90)
DEFAULT_SEARCH_DAYS = 30


@dataclass(frozen=True)
class Period:
    """The last `months` calendar months, the current one included, in local time."""

    months: tuple[datetime.date, ...]  # the first day of each month, oldest first
    start: datetime.datetime  # aware: the first instant of the oldest month

    @property
    def length(self) -> int:
        return len(self.months)


def period_make(*, months: int, now: datetime.datetime | None = None) -> Period:
    today = timezone.localtime(now).date()
    index = today.year * 12 + today.month - 1
    firsts = tuple(
        datetime.date(n // 12, n % 12 + 1, 1) for n in range(index - months + 1, index + 1)
    )
    start = timezone.make_aware(datetime.datetime.combine(firsts[0], datetime.time()))
    return Period(months=firsts, start=start)


def parse_choice(value: str | None, choices: tuple[int, ...], default: int) -> int:
    """A GET parameter that must be one of `choices`; anything else falls back to the default."""
    try:
        number = int(value or "")
    except ValueError:
        return default
    return number if number in choices else default
