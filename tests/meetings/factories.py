"""Meetings made the way the site makes them: through the service, published."""

import datetime

from django.utils import timezone

from exchange.meetings.services import meeting_create
from exchange.visibility import Visibility


def meeting_data(**overrides) -> dict:
    starts = overrides.pop("starts_at", None) or (timezone.now() + datetime.timedelta(days=7))
    data = {
        "title": "Netwerkbijeenkomst polarisatie",
        "kind": "network",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "place": "Stadhuis Utrecht, zaal 3",
        "online_url": "",
        "municipality": None,
        "themes": [],
        "audience": "beleidsadviseurs",
        "visibility": Visibility.MEMBERS,
        "allowed_municipalities": [],
        "capacity": None,
        "description": "We bespreken **sleutelfiguren**.",
    }
    data.update(overrides)
    return data


def make_meeting(user, **overrides):
    """A published meeting organised by `user` (a moderator or a municipal member)."""
    return meeting_create(user=user, data=meeting_data(**overrides))
