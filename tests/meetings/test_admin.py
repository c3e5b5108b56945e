"""Meetings are made and edited on the site: the admin sends moderators there."""

import pytest

from exchange.meetings.models import MeetingIndexPage

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_the_admin_sends_editing_and_creating_a_meeting_to_the_sites_forms(client_as, moderator):
    meeting = make_meeting(moderator, title="Netwerkdag", capacity=2)
    admin = client_as(moderator)

    edit = admin.get(f"/beheer/pages/{meeting.pk}/edit/")
    assert edit.status_code == 302 and edit["Location"] == f"/bijeenkomsten/{meeting.pk}/bewerken/"
    # A post to the admin form changes nothing either (no stale text, no skipped rules).
    admin.post(f"/beheer/pages/{meeting.pk}/edit/", {"title": "Anders", "capacity": "9"})
    meeting.refresh_from_db()
    assert (meeting.title, meeting.capacity) == ("Netwerkdag", 2)

    index = MeetingIndexPage.objects.get()
    create = admin.get(f"/beheer/pages/add/meetings/meetingpage/{index.pk}/")
    assert create.status_code == 302 and create["Location"] == "/bijeenkomsten/nieuw/"
