"""Read paths of moderation: which post a report is about, and the moderators' queue."""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from exchange.core.roles import is_moderator
from exchange.questions.models import Answer, Question
from exchange.questions.scopes import questions_in_scope_q

from .models import Report, ReportReason, ReportStatus
from .scopes import reports_in_scope_q

KINDS = ("question", "answer")
EXCERPT_WORDS = 80
QUEUE_LIMIT = 1000  # open reports read per page view; more than this means a bigger problem
HIDDEN_LIMIT = 200


def post_kind(post) -> str:
    return "question" if isinstance(post, Question) else "answer"


def post_get(*, kind: str, pk: int) -> Question | Answer | None:
    """The question or answer a report URL points at, or None for an unknown kind or key."""
    if kind == "question":
        qs = Question.objects.select_related("author__profile", "municipality")
    elif kind == "answer":
        qs = Answer.objects.select_related("author__profile", "municipality", "question")
    else:
        return None
    return qs.filter(pk=pk).first()


def post_is_visible_to(user, post) -> bool:
    """Hidden answers only for moderators (as on the question page); otherwise the question's
    visibility decides."""
    if isinstance(post, Answer):
        if post.hidden and not is_moderator(user):
            return False
        return post.question.is_visible_to(user)
    return post.is_visible_to(user)


def post_url_for(user, post) -> str:
    """Where to send someone back to: the post, or the nearest page they can still see."""
    if post_is_visible_to(user, post):
        return post.get_absolute_url()
    if isinstance(post, Answer) and post.question.is_visible_to(user):
        return post.question.get_absolute_url()
    return reverse("question_list")


def reports_of(post):
    if isinstance(post, Question):
        return Report.objects.filter(question=post)
    return Report.objects.filter(answer=post)


def has_open_report(*, reporter, post) -> bool:
    return reports_of(post).filter(reporter=reporter, status=ReportStatus.OPEN).exists()


def open_reporters_of(post):
    """The members with an open report on `post`, with their profiles and
    `has_upheld_report` (an earlier report of theirs that moderators acted on)."""
    upheld = Report.objects.filter(reporter=OuterRef("pk"), status=ReportStatus.ACTIONED)
    open_reports = reports_of(post).filter(status=ReportStatus.OPEN, reporter__isnull=False)
    return (
        get_user_model()
        .objects.filter(pk__in=open_reports.values("reporter"))
        .select_related("profile")
        .annotate(has_upheld_report=Exists(upheld))
    )


@dataclass
class PostReports:
    """One post in the queue with all its open reports."""

    kind: str
    post: Question | Answer
    reports: list[Report] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.post.pk}"

    @property
    def question(self) -> Question:
        return self.post if self.kind == "question" else self.post.question

    @property
    def excerpt(self) -> str:
        return Truncator(strip_tags(self.post.body_html)).words(EXCERPT_WORDS)

    @property
    def reporter_count(self) -> int:
        return len({r.reporter_id for r in self.reports if r.reporter_id})

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        labels = dict(ReportReason.choices)
        counts = Counter(r.reason for r in self.reports)
        return [(labels.get(reason, reason), n) for reason, n in counts.most_common()]


def open_report_groups(*, scope=None, limit: int | None = None) -> list[PostReports]:
    """Open reports grouped per post; most reported first, then the longest waiting.

    `scope` (see scopes.theme_scope) keeps a theme moderator's posts only. A fixed number of
    queries whatever the number of reports.
    """
    reports = Report.objects.filter(reports_in_scope_q(scope), status=ReportStatus.OPEN)
    reports = reports.select_related(
        "reporter__profile__municipality",
        "question__author__profile",
        "question__municipality",
        "answer__author__profile",
        "answer__municipality",
        "answer__question",
    )[:QUEUE_LIMIT]
    groups: dict[tuple[str, int], PostReports] = {}
    for report in reports:
        key = (report.kind, report.question_id or report.answer_id)
        if key not in groups:
            groups[key] = PostReports(kind=report.kind, post=report.post)
        groups[key].reports.append(report)
    ordered = sorted(
        groups.values(), key=lambda g: (-g.reporter_count, g.reports[0].created_at, g.key)
    )
    return ordered if limit is None else ordered[:limit]


def hidden_post_groups(*, scope=None) -> list[PostReports]:
    """Hidden questions and answers (by moderators or after reports), newest post first."""
    open_reports = Prefetch(
        "reports",
        queryset=Report.objects.filter(status=ReportStatus.OPEN).select_related(
            "reporter__profile__municipality"
        ),
        to_attr="open_reports",
    )
    questions = (
        Question.objects.filter(questions_in_scope_q(scope), hidden=True)
        .select_related("author__profile", "municipality")
        .prefetch_related(open_reports)
        .order_by("-created_at")[:HIDDEN_LIMIT]
    )
    answers = (
        Answer.objects.filter(questions_in_scope_q(scope, prefix="question__"), hidden=True)
        .select_related("author__profile", "municipality", "question")
        .prefetch_related(open_reports)
        .order_by("-created_at")[:HIDDEN_LIMIT]
    )
    groups = [PostReports(kind="question", post=q, reports=q.open_reports) for q in questions]
    groups += [PostReports(kind="answer", post=a, reports=a.open_reports) for a in answers]
    return sorted(groups, key=lambda g: g.post.created_at, reverse=True)


def open_report_count(*, scope=None) -> int:
    return Report.objects.filter(reports_in_scope_q(scope), status=ReportStatus.OPEN).count()


def reported_post_count(*, scope=None) -> int:
    """How many posts have open reports (the queue's length, as the dashboard counts it)."""
    reports = Report.objects.filter(reports_in_scope_q(scope), status=ReportStatus.OPEN)
    questions = reports.filter(question__isnull=False).values("question_id").distinct()
    answers = reports.filter(answer__isnull=False).values("answer_id").distinct()
    return questions.count() + answers.count()
