"""Read paths for a member's own start page: what is new for them, what they could answer,
what they are working on and what their municipality did.

Every list starts from the content apps' own visibility-checked querysets
(`visible_practices`, `visible_questions`), so the start page never shows an item the member
may not open. A fixed number of queries whatever the amount of content (asserted in tests).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from exchange.accounts.models import Profile
from exchange.inventories.selectors import questionnaires_open
from exchange.meetings.selectors import upcoming_meetings
from exchange.questions.models import Answer, Follow, Question, QuestionStatus
from exchange.questions.selectors import (
    answers_visible_to,
    visible_questions,
    with_shown_answer_count,
)
from practices.models import PracticePage
from practices.permissions import check_practice_share_permission, user_municipality_id
from practices.selectors import visible_practices
from practices.sharing.selectors import practice_drafts

SECTION_SIZE = 5
ACTIVITY_SIZE = 8


@dataclass(frozen=True)
class Activity:
    """One line of a municipality's recent activity: a practice published, a question asked
    or an answer given (`item`: the practice, question or answer)."""

    kind: str  # "practice", "question" or "answer"
    title: str
    item: object
    at: datetime


def member_start(*, user) -> dict:
    """Everything /mijn-kennisnetwerk/ shows for a verified member."""
    follows = list(
        Follow.objects.filter(user=user, question__isnull=True)
        .select_related("theme", "municipality")
        .order_by("-created_at")
    )
    themes = [f.theme for f in follows if f.theme_id]
    municipalities = [f.municipality for f in follows if f.municipality_id]
    own_municipality_id = user_municipality_id(user)
    return {
        "followed_themes": themes,
        "followed_municipalities": municipalities,
        "followed_practices": followed_practices(
            user=user, themes=themes, municipalities=municipalities
        ),
        "followed_questions": followed_questions(
            user=user, themes=themes, municipalities=municipalities
        ),
        "questions_to_answer": questions_to_answer(user=user),
        "drafts": practice_drafts(user=user),
        "my_questions": my_recent_questions(user=user),
        "municipality": getattr(getattr(user, "profile", None), "municipality", None),
        "activity": municipality_activity(user=user, municipality_id=own_municipality_id),
        "can_share": may_share(user),
        "questionnaires": questionnaires_open(),
        "meetings": upcoming_meetings(user=user),
    }


def may_share(user) -> bool:
    """Whether "Deel een praktijk" leads anywhere for this user (practices.permissions)."""
    try:
        check_practice_share_permission(user)
    except PermissionDenied:
        return False
    return True


def followed_practices(*, user, themes, municipalities) -> list[PracticePage]:
    """The newest visible practices in a followed theme or of a followed municipality."""
    if not themes and not municipalities:
        return []
    tagged = PracticePage.themes.through.objects.filter(theme__in=themes).values("practicepage_id")
    return list(
        visible_practices(user)
        .filter(Q(pk__in=tagged) | Q(municipality__in=municipalities))
        .select_related("municipality")
        .order_by("-first_published_at", "-pk")[:SECTION_SIZE]
    )


def followed_questions(*, user, themes, municipalities) -> list[Question]:
    """The newest visible questions, by others, in a followed theme or from a followed
    municipality."""
    if not themes and not municipalities:
        return []
    tagged = Question.themes.through.objects.filter(theme__in=themes).values("question_id")
    return list(
        visible_questions(user)
        .filter(Q(pk__in=tagged) | Q(municipality__in=municipalities))
        .exclude(author=user)
        .select_related("municipality")
        .order_by("-created_at", "-pk")[:SECTION_SIZE]
    )


def questions_to_answer(*, user) -> list[Question]:
    """Open, unlocked questions in the member's expertise themes that they did not ask and
    have not answered yet; those without an answer first."""
    expertise = Profile.expertise_themes.through.objects.filter(profile__user=user).values(
        "theme_id"
    )
    tagged = Question.themes.through.objects.filter(theme__in=expertise).values("question_id")
    answered = Answer.objects.filter(author=user).values("question_id")
    qs = (
        visible_questions(user)
        .filter(pk__in=tagged, status=QuestionStatus.OPEN, locked=False)
        .exclude(author=user)
        .exclude(pk__in=answered)
        .select_related("municipality")
    )
    return list(
        with_shown_answer_count(qs, user).order_by("shown_answer_count", "-created_at", "-pk")[
            :SECTION_SIZE
        ]
    )


def my_recent_questions(*, user) -> list[Question]:
    """The member's own latest questions (hidden ones too: the asker should know)."""
    qs = visible_questions(user).filter(author=user).select_related("municipality")
    return list(
        with_shown_answer_count(qs, user).order_by("-last_activity_at", "-pk")[:SECTION_SIZE]
    )


def municipality_activity(*, user, municipality_id) -> list[Activity]:
    """The municipality's latest practices, questions and answers the member may see, merged
    newest first (three queries)."""
    if municipality_id is None:
        return []
    practices = (
        visible_practices(user)
        .filter(municipality_id=municipality_id)
        .order_by("-first_published_at", "-pk")[:ACTIVITY_SIZE]
    )
    questions = (
        visible_questions(user)
        .filter(municipality_id=municipality_id)
        .order_by("-created_at", "-pk")[:ACTIVITY_SIZE]
    )
    answers = (
        answers_visible_to(user)
        .filter(municipality_id=municipality_id)
        .select_related("question")
        .order_by("-created_at", "-pk")[:ACTIVITY_SIZE]
    )
    lines = [Activity("practice", p.title, p, p.first_published_at) for p in practices]
    lines += [Activity("question", q.title, q, q.created_at) for q in questions]
    lines += [Activity("answer", a.question.title, a, a.created_at) for a in answers]
    lines.sort(key=lambda line: line.at, reverse=True)
    return lines[:ACTIVITY_SIZE]
