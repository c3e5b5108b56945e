"""Registration rules: capacity, the waiting list in order, no change after the start."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.meetings.models import MeetingPage, Registration
from exchange.meetings.services import (
    meeting_cancel,
    meeting_update,
    registration_cancel,
    registration_register,
)
from exchange.notifications.models import Kind, Notification
from tests.factories import MemberFactory

from .factories import make_meeting, meeting_data

pytestmark = pytest.mark.django_db

R, W, C = (
    Registration.Status.REGISTERED,
    Registration.Status.WAITING,
    Registration.Status.CANCELLED,
)


def members(municipality, n):
    return [MemberFactory(profile__municipality=municipality) for _ in range(n)]


def status_of(meeting, users):
    rows = dict(Registration.objects.filter(meeting=meeting).values_list("user_id", "status"))
    return [rows.get(user.pk) for user in users]


def test_a_municipal_member_organises_for_their_own_municipality(organiser, municipality):
    meeting = make_meeting(organiser, municipality=None)
    assert meeting.live and meeting.municipality == municipality
    assert meeting.url.startswith("/bijeenkomsten/")
    assert "<strong>sleutelfiguren</strong>" in meeting.description_html


def test_a_member_for_a_partner_organisation_cannot_organise(partner_member):
    with pytest.raises(PermissionDenied):
        make_meeting(partner_member)


def test_places_fill_up_and_the_rest_wait_in_order(organiser, municipality):
    meeting = make_meeting(organiser, capacity=2)
    people = members(municipality, 4)
    for person in people:
        registration_register(user=person, meeting=meeting)
    assert status_of(meeting, people) == [R, R, W, W]


def test_a_cancelled_place_goes_to_the_first_waiting_and_tells_them(
    organiser, municipality, committed
):
    meeting = make_meeting(organiser, capacity=1)
    first, second, third = members(municipality, 3)
    for person in (first, second, third):
        registration_register(user=person, meeting=meeting)
    with committed():
        registration_cancel(user=first, meeting=meeting)
    assert status_of(meeting, [first, second, third]) == [C, R, W]
    told = Notification.objects.filter(kind=Kind.MEETING_PLACE)
    assert [n.recipient_id for n in told] == [second.pk]
    assert Registration.objects.get(user=second).promoted_at is not None


def test_leaving_the_waiting_list_moves_nobody_up(organiser, municipality, committed):
    meeting = make_meeting(organiser, capacity=1)
    first, second, third = members(municipality, 3)
    for person in (first, second, third):
        registration_register(user=person, meeting=meeting)
    with committed():
        registration_cancel(user=second, meeting=meeting)
    assert status_of(meeting, [first, second, third]) == [R, C, W]
    assert not Notification.objects.filter(kind=Kind.MEETING_PLACE).exists()


def test_registering_again_after_cancelling_goes_to_the_end_of_the_line(organiser, municipality):
    meeting = make_meeting(organiser, capacity=1)
    first, second = members(municipality, 2)
    registration_register(user=first, meeting=meeting)
    registration_cancel(user=first, meeting=meeting)
    registration_register(user=second, meeting=meeting)
    again = registration_register(user=first, meeting=meeting)
    assert again.status == W
    assert Registration.objects.filter(meeting=meeting).count() == 2


def test_registering_twice_is_refused(organiser, member):
    meeting = make_meeting(organiser)
    registration_register(user=member, meeting=meeting)
    with pytest.raises(ValidationError, match="al aangemeld"):
        registration_register(user=member, meeting=meeting)


def test_no_registration_or_cancellation_after_the_start(organiser, member, other_member):
    meeting = make_meeting(organiser)
    registration_register(user=member, meeting=meeting)
    MeetingPage.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    meeting.refresh_from_db()
    with pytest.raises(ValidationError, match="al begonnen"):
        registration_register(user=other_member, meeting=meeting)
    with pytest.raises(ValidationError, match="al begonnen"):
        registration_cancel(user=member, meeting=meeting)
    assert status_of(meeting, [member, other_member]) == [R, None]


def test_only_verified_members_register(organiser, pending_member, partner_member):
    meeting = make_meeting(organiser)
    with pytest.raises(PermissionDenied, match="geverifieerde leden"):
        registration_register(user=pending_member, meeting=meeting)
    assert registration_register(user=partner_member, meeting=meeting).status == R


def test_a_restricted_meeting_is_closed_to_other_municipalities(organiser, other_member):
    meeting = make_meeting(organiser, visibility="restricted")
    with pytest.raises(ValidationError):
        registration_register(user=other_member, meeting=meeting)


def test_more_places_let_the_waiting_list_move_up(organiser, municipality, committed):
    meeting = make_meeting(organiser, capacity=1)
    people = members(municipality, 3)
    for person in people:
        registration_register(user=person, meeting=meeting)
    with committed():
        meeting_update(
            user=organiser,
            meeting=meeting,
            data=meeting_data(capacity=2, starts_at=meeting.starts_at),
        )
    assert status_of(meeting, people) == [R, R, W]
    assert Notification.objects.filter(kind=Kind.MEETING_PLACE).count() == 1


def test_cancelling_a_meeting_tells_registered_and_waiting_once(organiser, municipality, committed):
    meeting = make_meeting(organiser, capacity=1)
    people = members(municipality, 2)
    for person in people:
        registration_register(user=person, meeting=meeting)
    with committed():
        meeting_cancel(user=organiser, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    told = Notification.objects.filter(kind=Kind.MEETING_CANCELLED)
    assert sorted(n.recipient_id for n in told) == sorted(p.pk for p in people)
    with pytest.raises(ValidationError, match="geannuleerd"):
        registration_register(
            user=MemberFactory(profile__municipality=municipality), meeting=meeting
        )


def test_a_member_of_another_municipality_cannot_edit(organiser, other_member):
    meeting = make_meeting(organiser)
    with pytest.raises(PermissionDenied):
        meeting_update(user=other_member, meeting=meeting, data=meeting_data(title="Anders"))


def test_a_meeting_needs_a_place_or_an_online_link(organiser):
    with pytest.raises(ValidationError) as error:
        make_meeting(organiser, place="", online_url="")
    assert "place" in error.value.message_dict


def test_a_confirmed_personal_data_warning_is_logged_on_the_meetings_history(moderator):
    from wagtail.models import PageLogEntry

    from exchange.core.privacy_check import OVERRIDE_ACTION, Finding
    from exchange.meetings.services import meeting_create

    from .factories import meeting_data

    found = [Finding(kind="phone", fragment="06-12345678", start=0, end=11)]
    meeting = meeting_create(
        user=moderator,
        data=meeting_data(description="Bel 06-12345678 voor de zaal."),
        privacy_override=found,
    )

    entry = PageLogEntry.objects.get(action=OVERRIDE_ACTION, page_id=meeting.pk)
    assert entry.user == moderator and entry.data == {"kinds": ["phone"]}
    assert "06-12345678" not in str(entry.data)
