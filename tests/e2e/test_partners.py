"""The network register in a browser: the register, an entry, its forms, the overview and
"who works with …" have no axe-core violations, and showing a key figure's details works by
keyboard."""

import random

import pytest

from exchange.partners.demo import demo_registers_seed
from exchange.partners.models import ConsentMethod, KeyFigure
from tests.factories import MemberFactory, MunicipalityFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def registers():
    themes = [
        ThemeFactory(name="Polarisatie", slug="polarisatie"),
        ThemeFactory(name="Radicalisering", slug="radicalisering"),
    ]
    places = [MunicipalityFactory(province=p) for p in ("Utrecht",) * 8 + ("Zeeland",) * 6]
    for _ in range(10):
        MunicipalityFactory(province="Zuid-Holland")  # no register (yet)
    demo_registers_seed(municipalities=places[:12], themes=themes, rng=random.Random(7))
    own = places[0]
    organisation = own.network_organisations.order_by("pk").first()
    KeyFigure.objects.create(
        municipality=own,
        organisation=organisation,
        role="voorzitter van de moskeevereniging",
        name="Samira Voorbeeld",
        email="samira@voorbeeld.nl",
        consent_method=ConsentMethod.WRITTEN,
        consent_given_at=organisation.created_at,
        last_checked_on=organisation.last_checked_on,
    )
    MemberFactory(profile__municipality=places[1], profile__open_to_contact=True)
    return {
        "member": MemberFactory(profile__municipality=own),
        "other": MemberFactory(profile__municipality=places[13]),
        "organisation": organisation,
    }


def test_the_register_and_an_entry_have_no_violations(registers, page, login, axe_check):
    login(registers["member"])
    axe_check("/lokaal-netwerk/")
    assert page.get_by_role("heading", name="Organisaties").is_visible()
    axe_check(registers["organisation"].get_absolute_url())
    button = page.get_by_role("button", name="Toon gegevens van voorzitter van de moskeevereniging")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gegevens/")
    assert page.get_by_text("Samira Voorbeeld").is_visible()
    axe_check()


def test_the_forms_show_errors_accessibly(registers, page, login, axe_check):
    login(registers["member"])
    axe_check("/lokaal-netwerk/organisaties/nieuw/")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#error-summary").is_visible()
    axe_check()
    axe_check("/lokaal-netwerk/sleutelfiguren/nieuw/")
    page.get_by_label("Rol").fill("imam")
    page.get_by_label("Naam").fill("Iemand")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#error-summary").is_visible()
    axe_check()
    axe_check("/lokaal-netwerk/importeren/")


def test_the_overview_and_who_works_with_have_no_violations(registers, page, login, axe_check):
    login(registers["other"])
    axe_check("/lokaal-netwerk/overzicht/")
    assert page.locator("main svg[role=img]").count() == 1
    assert page.get_by_text("12 gemeenten houden een lokaal netwerk bij").is_visible()
    axe_check("/lokaal-netwerk/wie-werkt-met/")
    page.get_by_label("Soort organisatie").select_option("police")
    page.get_by_role("button", name="Zoeken").last.click()
    assert page.get_by_text("gevonden").first.is_visible()
    axe_check()
