"""Meetings in a browser: the agenda, a meeting page, organising and registering have no
axe-core violations, and registering works by keyboard."""

import datetime

import pytest
from django.utils import timezone

from exchange.meetings.models import Registration
from exchange.meetings.services import meeting_index_ensure, registration_register
from tests.factories import MemberFactory, MunicipalityFactory, ThemeFactory
from tests.meetings.factories import make_meeting
from tests.practices.factories import ensure_page_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network(db):
    ensure_page_tree()
    meeting_index_ensure()
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht", slug="utrecht")
    organiser = MemberFactory(profile__municipality=utrecht, first_name="Olga")
    theme = ThemeFactory(name="Online polarisatie", slug="online-polarisatie-e2e")
    meeting = make_meeting(
        organiser,
        title="Netwerkbijeenkomst online polarisatie",
        themes=[theme],
        capacity=1,
        online_url="https://vergader.example.nl/kamer-3",
        starts_at=timezone.now() + datetime.timedelta(days=5),
    )
    registration_register(user=MemberFactory(profile__municipality=utrecht), meeting=meeting)
    visitor = MemberFactory(profile__municipality=MunicipalityFactory(name="Zwolle"))
    return {"organiser": organiser, "meeting": meeting, "visitor": visitor}


def test_a_meeting_page_and_registering_have_no_violations(network, page, login, axe_check):
    meeting, visitor = network["meeting"], network["visitor"]
    login(visitor)
    axe_check("/bijeenkomsten/")
    axe_check(meeting.url)
    button = page.get_by_role("button", name="Op de wachtlijst")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("U staat op de wachtlijst (nummer 1)").is_visible()
    axe_check()
    assert Registration.objects.get(user=visitor).status == "waiting"
    axe_check("/bijeenkomsten/mijn/")


def test_organising_a_meeting_shows_errors_accessibly(network, page, login, axe_check):
    login(network["organiser"])
    axe_check("/bijeenkomsten/nieuw/")
    page.get_by_role("button", name="Opslaan en publiceren").click()
    assert page.locator("#error-summary").is_visible()
    axe_check()
    axe_check(network["meeting"].url)  # the organiser sees names and the online link
    assert page.get_by_text("Deelnemen via de online link").is_visible()
