"""Follow-up of the quickscans: new practices on a municipality's needs, and reminders.

`python manage.py send_inventory_alerts` (daily, see the runbook) runs `inventory_alerts_send`:

- **Practices on a need.** For every round that closed less than `NEEDS_KEPT` ago (or is still
  open), each municipality's needs by the matching rule (`exchange.inventories.matching`).
  A practice published since the municipality submitted (and within `PRACTICE_WINDOW`), on one
  of those themes, of another municipality, is announced to each of its verified members who may
  read it: once per practice and member, whatever number of needs, rounds or followed themes
  lead to it (a unique constraint; practices do not notify theme followers otherwise).
- **Reminders.** `REMINDER_DAYS` before a round closes, the verified members of municipalities
  (or, in a per-member round, the members) that have not submitted hear once per round.

Both are in-app notifications e-mailed as the member's "inventory" preference says (instant
by default, or in the daily/weekly overview, or not). Running twice sends nothing twice.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from exchange.accounts.models import Profile
from exchange.inventories import matching
from exchange.inventories.models import Audience, Questionnaire, Response
from practices.models import PracticePage

from .models import Kind, Notification
from .recipients import verified_members
from .services import _queue_instant_emails

REMINDER_DAYS = 7
NEEDS_KEPT = datetime.timedelta(days=365)
PRACTICE_WINDOW = datetime.timedelta(days=30)


def inventory_alerts_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Make (and queue the e-mails of) the notifications due now; returns how many of each."""
    today = today or timezone.localdate()
    # Texts are stored in the site's language, whatever language the caller runs in.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "practices": len(need_practice_alerts(today=today)),
            "reminders": len(reminder_alerts(today=today)),
        }


def _verified_members_of(municipality_ids) -> dict[int, list[int]]:
    """{municipality id: verified, active members' ids} (one query)."""
    rows = (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__status=Profile.Status.VERIFIED,
            profile__anonymised_at__isnull=True,
            profile__municipality_id__in=set(municipality_ids),
        )
        .values_list("profile__municipality_id", "pk")
    )
    members: dict[int, list[int]] = {}
    for municipality_id, user_id in rows:
        members.setdefault(municipality_id, []).append(user_id)
    return members


@transaction.atomic
def need_practice_alerts(*, today: datetime.date) -> list[Notification]:
    now = timezone.now()
    rounds = Questionnaire.objects.filter(
        opens_on__lte=today, closes_on__gte=today - NEEDS_KEPT
    ).order_by("pk")
    # municipality id -> theme id -> earliest submission reporting that need
    needs: dict[int, dict[int, datetime.datetime]] = {}
    for questionnaire in rounds:
        submitted = dict(
            Response.objects.filter(
                questionnaire=questionnaire,
                status=Response.Status.SUBMITTED,
                municipality__isnull=False,
            )
            .order_by("-submitted_at")
            .values_list("municipality_id", "submitted_at")
        )
        for municipality_id, (theme_ids, _strengths) in matching.reported_by_municipality(
            questionnaire
        ).items():
            since = submitted.get(municipality_id) or now
            for theme_id in theme_ids:
                known = needs.setdefault(municipality_id, {}).get(theme_id)
                if known is None or since < known:
                    needs[municipality_id][theme_id] = since
    if not needs:
        return []
    theme_ids = {theme_id for by_theme in needs.values() for theme_id in by_theme}
    practices = list(
        PracticePage.objects.live()
        .filter(
            first_published_at__gte=now - PRACTICE_WINDOW,
            pk__in=PracticePage.themes.through.objects.filter(theme_id__in=theme_ids).values(
                "practicepage_id"
            ),
        )
        .prefetch_related("themes", "allowed_municipalities")
        .order_by("first_published_at", "pk")
    )
    if not practices:
        return []
    members_of = _verified_members_of(needs)
    members = verified_members(uid for ids in members_of.values() for uid in ids)
    already = set(
        Notification.objects.filter(
            kind=Kind.NEED_PRACTICE, practice__in=practices, recipient_id__in=members
        ).values_list("recipient_id", "practice_id")
    )
    new = []
    for practice in practices:
        practice_themes = {theme.pk for theme in practice.themes.all()}
        for municipality_id, by_theme in needs.items():
            if municipality_id == practice.municipality_id:
                continue  # their own practice is no news to them
            if not any(
                practice.first_published_at >= since
                for theme_id, since in by_theme.items()
                if theme_id in practice_themes
            ):
                continue
            for user_id in members_of.get(municipality_id, []):
                user = members.get(user_id)
                if user is None or (user_id, practice.pk) in already:
                    continue
                if not practice.is_visible_to(user):
                    continue
                already.add((user_id, practice.pk))
                new.append(
                    Notification(
                        recipient=user,
                        kind=Kind.NEED_PRACTICE,
                        practice=practice,
                        text=Truncator(practice.summary).words(60),
                    )
                )
    notifications = Notification.objects.bulk_create(new)
    _queue_instant_emails(notifications)
    return notifications


@transaction.atomic
def reminder_alerts(*, today: datetime.date) -> list[Notification]:
    rounds = Questionnaire.objects.filter(
        opens_on__lte=today,
        closes_on__gte=today,
        closes_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    ).order_by("pk")
    new = []
    for questionnaire in rounds:
        submitted = Response.objects.filter(
            questionnaire=questionnaire, status=Response.Status.SUBMITTED
        )
        users = get_user_model().objects.filter(
            is_active=True,
            profile__status=Profile.Status.VERIFIED,
            profile__anonymised_at__isnull=True,
        )
        if questionnaire.audience == Audience.MUNICIPALITIES:
            users = users.filter(profile__municipality__isnull=False).exclude(
                profile__municipality_id__in=submitted.values("municipality_id")
            )
        else:
            if questionnaire.audience == Audience.MEMBERS:
                users = users.filter(profile__municipality__isnull=False)
            users = users.exclude(pk__in=submitted.values("member_id").exclude(member=None))
        reminded = Notification.objects.filter(
            kind=Kind.INVENTORY_REMINDER, questionnaire=questionnaire
        ).values("recipient_id")
        users = users.exclude(pk__in=reminded)
        text = _("Uw antwoord is nog niet ingediend. De vragenlijst sluit na %(date)s.") % {
            "date": date_format(questionnaire.closes_on, "j F Y")
        }
        new += [
            Notification(
                recipient_id=user_id,
                kind=Kind.INVENTORY_REMINDER,
                questionnaire=questionnaire,
                text=text,
            )
            for user_id in users.order_by("pk").values_list("pk", flat=True)
        ]
    notifications = Notification.objects.bulk_create(new)
    _queue_instant_emails(notifications)
    return notifications
