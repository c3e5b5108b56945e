from django_tasks import task

from . import emails


@task()
def send_notification_email(notification_id: int) -> bool:
    return emails.send_single(notification_id)


@task()
def send_digest_emails(rhythm: str) -> int:
    return emails.send_digests(rhythm)
