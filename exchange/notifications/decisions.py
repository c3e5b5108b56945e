"""Telling members what moderators decided: on a practice they shared, on their sign-up.

Listens (through receivers.py) to `practices.events` and `exchange.accounts.events`. Each
decision is an in-app notification and an e-mail: about a practice as the member's
"practice_decision" preference says (instant by default), about a sign-up always, as an
account message. A fixed number of queries per decision, whatever the number of authors.
"""

from django.db import transaction
from wagtail.models import TaskState

from exchange.accounts.models import Profile
from practices.models import PracticePage
from practices.sharing.selectors import practice_author_ids, practice_publisher_id

from .models import Kind, Notification, NotificationPreference, Rhythm
from .recipients import may_work_on, verified_members


@transaction.atomic
def notifications_for_practice_published(*, page_id: int, revision_id: int | None):
    """Tell the practice's authors it is out, unless they published it themselves."""
    page = PracticePage.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return []
    authors = practice_author_ids(page=page, revision_id=revision_id)
    authors.discard(practice_publisher_id(page=page, revision_id=revision_id))
    return _notify_authors(page, authors, kind=Kind.PRACTICE_PUBLISHED, text="")


@transaction.atomic
def notifications_for_practice_changes_requested(*, page_id: int, task_state_id: int):
    """Tell the practice's authors what the moderator asks them to change."""
    page = PracticePage.objects.filter(pk=page_id).first()
    task_state = TaskState.objects.filter(pk=task_state_id).first()
    if page is None or task_state is None:
        return []
    authors = practice_author_ids(page=page, revision_id=task_state.revision_id)
    authors.discard(task_state.finished_by_id)
    return _notify_authors(
        page, authors, kind=Kind.PRACTICE_CHANGES_REQUESTED, text=task_state.comment or ""
    )


@transaction.atomic
def notification_for_member_decision(*, user_id: int, approved: bool):
    """The member hears the moderator's decision on their sign-up, with the reason given."""
    profile = Profile.objects.filter(user_id=user_id).select_related("user").first()
    if profile is None or profile.anonymised_at is not None:
        return None
    wanted = Profile.Status.VERIFIED if approved else Profile.Status.REJECTED
    if profile.status != wanted:  # decided otherwise since: the later decision speaks
        return None
    notification = Notification.objects.create(
        recipient=profile.user,
        kind=Kind.MEMBER_APPROVED if approved else Kind.MEMBER_REJECTED,
        text=profile.status_reason,
    )
    transaction.on_commit(lambda: _enqueue([notification.pk]))
    return notification


def _notify_authors(page, author_ids, *, kind: str, text: str) -> list[Notification]:
    """Authors who may still work on the practice (verified, same municipality)."""
    members = verified_members(author_ids)
    readers = [user for user in members.values() if may_work_on(user, page)]
    notifications = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, practice=page, text=text)
        for user in sorted(readers, key=lambda user: user.pk)
    )
    stored = NotificationPreference.objects.filter(user_id__in=[u.pk for u in readers])
    preferences = {preference.user_id: preference for preference in stored}
    default = NotificationPreference()
    instant = [
        n.pk
        for n in notifications
        if preferences.get(n.recipient_id, default).rhythm_for(kind) == Rhythm.INSTANT
    ]
    if instant:
        transaction.on_commit(lambda: _enqueue(instant))
    return notifications


def _enqueue(notification_ids: list[int]) -> None:
    from .tasks import send_notification_email

    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id)
