"""Creating notifications when the exchange changes, and deciding which become e-mails."""

from django.db import transaction

from exchange.questions.models import Answer, Follow, Question

from .models import Kind, Notification, NotificationPreference, Rhythm
from .recipients import may_read, viewers_for


def preferences_for(user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def _create(question: Question, candidates: dict[int, str], *, answer: Answer | None = None):
    """Notify each candidate (user id → kind) who may read the question; e-mail the instant ones."""
    if not candidates:
        return []
    allowed = [m.pk for m in question.allowed_municipalities.all()]
    viewers = viewers_for(candidates)
    notifications = [
        Notification(recipient_id=uid, kind=kind, question=question, answer=answer)
        for uid, kind in candidates.items()
        if uid in viewers and may_read(viewers[uid][1], question, allowed)
    ]
    Notification.objects.bulk_create(notifications)
    preferences = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(
            user_id__in=[n.recipient_id for n in notifications]
        )
    }
    instant = [
        n.pk
        for n in notifications
        if (preferences.get(n.recipient_id) or NotificationPreference()).rhythm_for(n.kind)
        == Rhythm.INSTANT
    ]
    if instant:
        from .tasks import send_notification_email

        transaction.on_commit(
            lambda: [send_notification_email.enqueue(notification_id=pk) for pk in instant]
        )
    return notifications


def notify_answer_posted(*, answer_id: int) -> list[Notification]:
    answer = Answer.objects.select_related("question").filter(pk=answer_id, hidden=False).first()
    if answer is None:
        return []
    question = answer.question
    followers = Follow.objects.filter(question=question).values_list("user_id", flat=True)
    candidates = dict.fromkeys(followers, Kind.FOLLOWED_QUESTION_ANSWER)
    if question.author_id:
        candidates[question.author_id] = Kind.NEW_ANSWER  # one notification, not two
    candidates.pop(answer.author_id, None)  # never tell people about their own post
    return _create(question, candidates, answer=answer)


def notify_answer_accepted(*, answer_id: int) -> list[Notification]:
    answer = Answer.objects.select_related("question").filter(pk=answer_id).first()
    if answer is None or not answer.author_id or answer.author_id == answer.accepted_by_id:
        return []
    return _create(answer.question, {answer.author_id: Kind.ANSWER_ACCEPTED}, answer=answer)


def notify_question_asked(*, question_id: int) -> list[Notification]:
    question = Question.objects.filter(pk=question_id).first()
    if question is None:
        return []
    candidates = {}
    if question.municipality_id:
        for uid in Follow.objects.filter(municipality_id=question.municipality_id).values_list(
            "user_id", flat=True
        ):
            candidates[uid] = Kind.QUESTION_IN_MUNICIPALITY
    theme_ids = list(question.themes.values_list("pk", flat=True))
    for uid in Follow.objects.filter(theme_id__in=theme_ids).values_list("user_id", flat=True):
        candidates.setdefault(uid, Kind.QUESTION_IN_THEME)  # one per member
    candidates.pop(question.author_id, None)
    return _create(question, candidates)


def notifications_mark_read(*, user) -> int:
    from django.utils import timezone

    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
