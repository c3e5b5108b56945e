"""axe-core finds no WCAG 2.1 A/AA violations on the foundation's main pages."""

import pytest
from django.core.management import call_command

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network():
    call_command("load_municipalities", verbosity=0)
    utrecht = Municipality.objects.get(code="GM0344")
    themes = list(Theme.objects.all()[:3])
    members = [
        MemberFactory(
            profile__municipality=utrecht,
            profile__job_title="Beleidsadviseur",
            profile__bio="Ik werk aan preventie van radicalisering.",
            profile__expertise_themes=themes,
        )
        for _ in range(3)
    ]
    return utrecht, members


@pytest.mark.parametrize("path", ["/", "/account/signup/", "/account/login/", "/gemeenten/"])
def test_public_pages_have_no_violations(network, axe_check, path):
    axe_check(path)


def test_municipality_detail_has_no_violations(network, axe_check, login):
    utrecht, members = network
    axe_check(utrecht.get_absolute_url())
    login(members[0])
    axe_check(utrecht.get_absolute_url())


def test_members_pages_have_no_violations(network, axe_check, login):
    _, members = network
    login(members[0])
    axe_check("/leden/")
    axe_check("/leden/?provincie=Utrecht&thema=jongeren")
    axe_check("/account/profiel/")


def test_form_errors_are_accessible(network, page, axe_check):
    page.goto("/account/signup/")
    page.fill("#id_email", "nieuw@utrecht.nl")
    page.fill("#id_password1", "een-Lang-wachtwoord-42")
    page.fill("#id_password2", "een-ander-wachtwoord-42")
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Jansen")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-field-error-message").count() >= 1
    axe_check()


def test_keyboard_user_reaches_main_content_via_skip_link(network, page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
