"""The quickscan in a browser: the response form, the own results and the moderators' results
page have no axe-core violations, and the form works by keyboard without JavaScript tricks."""

import pytest
from django.core.management import call_command

from exchange.inventories.demo import quickscan_demo_seed
from exchange.inventories.quickscan import SLUG
from exchange.municipalities.models import Municipality
from tests.factories import MemberFactory, ModeratorFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE = f"/inventarisaties/{SLUG}/"


@pytest.fixture
def quickscan_network():
    call_command("load_municipalities", verbosity=0)
    quickscan_demo_seed(keep_free={"GM0344"}, include={"GM0193"}, count=100)
    return {
        "answering": MemberFactory(profile__municipality=Municipality.objects.get(code="GM0344")),
        "answered": MemberFactory(profile__municipality=Municipality.objects.get(code="GM0193")),
        "moderator": ModeratorFactory(),
    }


def test_the_response_form_has_no_violations_and_shows_errors_accessibly(
    quickscan_network, page, login, axe_check
):
    login(quickscan_network["answering"])
    axe_check(BASE)
    axe_check(f"{BASE}deel/1/")
    page.fill("#id_vraag_fte-radicalisering", "veel")
    page.get_by_role("button", name="Opslaan en verder").click()
    assert page.locator("#error-summary").is_visible()
    axe_check()
    page.fill("#id_vraag_fte-radicalisering", "1,5")
    page.get_by_label("Ja", exact=True).first.check()
    page.get_by_role("button", name="Opslaan en verder").click()
    assert page.url.endswith(f"{BASE}deel/2/")
    axe_check()
    axe_check(f"{BASE}indienen/")


def test_the_own_results_view_has_no_violations(quickscan_network, page, login, axe_check):
    login(quickscan_network["answered"])
    axe_check(f"{BASE}mijn-resultaten/")
    assert page.get_by_text("Uw antwoord:").count() >= 20


def test_the_moderators_results_page_has_no_violations(quickscan_network, page, login, axe_check):
    login(quickscan_network["moderator"])
    axe_check(f"{BASE}resultaten/")
    for summary in page.locator("details > summary").all():
        summary.click()
    axe_check()
    charts = page.locator("main svg[role=img]")
    assert charts.count() >= 15


def test_what_others_do_has_no_violations(quickscan_network, page, login, axe_check):
    from exchange.inventories import matching
    from exchange.inventories.models import Response
    from exchange.themes.models import Theme
    from tests.practices.factories import make_practice

    answered = quickscan_network["answered"]
    response = Response.objects.get(municipality=answered.profile.municipality)
    needs = matching.reported(response.questionnaire, response_ids=[response.pk]).needs
    theme = Theme.objects.filter(pk__in=needs[response.pk]).order_by("name").first()
    assert theme is not None
    elsewhere = Municipality.objects.get(code="GM0363")  # Amsterdam
    MemberFactory(profile__municipality=elsewhere, profile__open_to_contact=True)
    make_practice(
        title="Een aanpak die werkt",
        municipality=elsewhere,
        themes=(theme.slug,),
        evidence_level="effectief",
    )
    login(answered)
    axe_check(f"{BASE}wat-anderen-doen/")
    assert page.get_by_role("heading", name=theme.name).is_visible()
    assert page.get_by_role("link", name="Een aanpak die werkt").is_visible()
    assert page.get_by_role("link", name=f"Schrijf naar {elsewhere.name} over {theme.name}").count()


def test_the_unmet_needs_page_has_no_violations(quickscan_network, page, login, axe_check):
    login(quickscan_network["moderator"])
    axe_check(f"{BASE}onvervulde-behoeften/")
    assert page.locator("main table tbody tr").count() >= 3
