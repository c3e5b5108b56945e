"""Theme moderators: which themes a moderator may act on, and filters for their queues.

`theme_scope(user)` is None for a full moderator (no ModeratorScope) and otherwise the set of
theme ids they moderate, sub-themes included. Content is in scope when it carries at least one
of those themes; untagged content belongs to full moderators only.
"""

from django.db.models import Exists, OuterRef, Q

from exchange.questions.models import Answer, Question
from exchange.themes.tree import theme_descendants, theme_tree

from .models import ModeratorScope

_UNSET = object()


def theme_scope(user) -> frozenset[int] | None:
    """None: moderates everything. Otherwise the theme ids (with sub-themes) they moderate.

    Cached on the user object for the rest of the request (at most two queries).
    """
    cached = getattr(user, "_moderation_scope_cache", _UNSET)
    if cached is not _UNSET:
        return cached
    scope = None
    if user.is_authenticated:
        rows = list(ModeratorScope.objects.filter(user=user).values_list("themes", flat=True))
        if rows:
            chosen = [pk for pk in rows if pk is not None]
            scope = theme_descendants(chosen, theme_tree()) if chosen else frozenset()
    user._moderation_scope_cache = scope
    return scope


def is_theme_moderator(user) -> bool:
    return theme_scope(user) is not None


def question_theme_ids(question_id: int) -> set[int]:
    through = Question.themes.through
    return set(through.objects.filter(question_id=question_id).values_list("theme_id", flat=True))


def post_in_scope(user, post) -> bool:
    scope = theme_scope(user)
    if scope is None:
        return True
    question_id = post.question_id if isinstance(post, Answer) else post.pk
    # Cached per request like the scope: a question page asks once per answer.
    cache = user.__dict__.setdefault("_moderation_post_scope_cache", {})
    if question_id not in cache:
        cache[question_id] = bool(question_theme_ids(question_id) & scope)
    return cache[question_id]


def practice_in_scope(user, practice) -> bool:
    scope = theme_scope(user)
    if scope is None:
        return True
    through = type(practice).themes.through
    themes = through.objects.filter(practicepage_id=practice.pk).values_list("theme_id", flat=True)
    return bool(set(themes) & scope)


# -- queryset filters (None scope: no filter) -----------------------------------------------


def _question_tagged(scope, question_ref: str) -> Exists:
    return Exists(
        Question.themes.through.objects.filter(
            question_id=OuterRef(question_ref), theme_id__in=scope
        )
    )


def questions_in_scope_q(scope, *, prefix: str = "") -> Q:
    if scope is None:
        return Q()
    return Q(_question_tagged(scope, f"{prefix}pk"))


def reports_in_scope_q(scope) -> Q:
    if scope is None:
        return Q()
    return Q(_question_tagged(scope, "question_id")) | Q(
        _question_tagged(scope, "answer__question_id")
    )


def practices_in_scope_q(scope) -> Q:
    if scope is None:
        return Q()
    from practices.models import PracticePage

    return Q(
        Exists(
            PracticePage.themes.through.objects.filter(
                practicepage_id=OuterRef("pk"), theme_id__in=scope
            )
        )
    )
