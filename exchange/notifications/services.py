"""Writes of the notifications app: who is told what, read marks and e-mail preferences."""

from django.db import transaction
from django.utils import timezone

from exchange.questions.models import Answer, Follow, Question
from exchange.visibility import Visibility

from .models import EmailType, Kind, Notification, NotificationPreference, Rhythm
from .recipients import may_read, verified_members


@transaction.atomic
def notifications_for_question_asked(*, question_id: int) -> list[Notification]:
    """Tell followers of the question's municipality or themes, once each, never the asker."""
    question = _question(question_id)
    if question is None:
        return []
    candidates: dict[int, str] = {}
    theme_ids = [theme.pk for theme in question.themes.all()]
    for user_id in Follow.objects.filter(theme_id__in=theme_ids).values_list("user_id", flat=True):
        candidates[user_id] = Kind.NEW_QUESTION_IN_THEME
    if question.municipality_id:
        followers = Follow.objects.filter(municipality_id=question.municipality_id)
        for user_id in followers.values_list("user_id", flat=True):
            # Following both the theme and the municipality still gives one notification.
            candidates[user_id] = Kind.NEW_QUESTION_IN_MUNICIPALITY
    return _notify(
        question=question, answer=None, candidates=candidates, actor_id=question.author_id
    )


@transaction.atomic
def notifications_for_answer_posted(*, answer_id: int) -> list[Notification]:
    """Tell the asker and the question's followers, once each, never the one who answered."""
    answer = Answer.objects.filter(pk=answer_id).first()
    question = _question(answer.question_id) if answer else None
    if question is None:
        return []
    followers = Follow.objects.filter(question=question).values_list("user_id", flat=True)
    candidates = dict.fromkeys(followers, Kind.FOLLOWED_QUESTION_ANSWER)
    if question.author_id:
        # The asker follows their own question, but hears about it as its asker.
        candidates[question.author_id] = Kind.NEW_ANSWER
    return _notify(
        question=question, answer=answer, candidates=candidates, actor_id=answer.author_id
    )


@transaction.atomic
def notifications_for_answer_accepted(*, answer_id: int) -> list[Notification]:
    """Tell the answer's author, unless they accepted it themselves."""
    answer = Answer.objects.filter(pk=answer_id, accepted=True).first()
    question = _question(answer.question_id) if answer else None
    if question is None or answer.author_id is None:
        return []
    return _notify(
        question=question,
        answer=answer,
        candidates={answer.author_id: Kind.ANSWER_ACCEPTED},
        actor_id=answer.accepted_by_id,
    )


@transaction.atomic
def notifications_prune_unreadable(*, question_id: int) -> int:
    """After an edit, drop notifications whose recipient may no longer read the question.

    Keeps the header count (which does not ask the visibility module) in step with the list.
    Only restricted questions can shut verified members out; hidden posts are left alone
    (the count and the list skip them already, and moderation may unhide them).
    """
    question = (
        Question.objects.filter(pk=question_id, visibility=Visibility.RESTRICTED, hidden=False)
        .prefetch_related("allowed_municipalities")
        .first()
    )
    if question is None:
        return 0
    recipient_ids = set(
        Notification.objects.filter(question=question).values_list("recipient_id", flat=True)
    )
    members = verified_members(recipient_ids)
    readers = {uid for uid, user in members.items() if question.is_visible_to(user)}
    deleted, _details = Notification.objects.filter(
        question=question, recipient_id__in=recipient_ids - readers
    ).delete()
    return deleted


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preference_get(*, user) -> NotificationPreference:
    """The member's preferences; created with the defaults the first time they are needed."""
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def notification_preference_update(*, user, rhythms: dict[str, str]) -> NotificationPreference:
    preference = notification_preference_get(user=user)
    for email_type, rhythm in rhythms.items():
        if email_type in EmailType.values:
            setattr(preference, email_type, rhythm)
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def notification_unsubscribe(*, user, email_type: str, rhythm: str | None = None) -> list[str]:
    """Switch one e-mail type off; for an overview (`rhythm`), every type sent in it.

    Returns the e-mail types switched off. Other types keep their rhythm.
    """
    preference = notification_preference_get(user=user)
    if rhythm is not None:
        types = [t for t in EmailType.values if getattr(preference, t) == rhythm]
    else:
        types = [email_type]
    for name in types:
        setattr(preference, name, Rhythm.OFF)
    if types:
        preference.save(update_fields=[*types, "updated_at"])
    return types


def _question(question_id: int) -> Question | None:
    return (
        Question.objects.filter(pk=question_id)
        .prefetch_related("themes", "allowed_municipalities")
        .first()
    )


def _notify(*, question, answer, candidates: dict[int, str], actor_id) -> list[Notification]:
    """Create the notifications for candidates (user id → kind) who may read the question.

    A fixed number of queries whatever the number of candidates; instant e-mails are queued
    once the notifications are committed.
    """
    candidates.pop(actor_id, None)  # nobody is told about their own post
    if not candidates or question.hidden or (answer is not None and answer.hidden):
        return []
    members = verified_members(candidates)
    readers = {uid for uid, user in members.items() if may_read(user, question, answer)}
    already = Notification.objects.filter(
        question=question,
        answer=answer,
        kind__in=set(candidates.values()),
        recipient_id__in=readers,
    ).values_list("recipient_id", flat=True)
    readers -= set(already)  # an event delivered twice notifies nobody twice
    notifications = Notification.objects.bulk_create(
        Notification(recipient_id=uid, kind=candidates[uid], question=question, answer=answer)
        for uid in sorted(readers)
    )
    _queue_instant_emails(notifications)
    return notifications


def _queue_instant_emails(notifications: list[Notification]) -> None:
    if not notifications:
        return
    stored = NotificationPreference.objects.filter(
        user_id__in=[n.recipient_id for n in notifications]
    )
    preferences = {preference.user_id: preference for preference in stored}
    default = NotificationPreference()
    instant = [
        n.pk
        for n in notifications
        if preferences.get(n.recipient_id, default).rhythm_for(n.kind) == Rhythm.INSTANT
    ]
    if instant:
        transaction.on_commit(lambda: _enqueue_emails(instant))


def _enqueue_emails(notification_ids: list[int]) -> None:
    from .tasks import send_notification_email, send_notification_emails

    if len(notification_ids) == 1:
        send_notification_email.enqueue(notification_ids[0])
    else:
        # One queue entry for the whole batch: the worker fans it out, not the request.
        send_notification_emails.enqueue(notification_ids)
