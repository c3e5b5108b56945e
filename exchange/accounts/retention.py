"""The retention policy (docs/retention.md): what is kept how long, and clearing what is due.

`retention_plan` only reads, so a dry run shows exactly what `retention_apply` would do.
Periods are settings (RETENTION_*_DAYS), read from the environment in settings/base.py.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.core.roles import ADMINS_GROUP, MODERATORS_GROUP
from exchange.notifications.models import Notification
from search.models import SearchQueryLog

from .services import member_anonymise

AUDIT_BATCH = 500


@dataclass(frozen=True)
class RetentionPlan:
    members: QuerySet  # users to anonymise, annotated with last_seen
    model_log_entries: QuerySet  # audit entries whose reason text is cleared
    page_log_entries: QuerySet
    notifications: QuerySet  # read notifications to delete
    query_logs: QuerySet  # search query log rows to delete

    def counts(self) -> dict[str, int]:
        return {
            "members": self.members.count(),
            "audit_entries": self.model_log_entries.count() + self.page_log_entries.count(),
            "notifications": self.notifications.count(),
            "query_logs": self.query_logs.count(),
        }


def _before(days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def inactive_members(*, cutoff: datetime.datetime) -> QuerySet:
    """Members not seen since `cutoff`; moderators, admins and staff are never included."""
    return (
        get_user_model()
        .objects.filter(profile__anonymised_at__isnull=True, is_superuser=False, is_staff=False)
        .exclude(groups__name__in=[MODERATORS_GROUP, ADMINS_GROUP])
        .annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff)
        .order_by("last_seen", "pk")
    )


def _with_reason(model, cutoff: datetime.datetime) -> QuerySet:
    return (
        model.objects.filter(timestamp__lt=cutoff, data__has_key="reason")
        .exclude(data__reason="")
        .order_by("pk")
    )


def retention_plan(*, now: datetime.datetime | None = None) -> RetentionPlan:
    """What is due under the retention periods at `now`; reads only."""
    now = now or timezone.now()
    audit_cutoff = _before(settings.RETENTION_AUDIT_DETAIL_DAYS, now)
    return RetentionPlan(
        members=inactive_members(cutoff=_before(settings.RETENTION_INACTIVE_MEMBER_DAYS, now)),
        model_log_entries=_with_reason(ModelLogEntry, audit_cutoff),
        page_log_entries=_with_reason(PageLogEntry, audit_cutoff),
        notifications=Notification.objects.filter(
            read_at__isnull=False,
            created_at__lt=_before(settings.RETENTION_NOTIFICATION_DAYS, now),
        ),
        query_logs=SearchQueryLog.objects.filter(
            created_at__lt=_before(settings.RETENTION_QUERY_LOG_DAYS, now)
        ),
    )


def _clear_reasons(entries: QuerySet) -> int:
    """Keep action, object and time of old audit entries; blank their free-text reason."""
    cleared, batch = 0, []
    for entry in entries.only("pk", "data").iterator(chunk_size=AUDIT_BATCH):
        entry.data = {**entry.data, "reason": ""}
        batch.append(entry)
        if len(batch) == AUDIT_BATCH:
            cleared += entries.model.objects.bulk_update(batch, ["data"])
            batch = []
    if batch:
        cleared += entries.model.objects.bulk_update(batch, ["data"])
    return cleared


def retention_apply(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply the retention policy; returns how many of each kind were handled.

    Each member is anonymised in a transaction of its own, so one failure leaves the others
    done and a rerun picks up the rest.
    """
    plan = retention_plan(now=now)
    members = list(plan.members)
    for user in members:
        member_anonymise(user=user, actor=None, reason="retention")
    audit = _clear_reasons(plan.model_log_entries) + _clear_reasons(plan.page_log_entries)
    notifications, _detail = plan.notifications.delete()
    query_logs, _detail = plan.query_logs.delete()
    return {
        "members": len(members),
        "audit_entries": audit,
        "notifications": notifications,
        "query_logs": query_logs,
    }
