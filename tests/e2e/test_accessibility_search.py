"""axe-core on /zoeken/ (query, facets selected, autocomplete open) and the combobox by keyboard.

Runs on the database engine (no SEARCH_URL), so the browser tests need no search node; the
page, facets and combobox are the same whichever engine answers.
"""

import pytest
from django.core.management import call_command

from exchange.municipalities.models import Municipality
from exchange.questions.services import question_create
from exchange.themes.models import Theme
from tests.factories import MemberFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def content(settings):
    settings.SEARCH_URL = ""
    call_command("load_municipalities", verbosity=0)
    utrecht = Municipality.objects.get(code="GM0344")
    zwolle = Municipality.objects.get(code="GM0193")
    practices = [
        make_practice(
            title=f"Gesprekstafels over polarisatie {i}",
            municipality=utrecht if i % 2 else zwolle,
            themes=("jongeren", "polarisatie"),
            target_groups=("docenten",),
            summary="Jongerenwerkers en docenten praten met jongeren over polarisatie.",
        )
        for i in range(4)
    ]
    member = MemberFactory(profile__municipality=utrecht)
    question_create(
        author=member,
        title="Hoe bespreek je polarisatie in de klas?",
        body="Wie heeft ervaring met gesprekken over polarisatie op school?",
        themes=Theme.objects.filter(slug="polarisatie"),
        visibility="public",
    )
    return practices


def test_search_page_with_query_and_facets_has_no_violations(content, axe_check):
    axe_check("/zoeken/?q=polarisatie")
    axe_check("/zoeken/?q=polarisatie&soort=practice&thema=jongeren&gemeente=GM0344")
    axe_check("/zoeken/?q=onvindbaarwoord")  # the empty state with "ask this as a question"


def test_open_autocomplete_has_no_violations(content, page, axe_check):
    page.goto("/zoeken/")
    page.locator("#search-q").press_sequentially("Gesprekstafels")
    page.locator("#search-q-listbox [role=option]").first.wait_for()
    assert page.locator("#search-q").get_attribute("aria-expanded") == "true"
    axe_check()


def test_autocomplete_arrow_down_and_enter_open_the_suggestion(content, page):
    page.goto("/zoeken/")
    box = page.locator("#search-q")
    box.press_sequentially("Gesprekstafels")
    first = page.locator("#search-q-listbox [role=option]").first
    first.wait_for()
    box.press("ArrowDown")
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    title = first.inner_text()
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("h1").first.inner_text() == title


def test_search_page_with_a_did_you_mean_suggestion_has_no_violations(content, page, axe_check):
    # The database engine corrects a word that no visible item holds, as the engines do.
    axe_check("/zoeken/?q=polarisatei&soort=practice")
    assert page.get_by_role("link", name="polarisatie", exact=True).is_visible()
