"""Content in the states moderators care about: waiting questions, submitted practices, …"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from exchange.moderation import services
from exchange.questions import services as question_services
from exchange.questions.models import Question
from search.models import SearchQueryLog
from tests.practices.factories import make_practice


def ask(author, *, title="Wie heeft ervaring met sleutelfiguren?", days_old=0, **kwargs):
    """A question by `author`, optionally backdated `days_old` days."""
    kwargs.setdefault("body", "Wij zoeken ervaringen van andere gemeenten.")
    question = question_services.question_create(author=author, title=title, **kwargs)
    if days_old:
        created = timezone.now() - datetime.timedelta(days=days_old)
        Question.objects.filter(pk=question.pk).update(created_at=created)
        question.created_at = created
    return question


def report(question, *reporters):
    for reporter in reporters:
        services.report_create(reporter=reporter, question=question, reason="spam")
    return question


def submitted_practice(author, *, title="Ingediende praktijk", **kwargs):
    """A practice its author submitted to the moderators' workflow (not live)."""
    page = make_practice(title=title, live=False, owner=author, **kwargs)
    page.save_revision(user=author)
    workflow = Page.objects.get(pk=page.pk).get_workflow()
    workflow.start(page, author)
    return page


def due_practice(*, title="Oude praktijk", **kwargs):
    """A live practice nobody reviewed for two years."""
    two_years_ago = timezone.localdate() - datetime.timedelta(days=730)
    return make_practice(title=title, published_at=two_years_ago, **kwargs)


def search_in_vain(query: str, times: int = 1, days_ago: int = 0):
    for _ in range(times):
        entry = SearchQueryLog.objects.create(query=query, result_count=0)
        if days_ago:
            moment = timezone.now() - datetime.timedelta(days=days_ago)
            SearchQueryLog.objects.filter(pk=entry.pk).update(created_at=moment)
