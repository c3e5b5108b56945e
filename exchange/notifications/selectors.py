"""Reads of the notifications app: only what the member may (still) read."""

from django.db.models import Q

from exchange.meetings.models import MeetingPage
from exchange.questions.models import Question
from exchange.visibility import visible_q
from practices.models import PracticePage

from .models import Notification

# A notification about a hidden question or answer is no longer shown or counted; those about
# a practice or the member's own account have no question.
_NOT_HIDDEN = Q(question__isnull=True) | (
    Q(question__hidden=False) & (Q(answer__isnull=True) | Q(answer__hidden=False))
)


def notification_list(*, user):
    """The member's notifications about posts they may still read, newest first."""
    readable = Q(question__isnull=True) | visible_q(
        user, model=Question, prefix="question__", owner_field="author"
    )
    return (
        Notification.objects.filter(_NOT_HIDDEN, recipient=user)
        .filter(readable)
        # A practice announced for a municipality's need: only while the member may read it.
        .filter(
            ~Q(kind="need_practice")
            | (Q(practice__live=True) & visible_q(user, model=PracticePage, prefix="practice__"))
        )
        # About a meeting: only while the member may still see it.
        .filter(
            Q(meeting__isnull=True)
            | (Q(meeting__live=True) & visible_q(user, model=MeetingPage, prefix="meeting__"))
        )
        .select_related(
            "question__municipality",
            "answer",
            "practice__municipality",
            "questionnaire",
            "meeting__municipality",
            "contact_message__conversation",
            "contact_message__author__profile__municipality",
        )
        .order_by("-created_at", "-pk")
    )


def notification_unread_count(*, user) -> int:
    """Unread notifications, in one query (the header shows it on every page)."""
    return Notification.objects.filter(_NOT_HIDDEN, recipient=user, read_at__isnull=True).count()
