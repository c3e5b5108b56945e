"""The moderators' admin speaks Dutch with Dutch dates, whatever language the public site was
read in, unless a moderator chose English in their own admin account; and the member queue
fits a 1280px screen (its layout in the browser: tests/e2e/test_member_queue_layout.py)."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.conf import settings
from django.utils import timezone, translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.users.models import UserProfile

from exchange.accounts.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    # A request in English leaves English active in this thread; the next test expects Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def html_lang(response) -> str:
    return re.search(r'<html[^>]*\blang="([^"]+)"', response.content.decode()).group(1)


def test_the_admin_is_dutch_even_after_reading_the_site_in_english(client_as, moderator):
    client = client_as(moderator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert html_lang(client.get("/")) == "en"  # the public site follows the choice
    response = client.get("/beheer/leden/")

    assert html_lang(response) == "nl"
    assert "Aanmeldingen van leden" in response.content.decode()


def test_a_moderator_who_chose_english_in_the_admin_gets_english(client_as, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()

    assert html_lang(client_as(moderator).get("/beheer/")) == "en"


def test_the_admin_date_pickers_use_dutch_dates():
    assert AdminDateInput().format == "%d-%m-%Y"
    assert AdminDateTimeInput().format == "%d-%m-%Y %H:%M"
    assert AdminDateInput().get_config()["format"] == "d-m-Y"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_dutch_date_from_the_picker_is_read_in_either_admin_language(language):
    with translation.override(language):
        assert forms.DateField().clean("31-12-2025") == datetime.date(2025, 12, 31)
        moment = forms.DateTimeField().clean("31-12-2025 14:30")
    assert (moment.day, moment.month, moment.hour, moment.minute) == (31, 12, 14, 30)


def test_the_member_queue_shows_dutch_month_names(client_as, moderator, pending_member):
    moment = timezone.make_aware(datetime.datetime(2025, 3, 5, 9, 15))
    Profile.objects.filter(user=pending_member).update(created_at=moment)

    html = client_as(moderator).get("/beheer/leden/").content.decode()

    assert "5 mrt 2025 09:15" in html


def test_the_member_queue_puts_name_and_address_together_and_sizes_the_decision(
    client_as, moderator, pending_member
):
    page = BeautifulSoup(client_as(moderator).get("/beheer/leden/").content, "html.parser")

    table = page.select_one("table.kn-member-queue")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings == [
        "Kiezen",
        "Naam en e-mailadres",
        "Gemeente of organisatie",
        "Aangemeld",
        "Besluit",
    ]
    member_cell = table.select_one("td.kn-member-queue__member")
    assert pending_member.email in member_cell.get_text()
    assert table.select_one("td.kn-member-queue__decision form.kn-member-queue__form select")
    assert page.find("link", href="/static/css/admin-queues.css")
