"""In English, interface text is English: page titles, intros the site ships, the header and
the filters' headings. What editors and members wrote (theme names, a changed intro) stays
as written."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from practices.models import PracticeIndexPage
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    # A request in English leaves English active in this thread; the next test expects Dutch.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_catalogues_shipped_title_and_intro_are_translated(english):
    make_practice(target_groups=("ouders", "docenten"))

    page = page_of(english.get("/praktijken/"))

    assert page.title.get_text().startswith("Good practices ·")
    assert page.h1.get_text(strip=True) == "Good practices"
    assert (
        page.select_one("main .utrecht-paragraph--lead")
        .get_text(strip=True)
        .startswith("What did other municipalities do about radicalisation")
    )
    legends = {legend.get_text(strip=True) for legend in page.select("main legend")}
    assert {"Theme", "Target group", "Professionals", "Parents and families"} <= legends


def test_an_intro_an_editor_wrote_stays_as_written(english):
    make_practice()
    index = PracticeIndexPage.objects.get()
    index.intro = "Onze eigen inleiding, door een redacteur geschreven."
    index.save_revision().publish()

    page = page_of(english.get("/praktijken/"))

    assert page.select_one("main .utrecht-paragraph--lead").get_text(strip=True) == (
        "Onze eigen inleiding, door een redacteur geschreven."
    )


def test_the_home_pages_shipped_intro_is_translated(english):
    make_practice()  # builds the page tree with the home page and its default intro

    page = page_of(english.get("/"))

    assert page.select_one("main .utrecht-paragraph--lead").get_text(strip=True) == (
        "Municipalities share good practices here and ask each other questions about "
        "radicalisation, polarisation and social tensions."
    )


def test_the_header_and_the_start_page_are_english(english, log_in, member):
    log_in(english, member)

    page = page_of(english.get("/mijn-kennisnetwerk/"))

    assert page.title.get_text().startswith("My knowledge network ·")
    assert page.h1.get_text(strip=True) == "My knowledge network"
    header = page.find("header")
    assert header.find("button", class_="kn-menu-toggle").get_text(strip=True) == "Menu"
    assert header.find("form", role="search")["aria-label"] == "Search the site"
    assert "Notifications" in header.get_text()
    headings = [h2.get_text(strip=True) for h2 in page.select("main h2")]
    assert "New in what you follow" in headings
    assert "Questions you could answer" in headings


def test_the_bad_request_page_is_english(english):
    page = page_of(english.get("/praktijken/?jaar=abc"))

    assert page.h1.get_text(strip=True) == "Bad request"
    assert "Check the address or the data you entered and try again." in page.get_text()


def test_the_accessibility_contact_is_english(english):
    page = page_of(english.get("/toegankelijkheid/"))

    assert "Email about the accessibility of this website:" in page.get_text()
