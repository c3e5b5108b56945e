"""A member's registrations are in their data export and go when they are anonymised."""

import pytest

from exchange.core import personal_data
from exchange.meetings.models import CalendarToken, Registration
from exchange.meetings.services import calendar_token_reset, registration_register

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_registrations_are_exported_and_erased(organiser, member):
    meeting = make_meeting(organiser, title="Netwerkdag Utrecht")
    registration_register(user=member, meeting=meeting)
    calendar_token_reset(user=member)
    export = personal_data.export(user=member).as_json()
    [row] = export["meeting_registrations"]
    assert (row["meeting"], row["status"]) == ("Netwerkdag Utrecht", "registered")
    personal_data.erase(user=member)
    assert not Registration.objects.filter(user=member).exists()
    assert not CalendarToken.objects.filter(user=member).exists()
    meeting.refresh_from_db()
    assert meeting.live  # the meeting itself is the municipality's
