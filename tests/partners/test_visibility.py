"""Every register URL for the seven visitors: the own municipality works, anyone else who may
not see the register gets a 404 (or, with no municipality, an explanation), moderators read
without key figures' personal details, and those details reach nobody outside the municipality.
"""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from exchange.partners import urls as partners_urls

from .conftest import KEY_FIGURE_EMAIL, KEY_FIGURE_NAME, ORGANISATION_NAME

pytestmark = pytest.mark.django_db

OWN = "member of the same municipality"
OTHER = "member of another municipality"
PARTNER = "member for a partner organisation"
THEME = "theme moderator"
MODERATOR = "moderator"

# Pages that act on POST only (a GET answers 405 before anything else).
POST_ONLY = {"partners_organisation_checked", "partners_key_figure_checked"}
# "Toon gegevens" is a POST as well; a GET only goes back to the entry.
POSTED = POST_ONLY | {"partners_key_figure_details"}
# Where the municipality's own members see the details (each time logged, see test_audit.py).
SHOWS_DETAILS = {"partners_key_figure_details", "partners_key_figure_edit"}

EVERYONE_OK = dict.fromkeys((OWN, OTHER, PARTNER, THEME, MODERATOR), 200)
ENTRY = {OWN: 200, OTHER: 404, PARTNER: 404, THEME: 404, MODERATOR: 200}
EDIT_ENTRY = {OWN: 200, OTHER: 404, PARTNER: 404, THEME: 404, MODERATOR: 403}
OWN_REGISTER = {OWN: 200, OTHER: 200, PARTNER: 403, THEME: 403, MODERATOR: 403}
EXPECTED = {
    "partners_register": {**OWN_REGISTER, MODERATOR: 200},  # moderators choose a municipality
    "partners_import": OWN_REGISTER,
    "partners_organisation_create": OWN_REGISTER,
    "partners_key_figure_create": OWN_REGISTER,
    "partners_overview": EVERYONE_OK,
    "partners_who_works_with": EVERYONE_OK,
    "partners_audit_log": {OWN: 404, OTHER: 404, PARTNER: 404, THEME: 404, MODERATOR: 200},
    "partners_organisation": ENTRY,
    "partners_organisation_edit": EDIT_ENTRY,
    "partners_organisation_delete": EDIT_ENTRY,
    "partners_organisation_checked": {**EDIT_ENTRY, OWN: 302},
    "partners_key_figure_edit": EDIT_ENTRY,
    "partners_key_figure_withdraw": EDIT_ENTRY,
    "partners_key_figure_delete": EDIT_ENTRY,
    "partners_key_figure_checked": {**EDIT_ENTRY, OWN: 302},
    # Moderators may know the key figure is there, never see the details.
    "partners_key_figure_details": {**ENTRY, MODERATOR: 403},
}


def register_addresses(organisation, key_figure) -> dict[str, str]:
    """Every named pattern of the app, from the site's resolver (so none is forgotten)."""
    patterns = [p for p in partners_urls.urlpatterns if isinstance(p, URLPattern)]
    resolver = get_resolver()
    assert {p.name for p in patterns} <= set(resolver.reverse_dict)
    addresses = {}
    for pattern in patterns:
        if "pk" not in pattern.pattern.converters:
            addresses[pattern.name] = reverse(pattern.name)
        elif "organisation" in pattern.name:
            addresses[pattern.name] = reverse(pattern.name, args=[organisation.pk])
        else:
            addresses[pattern.name] = reverse(pattern.name, args=[key_figure.pk])
    assert set(addresses) == set(EXPECTED), "a new page needs its expectations here"
    return addresses


def fetch(client, name, address):
    return client.post(address) if name in POSTED else client.get(address)


def test_anonymous_visitors_are_sent_to_log_in_everywhere(client, mosque_board, key_figure):
    for name, address in register_addresses(mosque_board, key_figure).items():
        response = fetch(client, name, address)
        assert response.status_code == 302, name
        assert "/account/login/" in response["Location"], name


def test_pending_members_see_that_they_wait_everywhere(
    client_as, visitors, mosque_board, key_figure
):
    client = client_as(visitors["pending member"])
    for name, address in register_addresses(mosque_board, key_figure).items():
        response = fetch(client, name, address)
        assert response.status_code == 403, name
        assert ORGANISATION_NAME not in response.content.decode(), name


@pytest.mark.parametrize("who", [OWN, OTHER, PARTNER, THEME, MODERATOR])
def test_each_visitor_gets_what_they_may_see_on_every_register_url(
    client, log_in, visitors, mosque_board, key_figure, who
):
    log_in(client, visitors[who])
    for name, address in register_addresses(mosque_board, key_figure).items():
        response = fetch(client, name, address)
        assert response.status_code == EXPECTED[name][who], (name, response.status_code)
        page = response.content.decode()
        if who in (OTHER, PARTNER, THEME):
            assert ORGANISATION_NAME not in page, name
        if not (who == OWN and name in SHOWS_DETAILS):
            assert KEY_FIGURE_NAME not in page, name
            assert KEY_FIGURE_EMAIL not in page, name


def test_a_member_for_a_partner_organisation_is_told_why_there_is_no_register(client_as, visitors):
    response = client_as(visitors[PARTNER]).get(reverse("partners_register"))

    assert response.status_code == 403
    assert "hoort niet bij een gemeente" in response.content.decode()


def test_a_member_cannot_open_another_municipalitys_register_by_its_code(
    client_as, other_member, municipality, mosque_board
):
    response = client_as(other_member).get(
        reverse("partners_register"), {"gemeente": municipality.code}
    )

    assert response.status_code == 404


def test_a_moderator_reads_a_chosen_register_with_key_figures_as_roles_only(
    client_as, moderator, municipality, mosque_board, key_figure
):
    client = client_as(moderator)
    chooser = client.get(reverse("partners_register")).content.decode()
    assert f"?gemeente={municipality.code}" in chooser

    page = client.get(reverse("partners_register"), {"gemeente": municipality.code})

    content = page.content.decode()
    assert ORGANISATION_NAME in content
    assert key_figure.role in content
    assert "met toestemming" in content
    assert KEY_FIGURE_NAME not in content
    assert "Toon gegevens" not in content  # the button is for the municipality only


def test_the_own_member_sees_the_details_only_after_asking(client_as, colleague, key_figure):
    client = client_as(colleague)
    detail = client.get(key_figure.organisation.get_absolute_url()).content.decode()
    assert key_figure.role in detail and "Toon gegevens" in detail
    assert KEY_FIGURE_NAME not in detail

    shown = client.post(reverse("partners_key_figure_details", args=[key_figure.pk]))

    assert KEY_FIGURE_NAME in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"


def test_a_moderator_who_opens_an_edit_page_is_told_the_register_is_read_only(
    client_as, moderator, mosque_board
):
    response = client_as(moderator).get(
        reverse("partners_organisation_edit", args=[mosque_board.pk])
    )

    assert response.status_code == 403
    assert "alleen geverifieerde leden van de gemeente" in response.content.decode()
