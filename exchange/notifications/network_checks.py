"""Reminders to keep the local network register current (exchange/partners).

`python manage.py send_network_check_reminders` (weekly, see the README) runs
`network_check_reminders_send`: every verified member of a municipality whose register holds
organisations or key-figure roles unchecked for more than a year hears how many, with a link to
the register's "te controleren" list. A member hears at most once per `REMIND_EVERY`, however
often the command runs, and not at all once everything is checked again. The notification names
counts only, never an organisation or a person.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import ngettext

from exchange.accounts.models import Profile
from exchange.partners.selectors import entries_due_for_check

from .models import Kind, Notification
from .services import _queue_instant_emails

REMIND_EVERY = datetime.timedelta(days=30)


@transaction.atomic
def network_check_reminders_send(*, today: datetime.date | None = None) -> list[Notification]:
    today = today or timezone.localdate()
    due = entries_due_for_check(today=today)
    if not due:
        return []
    recently = Notification.objects.filter(
        kind=Kind.NETWORK_CHECK, created_at__gte=timezone.now() - REMIND_EVERY
    ).values("recipient_id")
    members = (
        get_user_model()
        .objects.filter(
            is_active=True,
            profile__status=Profile.Status.VERIFIED,
            profile__anonymised_at__isnull=True,
            profile__municipality_id__in=list(due),
        )
        .exclude(pk__in=recently)
        .order_by("pk")
        .values_list("pk", "profile__municipality_id")
    )
    new = []
    # Texts are stored in the site's language, whatever language the caller runs in.
    with translation.override(settings.LANGUAGE_CODE):
        for user_id, municipality_id in members:
            count = due[municipality_id]
            text = ngettext(
                "Eén organisatie of sleutelfiguur in het netwerkregister van uw gemeente is "
                "langer dan een jaar niet gecontroleerd.",
                "%(count)d organisaties en sleutelfiguren in het netwerkregister van uw gemeente "
                "zijn langer dan een jaar niet gecontroleerd.",
                count,
            ) % {"count": count}
            new.append(Notification(recipient_id=user_id, kind=Kind.NETWORK_CHECK, text=text))
    notifications = Notification.objects.bulk_create(new)
    _queue_instant_emails(notifications)
    return notifications
