"""A worker that dies mid-send loses no e-mail; the recovery sends it once, with a stable id."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from exchange.core import maintenance_tasks
from exchange.core.maintenance import run_once
from exchange.notifications import delivery
from exchange.notifications.digests import digests_send
from exchange.notifications.emails import send_instant
from exchange.notifications.models import DigestRun, Kind, Notification
from exchange.questions.services import follow

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it in the worker runs, no handler catches it."""


def crash(*args, **kwargs):
    raise WorkerKilled


def expire_claims():
    """Let the lease of every open claim run out, as if NOTIFICATION_CLAIM_LEASE had passed."""
    long_ago = timezone.now() - delivery.lease() - timedelta(seconds=1)
    Notification.objects.filter(email_claimed_at__isnull=False).update(email_claimed_at=long_ago)


def message_ids():
    return [message.extra_headers["Message-ID"] for message in mail.outbox]


@pytest.fixture
def approved(member):
    return Notification.objects.create(recipient=member, kind=Kind.MEMBER_APPROVED)


def test_mail_claimed_by_a_worker_that_died_before_sending_is_sent_once(approved, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kennisnetwerk.example"
    # The worker claimed it and died: no mail, no emailed_at.
    delivery.claim([approved.pk], at=timezone.now())
    assert run_once() == {}  # within the lease it may still be on its way: left alone
    assert mail.outbox == []

    expire_claims()
    run_once()
    run_once()  # a repeat finds nothing more

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [approved.recipient.email]
    assert message_ids() == [f"<notification-{approved.pk}@kennisnetwerk.example>"]
    assert mail.outbox[0].extra_headers["X-Idempotency-Key"] == f"notification-{approved.pk}"
    assert mail.outbox[0].message()["Message-ID"] == message_ids()[0]  # what goes on the wire
    approved.refresh_from_db()
    assert approved.emailed_at is not None


def test_crash_after_the_server_accepted_repeats_the_mail_with_the_same_id(approved, monkeypatch):
    # The documented window: the SMTP server took the mail, the worker died before it could
    # record that. The recovery cannot know, so it sends again, under the same Message-ID.
    monkeypatch.setattr(delivery, "settle", crash)
    with pytest.raises(WorkerKilled):
        send_instant(notification_id=approved.pk)
    monkeypatch.undo()
    expire_claims()

    run_once()
    run_once()

    assert len(mail.outbox) == 2
    assert len(set(message_ids())) == 1
    keys = {message.extra_headers["X-Idempotency-Key"] for message in mail.outbox}
    assert keys == {f"notification-{approved.pk}"}


def test_a_live_claim_is_never_sent_twice_by_a_second_worker(approved):
    delivery.claim([approved.pk], at=timezone.now())  # a worker is sending it right now
    assert send_instant(notification_id=approved.pk) is False  # the retry of its task
    assert mail.outbox == []


def test_an_overview_a_worker_died_sending_is_sent_once_with_the_runs_id(
    member, other_member, youth, ask, monkeypatch
):
    follow(user=other_member, theme=youth)
    ask(member, title="Jongeren en sociale media", themes=[youth])
    monkeypatch.setattr(delivery, "settle", crash)
    with pytest.raises(WorkerKilled):
        digests_send(rhythm="weekly")
    monkeypatch.undo()
    assert len(mail.outbox) == 1  # accepted, never confirmed
    expire_claims()

    assert digests_send(rhythm="weekly") == 0  # a new run leaves the abandoned one alone
    run_once()
    run_once()

    run = DigestRun.objects.get()
    assert message_ids() == [f"<digest-{run.pk}-{other_member.pk}@127.0.0.1>"] * 2
    assert "Jongeren en sociale media" in mail.outbox[1].body
    assert Notification.objects.get().emailed_at is not None


def test_an_overview_claimed_and_not_sent_goes_out_after_the_lease(
    member, other_member, youth, ask, monkeypatch
):
    follow(user=other_member, theme=youth)
    ask(member, title="Lastige gesprekken in de klas", themes=[youth])
    monkeypatch.setattr("exchange.notifications.digests.send_overview", crash)
    with pytest.raises(WorkerKilled):
        digests_send(rhythm="weekly")
    monkeypatch.undo()
    assert mail.outbox == []
    expire_claims()

    run_once()
    run_once()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [other_member.email]
    assert DigestRun.objects.get().emails_sent == 1


def running_task(*, worker_id, started_seconds_ago, attempts=1):
    from django_tasks_db.models import DBTaskResult

    from exchange.notifications.tasks import send_notification_email

    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [1], "kwargs": {}},
        task_path=send_notification_email.module_path,
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - timedelta(seconds=started_seconds_ago),
        worker_ids=[f"earlier-{n}" for n in range(attempts - 1)] + [worker_id],
    )


def test_tasks_of_a_dead_worker_are_requeued_and_a_live_workers_are_left_alone(settings):
    settings.TASK_STALE_AFTER = 60
    maintenance_tasks.heartbeat("alive")
    long_running = running_task(worker_id="alive", started_seconds_ago=3600)
    just_started = running_task(worker_id="dead", started_seconds_ago=5)
    orphaned = running_task(worker_id="dead", started_seconds_ago=120)
    poisonous = running_task(worker_id="dead", started_seconds_ago=120, attempts=3)

    assert run_once()["tasks"] == {"requeued": 1, "failed": 1}

    statuses = {
        task.pk: (task.refresh_from_db() or task.status)
        for task in (long_running, just_started, orphaned, poisonous)
    }
    assert statuses == {
        long_running.pk: "RUNNING",
        just_started.pk: "RUNNING",
        orphaned.pk: "READY",
        poisonous.pk: "FAILED",
    }
    assert poisonous.exception_class_path.endswith("WorkerLost")
