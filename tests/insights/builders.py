"""Building blocks for the dashboard's test data, dated relative to the current month.

The pages look back from today, so the data does too: month(0) is the first month of a
six-month period, month(5) the current one.
"""

import datetime

from django.utils import timezone

from exchange.insights.periods import period_make
from exchange.questions.models import Answer, Question
from search.models import SearchQueryLog

PERIOD = period_make(months=6)


def month(n: int) -> datetime.date:
    """The first day of month n of the period (n < 0: before it)."""
    first = PERIOD.months[0]
    index = first.year * 12 + first.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def at(n: int, day: int, hour: int = 12, minute: int = 0) -> datetime.datetime:
    """A local time in month n of the period."""
    return timezone.make_aware(
        datetime.datetime.combine(month(n).replace(day=day), datetime.time(hour, minute))
    )


def ask(*, when, themes=(), municipality=None, hidden=False, answers=()):
    """A question with answers given as (hours after asking, hidden, answering municipality)."""
    question = Question.objects.create(
        title="Vraag", created_at=when, municipality=municipality, hidden=hidden
    )
    question.themes.set(themes)
    for hours, answer_hidden, answering in answers:
        Answer.objects.create(
            question=question,
            body_markdown="Antwoord",
            created_at=when + datetime.timedelta(hours=hours),
            hidden=answer_hidden,
            municipality=answering,
        )
    return question


def log_search(query, results, days_ago):
    entry = SearchQueryLog.objects.create(query=query, result_count=results)
    SearchQueryLog.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago, minutes=1)
    )
