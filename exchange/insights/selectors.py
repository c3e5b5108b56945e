"""What the network dashboard counts: new content by theme, answering, participation, searches.

Each selector runs a fixed number of aggregate queries whatever the amount of content, and
counts everything (moderators may see all of it); hidden questions and answers are moderated
away and do not count as activity.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, DateField, Exists, F, Min, OuterRef, Q
from django.db.models.functions import Lower, Trim, TruncMonth
from django.utils import timezone

from exchange.municipalities.models import PROVINCES, Municipality
from exchange.questions.models import Answer, Question
from practices.models import PracticePage
from search.models import SearchQueryLog

from .periods import Period

TOP_THEMES = 5
TOP_QUERIES = 10


def _month(field_name: str) -> TruncMonth:
    # Truncated in the current (Dutch) time zone, as a date: the key of every monthly series.
    return TruncMonth(field_name, output_field=DateField())


def _practices(period: Period):
    return PracticePage.objects.live().filter(first_published_at__gte=period.start).order_by()


def _questions(period: Period):
    return Question.objects.filter(hidden=False, created_at__gte=period.start).order_by()


# -- new practices and questions per month, by theme --------------------------------------------


@dataclass
class ThemeSeries:
    """Monthly counts of items carrying one theme (or, for "overig", any other or none)."""

    name: str
    practices: list[int]
    questions: list[int]
    is_other: bool = False

    @property
    def total(self) -> int:
        return sum(self.practices) + sum(self.questions)


@dataclass
class Activity:
    months: tuple[datetime.date, ...]
    practices: list[int]  # distinct items per month
    questions: list[int]
    themes: list[ThemeSeries] = field(default_factory=list)  # the top themes, then "overig"


def activity_by_theme(*, period: Period, top: int = TOP_THEMES) -> Activity:
    """New live practices (by first publication) and questions per month, per theme.

    An item with several themes counts for each of them; "overig" counts each item with another
    theme or none once. Four queries.
    """
    querysets = {"practices": _practices(period), "questions": _questions(period)}
    index = {month: n for n, month in enumerate(period.months)}
    per_theme = {kind: defaultdict(lambda: [0] * period.length) for kind in querysets}
    names, totals = {}, defaultdict(int)
    for kind, qs in querysets.items():
        rows = qs.values(
            month=_month(_date_field(kind)), theme=F("themes"), theme_name=F("themes__name")
        ).annotate(n=Count("pk", distinct=True))
        for row in rows:
            if row["theme"] is None or row["month"] not in index:
                continue
            per_theme[kind][row["theme"]][index[row["month"]]] += row["n"]
            names[row["theme"]] = row["theme_name"]
            totals[row["theme"]] += row["n"]

    ranked = sorted(totals, key=lambda pk: (-totals[pk], names[pk].lower()))
    chosen, others = ranked[:top], ranked[top:]
    other_filter = Q(themes__isnull=True)
    if others:
        other_filter |= Q(themes__in=others)
    activity = Activity(months=period.months, practices=[], questions=[])
    other_counts = {}
    for kind, qs in querysets.items():
        rows = qs.values(month=_month(_date_field(kind))).annotate(
            total=Count("pk", distinct=True),
            other=Count("pk", distinct=True, filter=other_filter),
        )
        total, other = [0] * period.length, [0] * period.length
        for row in rows:
            if row["month"] in index:
                total[index[row["month"]]] = row["total"]
                other[index[row["month"]]] = row["other"]
        setattr(activity, kind, total)
        other_counts[kind] = other

    activity.themes = [
        ThemeSeries(
            name=names[pk],
            practices=per_theme["practices"][pk],
            questions=per_theme["questions"][pk],
        )
        for pk in chosen
    ]
    overig = ThemeSeries(
        name="", practices=other_counts["practices"], questions=other_counts["questions"]
    )
    if overig.total:
        overig.is_other = True
        activity.themes.append(overig)
    return activity


def _date_field(kind: str) -> str:
    return "first_published_at" if kind == "practices" else "created_at"


# -- answering ----------------------------------------------------------------------------------


@dataclass
class AnsweringMonth:
    month: datetime.date
    asked: int
    answered: int  # questions with at least one visible answer, by now
    median_hours: float | None  # time from asking to the first visible answer

    @property
    def share(self) -> float | None:
        return self.answered / self.asked if self.asked else None


@dataclass
class Answering:
    months: list[AnsweringMonth]
    median_hours: float | None  # over the whole period

    @property
    def asked(self) -> int:
        return sum(m.asked for m in self.months)

    @property
    def answered(self) -> int:
        return sum(m.answered for m in self.months)


def answering_by_month(*, period: Period) -> Answering:
    """Per month of asking: how many questions have a visible answer and how fast the first came.

    One query: each question's first visible answer time (the median needs the single values).
    """
    rows = (
        _questions(period)
        .values("pk")
        .annotate(
            month=_month("created_at"),
            asked_at=F("created_at"),
            first_answer_at=Min("answers__created_at", filter=Q(answers__hidden=False)),
        )
        .values_list("month", "asked_at", "first_answer_at")
    )
    asked, waits = defaultdict(int), defaultdict(list)
    for month, asked_at, first_answer_at in rows:
        asked[month] += 1
        if first_answer_at is not None:
            # Imported answers can predate their question by a moment; that is no negative wait.
            waits[month].append(max((first_answer_at - asked_at).total_seconds(), 0) / 3600)
    every_wait = [wait for month in period.months for wait in waits[month]]
    return Answering(
        months=[
            AnsweringMonth(
                month=month,
                asked=asked[month],
                answered=len(waits[month]),
                median_hours=statistics.median(waits[month]) if waits[month] else None,
            )
            for month in period.months
        ],
        median_hours=statistics.median(every_wait) if every_wait else None,
    )


# -- participation ------------------------------------------------------------------------------


@dataclass
class ProvinceParticipation:
    province: str
    active: int
    total: int

    @property
    def share(self) -> float | None:
        return self.active / self.total if self.total else None


def participation_by_province(*, period: Period) -> list[ProvinceParticipation]:
    """Per province: current municipalities, and those that published a practice or asked or
    answered a question in the period. One query; all twelve provinces, in alphabetical order."""
    since = period.start
    practiced = PracticePage.objects.live().filter(
        municipality=OuterRef("pk"), first_published_at__gte=since
    )
    asked = Question.objects.filter(
        municipality=OuterRef("pk"), hidden=False, created_at__gte=since
    )
    answered = Answer.objects.filter(
        municipality=OuterRef("pk"), hidden=False, created_at__gte=since
    )
    rows = (
        Municipality.objects.active()
        .order_by()
        .values("province")
        .annotate(
            total=Count("pk"),
            active=Count(
                "pk", filter=Q(Exists(practiced)) | Q(Exists(asked)) | Q(Exists(answered))
            ),
        )
    )
    found = {row["province"]: row for row in rows}
    return [
        ProvinceParticipation(
            province=province,
            active=found.get(province, {}).get("active", 0),
            total=found.get(province, {}).get("total", 0),
        )
        for province in PROVINCES
    ]


# -- searches -----------------------------------------------------------------------------------


@dataclass
class QueryFigure:
    query: str
    searches: int
    average_results: float | None = None


@dataclass
class SearchFigures:
    days: int
    searches: int
    zero_result_searches: int
    top: list[QueryFigure]
    zero_result: list[QueryFigure]


def search_figures(*, days: int, limit: int = TOP_QUERIES, now=None) -> SearchFigures:
    """The most-searched queries and those that found nothing, over the last `days` days.

    Queries are compared lower-cased and trimmed; searches with filters only (no words) are
    left out. Three queries.
    """
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    logged = (
        SearchQueryLog.objects.filter(created_at__gte=since)
        .order_by()
        .annotate(normalised=Lower(Trim("query")))
        .exclude(normalised="")
    )
    totals = logged.aggregate(searches=Count("pk"), zero=Count("pk", filter=Q(result_count=0)))
    top = (
        logged.values("normalised")
        .annotate(searches=Count("pk"), average_results=Avg("result_count"))
        .order_by("-searches", "normalised")[:limit]
    )
    zero = (
        logged.filter(result_count=0)
        .values("normalised")
        .annotate(searches=Count("pk"))
        .order_by("-searches", "normalised")[:limit]
    )
    return SearchFigures(
        days=days,
        searches=totals["searches"],
        zero_result_searches=totals["zero"],
        top=[
            QueryFigure(row["normalised"], row["searches"], row["average_results"]) for row in top
        ],
        zero_result=[QueryFigure(row["normalised"], row["searches"]) for row in zero],
    )


# -- the whole page -----------------------------------------------------------------------------


@dataclass
class NetworkOverview:
    period: Period
    activity: Activity
    answering: Answering
    participation: list[ProvinceParticipation]
    search: SearchFigures


def network_overview(*, period: Period, search_days: int) -> NetworkOverview:
    """Everything the dashboard shows, in nine queries."""
    return NetworkOverview(
        period=period,
        activity=activity_by_theme(period=period),
        answering=answering_by_month(period=period),
        participation=participation_by_province(period=period),
        search=search_figures(days=search_days),
    )
