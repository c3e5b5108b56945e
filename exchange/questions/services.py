"""Writes on the exchange. Every rule lives here; views, API and commands call these."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.core.markdown import render_markdown
from exchange.core.privacy_check import record_override
from exchange.visibility import Visibility

from . import events
from .models import Answer, ClosedReason, Follow, Question, QuestionStatus, Revision, Vote
from .permissions import (
    check_answer_accept_permission,
    check_answer_edit_permission,
    check_answer_permission,
    check_can_post,
    check_question_close_permission,
    check_question_edit_permission,
    check_question_moderate_permission,
)

# Posting limits per member (count, seconds); settings may override.
RATE_LIMITS = {"question": (5, 3600), "answer": (20, 3600)}


def _check_rate_limit(user, action: str) -> None:
    limit, period = getattr(settings, "QUESTION_RATE_LIMITS", RATE_LIMITS)[action]
    key = f"exchange-rate:{action}:{user.pk}"
    count = cache.get_or_set(key, 0, timeout=period)
    if count >= limit:
        raise PermissionDenied(
            _("U heeft het maximum aantal berichten per uur bereikt. Probeer het later opnieuw.")
        )
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)


def _author_municipality(user):
    profile = getattr(user, "profile", None)
    return profile.municipality if profile else None


@transaction.atomic
def question_create(
    *,
    author,
    title: str,
    body: str,
    themes=(),
    visibility: str = Visibility.MEMBERS,
    allowed_municipalities=(),
    overridden_findings=(),
) -> Question:
    """A verified member asks the network a question.

    `overridden_findings`: likely personal data the asker confirmed is none (see
    exchange/core/privacy_check.py); moderators see it in the audit trail.
    """
    check_can_post(author)
    _check_rate_limit(author, "question")
    question = Question(
        title=title.strip(),
        body_markdown=body.strip(),
        body_html=render_markdown(body),
        author=author,
        municipality=_author_municipality(author),
        visibility=visibility,
    )
    question.full_clean()
    question.save()
    question.themes.set(themes)
    question.allowed_municipalities.set(allowed_municipalities)
    Follow.objects.get_or_create(user=author, question=question)
    record_override(question, user=author, findings=overridden_findings)
    transaction.on_commit(lambda: events.question_asked(question_id=question.pk))
    return question


@transaction.atomic
def question_update(
    *,
    editor,
    question: Question,
    title: str,
    body: str,
    themes=None,
    visibility=None,
    allowed_municipalities=None,
    reason: str = "",
    overridden_findings=(),
) -> Question:
    check_question_edit_permission(editor, question)
    Revision.objects.create(
        question=question,
        editor=editor,
        title_before=question.title,
        body_before=question.body_markdown,
        reason=reason[:300],
    )
    access_before = _access_of(question)
    question.title = title.strip()
    question.body_markdown = body.strip()
    question.body_html = render_markdown(body)
    if visibility is not None:
        question.visibility = visibility
    question.full_clean()
    question.save()
    if themes is not None:
        question.themes.set(themes)
    if allowed_municipalities is not None:
        question.allowed_municipalities.set(allowed_municipalities)
    _log_access_change(question, access_before, actor=editor, reason=reason)
    record_override(question, user=editor, findings=overridden_findings)
    transaction.on_commit(lambda: events.content_changed(question_id=question.pk))
    return question


def _access_of(question: Question) -> tuple[str, list[str]]:
    codes = question.allowed_municipalities.order_by("code").values_list("code", flat=True)
    return question.visibility, list(codes)


def _log_access_change(question: Question, before, *, actor, reason: str) -> None:
    """Who may read a question is part of the audit trail: log any change of it."""
    after = _access_of(question)
    if after == before:
        return
    log(
        question,
        "kennisnetwerk.question.visibility",
        user=actor,
        data={
            "reason": reason.strip(),
            "from": before[0],
            "to": after[0],
            "municipalities_from": before[1],
            "municipalities_to": after[1],
        },
    )


@transaction.atomic
def answer_post(
    *, author, question: Question, body: str, municipality=None, overridden_findings=()
) -> Answer:
    """A verified member answers an open question they can see."""
    check_answer_permission(author, question)
    if not question.is_visible_to(author):
        raise PermissionDenied
    _check_rate_limit(author, "answer")
    if not body.strip():
        raise ValidationError({"body": _("Schrijf een antwoord.")})
    position = question.answers.count()
    answer = Answer(
        question=question,
        author=author,
        municipality=municipality or _author_municipality(author),
        body_markdown=body.strip(),
        body_html=render_markdown(body),
        position=position,
    )
    answer.full_clean()
    answer.save()
    now = timezone.now()
    Question.objects.filter(pk=question.pk).update(
        answer_count=F("answer_count") + 1, last_activity_at=now
    )
    Follow.objects.get_or_create(user=author, question=question)
    record_override(answer, user=author, findings=overridden_findings)
    transaction.on_commit(lambda: events.answer_posted(answer_id=answer.pk))
    return answer


@transaction.atomic
def answer_update(
    *, editor, answer: Answer, body: str, reason: str = "", overridden_findings=()
) -> Answer:
    check_answer_edit_permission(editor, answer)
    if not body.strip():
        raise ValidationError({"body": _("Een antwoord mag niet leeg zijn.")})
    Revision.objects.create(
        answer=answer, editor=editor, body_before=answer.body_markdown, reason=reason[:300]
    )
    answer.body_markdown = body.strip()
    answer.body_html = render_markdown(body)
    answer.save()
    record_override(answer, user=editor, findings=overridden_findings)
    transaction.on_commit(lambda: events.content_changed(question_id=answer.question_id))
    return answer


@transaction.atomic
def answer_accept(*, actor, answer: Answer, accepted: bool = True) -> Answer:
    """The asker or a moderator marks an answer as (no longer) accepted; several may be."""
    check_answer_accept_permission(actor, answer)
    answer.accepted = accepted
    answer.accepted_by = actor if accepted else None
    answer.save(update_fields=["accepted", "accepted_by"])
    question = answer.question
    if question.status != QuestionStatus.CLOSED:
        has_accepted = question.answers.filter(accepted=True).exists()
        question.status = QuestionStatus.ANSWERED if has_accepted else QuestionStatus.OPEN
        question.save(update_fields=["status", "updated_at"])
    if accepted:
        transaction.on_commit(lambda: events.answer_accepted(answer_id=answer.pk))
    return answer


def vote_helpful(*, user, answer: Answer) -> bool:
    """Mark an answer helpful; one vote per member per answer. Returns False if already voted."""
    check_can_post(user)
    if answer.author_id == user.pk:
        raise PermissionDenied(_("U kunt uw eigen antwoord niet als nuttig markeren."))
    if not answer.question.is_visible_to(user):
        raise PermissionDenied
    try:
        with transaction.atomic():
            Vote.objects.create(answer=answer, user=user)
    except IntegrityError:
        return False
    Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") + 1)
    return True


@transaction.atomic
def vote_withdraw(*, user, answer: Answer) -> bool:
    deleted, _details = Vote.objects.filter(answer=answer, user=user).delete()
    if deleted:
        Answer.objects.filter(pk=answer.pk).update(helpful_count=F("helpful_count") - 1)
    return bool(deleted)


@transaction.atomic
def question_close(*, actor, question: Question, reason: str) -> Question:
    check_question_close_permission(actor, question)
    if reason not in ClosedReason.values:
        raise ValidationError({"reason": _("Kies een reden om de vraag te sluiten.")})
    question.status = QuestionStatus.CLOSED
    question.closed_reason = reason
    question.save(update_fields=["status", "closed_reason", "updated_at"])
    log(question, "kennisnetwerk.question.close", user=actor, data={"reason": reason})
    transaction.on_commit(lambda: events.content_changed(question_id=question.pk))
    return question


@transaction.atomic
def question_reopen(*, actor, question: Question) -> Question:
    check_question_moderate_permission(actor, question)
    has_accepted = question.answers.filter(accepted=True).exists()
    question.status = QuestionStatus.ANSWERED if has_accepted else QuestionStatus.OPEN
    question.closed_reason = ""
    question.duplicate_of = None
    question.save(update_fields=["status", "closed_reason", "duplicate_of", "updated_at"])
    log(question, "kennisnetwerk.question.reopen", user=actor)
    transaction.on_commit(lambda: events.content_changed(question_id=question.pk))
    return question


@transaction.atomic
def question_mark_duplicate(*, actor, question: Question, original: Question) -> Question:
    """Close a question as a duplicate of another one the asker can see."""
    check_question_close_permission(actor, question)
    if original.pk == question.pk:
        raise ValidationError({"original": _("Een vraag kan geen dubbel van zichzelf zijn.")})
    if not original.is_visible_to(actor) or (
        question.author is not None and not original.is_visible_to(question.author)
    ):
        raise ValidationError({"original": _("Kies een vraag die de vraagsteller kan zien.")})
    question.status = QuestionStatus.CLOSED
    question.closed_reason = ClosedReason.DUPLICATE
    question.duplicate_of = original
    question.save(update_fields=["status", "closed_reason", "duplicate_of", "updated_at"])
    log(question, "kennisnetwerk.question.duplicate", user=actor, data={"original": original.pk})
    transaction.on_commit(lambda: events.content_changed(question_id=question.pk))
    return question


@transaction.atomic
def question_lock(*, actor, question: Question, locked: bool = True) -> Question:
    check_question_moderate_permission(actor, question)
    question.locked = locked
    question.save(update_fields=["locked", "updated_at"])
    log(
        question,
        "kennisnetwerk.question.lock" if locked else "kennisnetwerk.question.unlock",
        user=actor,
    )
    return question


def follow(*, user, question=None, theme=None, municipality=None) -> Follow:
    if not user.is_authenticated:
        raise PermissionDenied
    if question is not None and not question.is_visible_to(user):
        raise PermissionDenied
    targets = [t for t in (question, theme, municipality) if t is not None]
    if len(targets) != 1:
        raise ValidationError(_("Volg precies één vraag, thema of gemeente."))
    follow_obj, _created = Follow.objects.get_or_create(
        user=user, question=question, theme=theme, municipality=municipality
    )
    return follow_obj


def unfollow(*, user, question=None, theme=None, municipality=None) -> int:
    deleted, _details = Follow.objects.filter(
        user=user, question=question, theme=theme, municipality=municipality
    ).delete()
    return deleted
