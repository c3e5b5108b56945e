"""Background work of the notifications app (django-tasks; `manage.py db_worker` runs it)."""

from django_tasks import task

from .digests import digests_send
from .emails import send_instant


@task()
def send_notification_email(notification_id: int) -> bool:
    """E-mail one notification; visibility is checked again now, at send time."""
    return send_instant(notification_id=notification_id)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Fan a batch out into one task per notification, so a failure affects one recipient."""
    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id)
    return len(notification_ids)


@task()
def send_digest_emails(rhythm: str) -> int:
    """The daily or weekly overview (also `manage.py send_digests daily|weekly`)."""
    return digests_send(rhythm=rhythm)
