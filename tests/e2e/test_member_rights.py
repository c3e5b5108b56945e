"""axe-core finds no WCAG 2.1 A/AA violations on the data-rights and code-of-conduct pages."""

import pytest

from exchange.accounts.models import CodeOfConduct
from exchange.notifications.models import NotificationPreference
from exchange.questions.models import Follow
from tests.factories import MemberFactory, MunicipalityFactory
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def utrecht():
    return MunicipalityFactory(code="GM0344", name="Utrecht")


@pytest.fixture
def member_with_data(utrecht):
    member = MemberFactory(profile__municipality=utrecht, profile__bio="Ik ken de wijkteams.")
    other = MemberFactory(profile__municipality=utrecht)
    question = make_question(author=member, title="Hoe betrekken jullie sleutelfiguren?")
    theirs = make_question(author=other, title="Wie zit er aan tafel in het casusoverleg?")
    make_answer(question=theirs, author=member, body="Bij ons schuift de GGD aan.")
    make_answer(question=question, author=other)
    Follow.objects.create(user=member, question=theirs)
    NotificationPreference.objects.create(user=member)
    return member


def test_data_export_and_delete_pages_have_no_violations(member_with_data, axe_check, login):
    login(member_with_data)
    axe_check("/account/mijn-gegevens/")
    axe_check("/account/verwijderen/")


def test_wrong_password_error_is_accessible(member_with_data, page, axe_check, login):
    login(member_with_data)
    page.goto("/account/verwijderen/")
    page.get_by_label("Uw huidige wachtwoord").fill("niet-mijn-wachtwoord")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Het wachtwoord klopt niet. Er is niets gewijzigd.").is_visible()
    axe_check()


def test_code_of_conduct_page_has_no_violations(utrecht, page, axe_check, login):
    assert CodeOfConduct.objects.exists()  # version 1, from the data migration
    newcomer = MemberFactory(profile__municipality=utrecht, code_of_conduct=False)
    login(newcomer)

    page.goto("/vragen/")
    assert "/account/gedragscode/" in page.url
    axe_check()
    page.locator("main form button[type=submit]").click()  # without ticking the box
    page.wait_for_load_state()
    assert page.get_by_text("Vink aan dat u akkoord gaat.").first.is_visible()
    axe_check()
    page.get_by_label("Ik heb de gedragscode gelezen en houd mij eraan.").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/vragen/")
    axe_check()


def test_code_of_conduct_page_for_visitors_has_no_violations(axe_check):
    axe_check("/account/gedragscode/")
