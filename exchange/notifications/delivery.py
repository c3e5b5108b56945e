"""Exactly-once e-mail, as far as SMTP allows: a lease per notification and a stable Message-ID.

A worker *claims* notifications (`email_claimed_at`) before it sends and records the outcome
(`emailed_at`) only after the SMTP server accepted the mail or the mail was withheld. So:

- two workers never mail the same notification: the claim is one conditional UPDATE;
- a worker killed between claim and send leaves a claim without `emailed_at`; once the lease
  (NOTIFICATION_CLAIM_LEASE seconds, 600 by default) has run out, `recover_abandoned_claims`
  sends it again;
- a worker killed after the server accepted the mail but before `emailed_at` was written (a
  window of one UPDATE) makes the recovery send it a second time, with the SAME Message-ID and
  X-Idempotency-Key, so the receiving server or a mail sink can drop the repeat.

A send that takes longer than the lease (a hung SMTP server; set EMAIL_TIMEOUT) may be
claimed by a second worker: keep the lease well above the SMTP timeout.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Notification

DEFAULT_LEASE_SECONDS = 600


def lease() -> datetime.timedelta:
    return datetime.timedelta(
        seconds=getattr(settings, "NOTIFICATION_CLAIM_LEASE", DEFAULT_LEASE_SECONDS)
    )


def claimable(now: datetime.datetime) -> Q:
    """Not yet dealt with, and nobody holds a live claim on it."""
    return Q(emailed_at__isnull=True) & (
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - lease())
    )


def claim(ids, *, at: datetime.datetime, digest_run=None, **conditions) -> int:
    """Take the lease on those of `ids` that are free; returns how many were taken.

    `at` is the claim's token: settle and release touch only rows still carrying it, so a
    worker whose lease ran out cannot undo the claim of the one that took over.
    """
    return Notification.objects.filter(claimable(at), pk__in=ids, **conditions).update(
        email_claimed_at=at, digest_run=digest_run
    )


def settle(ids, *, claimed_at: datetime.datetime) -> int:
    """The mail was accepted by the SMTP server (or withheld): never send it again."""
    return Notification.objects.filter(pk__in=ids, email_claimed_at=claimed_at).update(
        emailed_at=timezone.now()
    )


def release(ids, *, claimed_at: datetime.datetime) -> int:
    """Give the claim back (sending failed, or it waits for an overview now)."""
    return Notification.objects.filter(
        pk__in=ids, email_claimed_at=claimed_at, emailed_at__isnull=True
    ).update(email_claimed_at=None, digest_run=None)


def instant_key(notification_id: int) -> str:
    return f"notification-{notification_id}"


def digest_key(run_id: int, user_id: int) -> str:
    return f"digest-{run_id}-{user_id}"


def stamp(message, key: str) -> None:
    """The same mail always carries the same Message-ID, so a repeat can be recognised."""
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "kennisnetwerk.invalid"
    message.extra_headers["Message-ID"] = f"<{key}@{domain}>"
    message.extra_headers["X-Idempotency-Key"] = key


def abandoned(now: datetime.datetime):
    """Claims older than the lease whose mail was never confirmed: their worker died."""
    return Notification.objects.filter(emailed_at__isnull=True, email_claimed_at__lt=now - lease())
