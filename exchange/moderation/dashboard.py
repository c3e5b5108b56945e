"""Read paths of the moderation dashboard: every queue's length and its first items.

Each section costs a fixed number of queries whatever the size of its queue, so the dashboard
(and the summary on the admin home page) stay fast as the network grows. `scope` is a theme
moderator's theme ids (see scopes.theme_scope), None for a full moderator.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast, Lower, Trim
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from exchange.accounts.selectors import pending_profiles
from exchange.notifications import routing
from exchange.notifications.models import ExpertRouting
from exchange.questions.models import Question, QuestionStatus
from exchange.questions.scopes import questions_in_scope_q
from exchange.themes.scopes import theme_scope
from exchange.themes.tree import theme_ancestors, theme_tree
from practices.models import PracticePage
from practices.scopes import practices_in_scope_q
from practices.selectors import first_due_for_review, practices_due_for_review
from search.models import SearchQueryLog

from .privacy_overrides import override_count, recent_overrides
from .selectors import open_report_groups, reported_post_count

TOP = 10
UNANSWERED_AFTER = timedelta(days=7)
SEARCHES_SINCE = timedelta(days=30)
SUGGESTED_EXPERTS = 8


@dataclass
class Section:
    count: int
    items: list = field(default_factory=list)


# -- the queues -----------------------------------------------------------------------------


def _pending():
    return pending_profiles(confirmed=True)


def _in_review_states():
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), CharField()),
    )


def _in_review(scope):
    """Practices submitted to the moderators' workflow, not yet approved or sent back."""
    return PracticePage.objects.filter(practices_in_scope_q(scope), Exists(_in_review_states()))


def _due(scope):
    return practices_due_for_review().filter(practices_in_scope_q(scope))


def _unanswered(scope):
    """Open, unhidden, unlocked questions that have waited a week without an answer."""
    return Question.objects.filter(
        questions_in_scope_q(scope),
        status=QuestionStatus.OPEN,
        hidden=False,
        locked=False,
        answer_count=0,
        created_at__lte=timezone.now() - UNANSWERED_AFTER,
    )


def _zero_result_terms():
    """What people searched for in vain the last 30 days, grouped case-insensitively."""
    return (
        SearchQueryLog.objects.filter(
            result_count=0, created_at__gte=timezone.now() - SEARCHES_SINCE
        )
        .annotate(term=Lower(Trim("query")))
        .values("term")
    )


# -- sections: count and first items --------------------------------------------------------


def pending_members(*, limit: int = TOP) -> Section:
    items = _pending().select_related("user", "municipality").order_by("created_at", "pk")
    return Section(_pending().count(), list(items[:limit]))


def practices_in_review(*, scope=None, limit: int = TOP) -> Section:
    states = _in_review_states()
    items = list(
        _in_review(scope)
        .annotate(
            submitted_at=Subquery(states.values("created_at")[:1]),
            submitted_by_id=Subquery(states.values("requested_by_id")[:1]),
        )
        .select_related("municipality")
        .order_by("submitted_at", "pk")[:limit]
    )
    users = get_user_model().objects.in_bulk({p.submitted_by_id for p in items} - {None})
    for practice in items:
        practice.submitted_by = users.get(practice.submitted_by_id)
    return Section(_in_review(scope).count(), items)


def practices_due(*, scope=None, limit: int = TOP) -> Section:
    return Section(_due(scope).count(), first_due_for_review(_due(scope), limit))


def reported_posts(*, scope=None, limit: int = TOP) -> Section:
    return Section(reported_post_count(scope=scope), open_report_groups(scope=scope, limit=limit))


def unanswered_questions(*, scope=None, limit: int = TOP) -> Section:
    """Oldest first; each with the members already asked (`routed`) and suggested experts
    (`suggested`: expertise in its themes, may read it, not asked yet, least recently asked)."""
    routings = ExpertRouting.objects.select_related("user").order_by("routed_at", "pk")
    items = list(
        _unanswered(scope)
        .select_related("author", "municipality")
        .prefetch_related(
            "themes", "allowed_municipalities", Prefetch("expert_routings", queryset=routings)
        )
        .order_by("created_at", "pk")[:limit]
    )
    parents = theme_tree()
    relevant = {q.pk: theme_ancestors([t.pk for t in q.themes.all()], parents) for q in items}
    pool = routing.expert_pool(set().union(*relevant.values()))
    for question in items:
        question.routed = list(question.expert_routings.all())
        question.suggested = routing.pick_experts(
            question,
            pool,
            relevant_theme_ids=relevant[question.pk],
            exclude_ids={r.user_id for r in question.routed},
            limit=SUGGESTED_EXPERTS,
        )
    return Section(_unanswered(scope).count(), items)


def zero_result_searches(*, limit: int = TOP) -> Section:
    terms = _zero_result_terms().annotate(searches=Count("pk"), last_searched=Max("created_at"))
    terms = terms.order_by("-searches", "-last_searched", "term")
    return Section(_zero_result_terms().distinct().count(), list(terms[:limit]))


def privacy_overrides(*, scope=None, limit: int = TOP) -> Section:
    """Posts of the last 30 days whose author went on past the personal-data warning."""
    return Section(override_count(scope=scope), recent_overrides(scope=scope, limit=limit))


def dashboard(user, *, limit: int = TOP) -> dict[str, Section | None]:
    """Every section the user moderates; theme moderators get no member approvals."""
    scope = theme_scope(user)
    return {
        "members": pending_members(limit=limit) if scope is None else None,
        "in_review": practices_in_review(scope=scope, limit=limit),
        "reports": reported_posts(scope=scope, limit=limit),
        "privacy": privacy_overrides(scope=scope, limit=limit),
        "due": practices_due(scope=scope, limit=limit),
        "unanswered": unanswered_questions(scope=scope, limit=limit),
        "searches": zero_result_searches(limit=limit),
    }


def dashboard_counts(user) -> dict[str, int | None]:
    """Only the lengths of the queues, for the summary on the admin home page."""
    scope = theme_scope(user)
    return {
        "members": _pending().count() if scope is None else None,
        "in_review": _in_review(scope).count(),
        "reports": reported_post_count(scope=scope),
        "due": _due(scope).count(),
        "unanswered": _unanswered(scope).count(),
        "searches": _zero_result_terms().distinct().count(),
    }
