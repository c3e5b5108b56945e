"""A theme moderator's share of the questions and answers (see exchange/themes/scopes.py)."""

from django.db.models import Exists, OuterRef, Q

from exchange.themes.scopes import theme_scope

from .models import Answer, Question


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


def question_tagged_with(scope, question_ref: str) -> Exists:
    """Whether the question `question_ref` points at carries one of the scope's themes."""
    return Exists(
        Question.themes.through.objects.filter(
            question_id=OuterRef(question_ref), theme_id__in=scope
        )
    )


def questions_in_scope_q(scope, *, prefix: str = "") -> Q:
    if scope is None:
        return Q()
    return Q(question_tagged_with(scope, f"{prefix}pk"))
