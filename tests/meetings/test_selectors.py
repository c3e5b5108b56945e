"""What the start, theme and municipality pages and the search index get from meetings."""

import datetime

import pytest
from django.utils import timezone

from exchange.meetings.selectors import (
    meeting_search_fields,
    meeting_search_queryset,
    upcoming_meetings,
)
from exchange.visibility import viewer_for
from tests.factories import ThemeFactory

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_upcoming_meetings_are_the_visible_ones_soonest_first(
    organiser, other_member, theme, municipality, django_assert_num_queries
):
    later = make_meeting(organiser, title="Later", starts_at=timezone.now() + datetime.timedelta(9))
    soon = make_meeting(organiser, title="Straks", themes=[theme])
    make_meeting(organiser, title="Alleen Utrecht", visibility="restricted")
    viewer_for(other_member)  # who they are is read once per request, before any list
    with django_assert_num_queries(2):
        found = upcoming_meetings(user=other_member)
        [t.name for m in found for t in m.themes.all()]
    assert found == [soon, later]
    assert upcoming_meetings(user=other_member, theme=theme) == [soon]
    assert upcoming_meetings(user=other_member, municipality=municipality, limit=1) == [soon]
    assert [m.title for m in upcoming_meetings(user=None)] == []  # members-only


def test_search_fields_come_without_further_queries(organiser, municipality, other_municipality):
    make_meeting(
        organiser,
        title="Verslag netwerkdag",
        themes=[ThemeFactory(name="Netwerken test", slug="netwerken-test")],
        visibility="restricted",
        allowed_municipalities=[other_municipality],
    )
    [meeting] = list(meeting_search_queryset())
    fields = meeting_search_fields(meeting)
    assert fields["title"] == "Verslag netwerkdag"
    assert fields["themes"] == [{"slug": "netwerken-test", "name": "Netwerken test"}]
    assert fields["municipality"] == {"code": municipality.code, "name": municipality.name}
    assert fields["allowed_municipality_codes"] == [municipality.code, other_municipality.code]
    assert fields["visibility"] == "restricted"
    assert fields["description"] == "We bespreken sleutelfiguren."
    assert fields["url"] == meeting.url
