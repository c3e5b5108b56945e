"""The retention policy (docs/retention.md): what is kept how long, and clearing what is due.

Accounts handles its own part, members who no longer sign in; every other app's part is a
`RetentionStep` in its declaration (`<app>/personal_data.py`, via exchange/core/personal_data.py).
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

from exchange.core import personal_data
from exchange.core.roles import ADMINS_GROUP, MODERATORS_GROUP

from .services import member_anonymise


@dataclass(frozen=True)
class RetentionPlan:
    members: QuerySet  # users to anonymise, annotated with last_seen
    steps: list[tuple[personal_data.RetentionStep, list[QuerySet]]]  # each app's due rows

    def counts(self) -> dict[str, int]:
        counts = {"members": self.members.count()}
        for step, due in self.steps:
            counts[step.key] = sum(rows.count() for rows in due)
        return counts


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


def retention_plan(*, now: datetime.datetime | None = None) -> RetentionPlan:
    """What is due under the retention periods at `now`; reads only."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.RETENTION_INACTIVE_MEMBER_DAYS)
    return RetentionPlan(
        members=inactive_members(cutoff=cutoff),
        steps=[(step, step.due_at(now)) for step in personal_data.retention_steps()],
    )


def retention_apply(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply the retention policy; returns how many of each kind were handled.

    Each member is anonymised in a transaction of its own, so one failure leaves the others
    done and a rerun picks up the rest. Members go first: what goes with them is not counted
    again by the apps' steps.
    """
    plan = retention_plan(now=now)
    members = list(plan.members)
    for user in members:
        member_anonymise(user=user, actor=None, reason="retention")
    done = {"members": len(members)}
    for step, due in plan.steps:
        done[step.key] = sum(step.apply(rows) for rows in due)
    return done
