"""Posts placed although the personal-data check warned (exchange/core/privacy_check.py).

The member confirmed that what the check found is not about a person; moderators look at those
posts on the dashboard (the last 30 days, newest first) and find every one in the audit trail.
Questions and answers are ModelLogEntry rows, practices PageLogEntry rows; a fixed number of
queries whatever the number of entries.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.core.privacy_check import OVERRIDE_ACTION, kinds_label
from exchange.questions.models import Answer, Question
from exchange.questions.scopes import question_tagged_with, questions_in_scope_q
from practices.models import PracticePage
from practices.scopes import practices_in_scope_q

OVERRIDES_SINCE = timedelta(days=30)


@dataclass
class Override:
    timestamp: datetime
    user: object
    kind: str
    title: str
    url: str
    found: str


def _entries(scope):
    since = timezone.now() - OVERRIDES_SINCE
    # Questions and answers only: the network register logs its own confirmations too, and a
    # register entry is no post (nor ever an answer with the same number).
    posts = ModelLogEntry.objects.filter(
        action=OVERRIDE_ACTION,
        timestamp__gte=since,
        content_type__in=[
            ContentType.objects.get_for_model(Question),
            ContentType.objects.get_for_model(Answer),
        ],
    )
    practices = PageLogEntry.objects.filter(
        action=OVERRIDE_ACTION,
        timestamp__gte=since,
        content_type=ContentType.objects.get_for_model(PracticePage),
    )
    if scope is not None:
        ids = Cast("pk", CharField())
        questions = Question.objects.filter(questions_in_scope_q(scope)).values(sid=ids)
        answers = Answer.objects.filter(question_tagged_with(scope, "question_id"))
        posts = posts.filter(
            Q(content_type=ContentType.objects.get_for_model(Question), object_id__in=questions)
            | Q(
                content_type=ContentType.objects.get_for_model(Answer),
                object_id__in=answers.values(sid=ids),
            )
        )
        practices = practices.filter(
            page_id__in=PracticePage.objects.filter(practices_in_scope_q(scope)).values("pk")
        )
    return posts, practices


def override_count(*, scope=None) -> int:
    posts, practices = _entries(scope)
    return posts.count() + practices.count()


def recent_overrides(*, scope=None, limit: int = 10) -> list[Override]:
    posts, practices = _entries(scope)
    newest = [
        *posts.select_related("user").order_by("-timestamp")[:limit],
        *practices.select_related("user", "page").order_by("-timestamp")[:limit],
    ]
    newest = sorted(newest, key=lambda entry: entry.timestamp, reverse=True)[:limit]
    objects = _posts_of([e for e in newest if isinstance(e, ModelLogEntry)])
    return [_override(entry, objects) for entry in newest]


def _kind_of(entry) -> str:
    is_question = entry.content_type_id == ContentType.objects.get_for_model(Question).pk
    return "question" if is_question else "answer"


def _posts_of(entries) -> dict:
    """{(kind, object id): question or answer}, one query per kind."""
    ids = {"question": set(), "answer": set()}
    for entry in entries:
        if entry.object_id.isdigit():
            ids[_kind_of(entry)].add(int(entry.object_id))
    found = {}
    if ids["question"]:
        questions = Question.objects.in_bulk(ids["question"])
        found.update((("question", str(pk)), q) for pk, q in questions.items())
    if ids["answer"]:
        answers = Answer.objects.select_related("question").in_bulk(ids["answer"])
        found.update((("answer", str(pk)), a) for pk, a in answers.items())
    return found


def _override(entry, objects) -> Override:
    found = kinds_label((entry.data or {}).get("kinds", ()))
    if isinstance(entry, PageLogEntry):
        page = entry.page
        url = reverse("wagtailadmin_pages:edit", args=[entry.page_id]) if page else ""
        title = page.title if page else entry.label
        return Override(entry.timestamp, entry.user, str(_("praktijk")), title, url, found)
    kind = _kind_of(entry)
    post = objects.get((kind, entry.object_id))
    if post is None:  # deleted since: the entry keeps its label
        return Override(entry.timestamp, entry.user, "", entry.label, "", found)
    title = post.title if kind == "question" else post.question.title
    label = _("vraag") if kind == "question" else _("antwoord")
    return Override(entry.timestamp, entry.user, str(label), title, post.get_absolute_url(), found)
