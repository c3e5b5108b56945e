"""The register's pages as a member of the municipality uses them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.partners.models import KeyFigure, KeyFigureLog, Organisation
from exchange.themes.models import OrganisationKind

from .conftest import KEY_FIGURE_NAME, ORGANISATION_NAME, make_organisation

pytestmark = pytest.mark.django_db


def test_a_member_adds_an_organisation_and_finds_it_in_the_register(
    client_as, colleague, polarisation
):
    client = client_as(colleague)
    response = client.post(
        reverse("partners_organisation_create"),
        {
            "name": "Buurthuis De Brug",
            "kind": OrganisationKind.objects.get(slug="welfare").pk,
            "themes": [polarisation.pk],
            "cooperation": "regular",
            "contact_role": "coördinator",
        },
    )

    organisation = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert organisation.municipality == colleague.profile.municipality
    assert organisation.last_checked_on == timezone.localdate()
    register = client.get(reverse("partners_register")).content.decode()
    assert "Buurthuis De Brug" in register


def test_a_missing_field_is_named_in_the_error_summary_and_nothing_is_saved(client_as, colleague):
    response = client_as(colleague).post(reverse("partners_organisation_create"), {"name": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in page and 'href="#id_name"' in page
    assert not Organisation.objects.exists()


def test_the_register_filters_by_kind_and_theme(client_as, colleague, municipality, mosque_board):
    make_organisation(municipality, name="Basisteam Oost", kind_slug="police")
    client = client_as(colleague)

    police = client.get(reverse("partners_register"), {"soort": "police"}).content.decode()
    theme = client.get(reverse("partners_register"), {"thema": "polarisatie"}).content.decode()

    assert "Basisteam Oost" in police and ORGANISATION_NAME not in police
    assert ORGANISATION_NAME in theme and "Basisteam Oost" not in theme


def test_entries_unchecked_for_a_year_are_listed_to_check(
    client_as, colleague, mosque_board, long_ago
):
    Organisation.objects.filter(pk=mosque_board.pk).update(last_checked_on=long_ago)
    client = client_as(colleague)
    page = client.get(reverse("partners_register")).content.decode()
    assert "Te controleren" in page

    client.post(
        reverse("partners_organisation_checked", args=[mosque_board.pk]), {"terug": "register"}
    )

    assert "Te controleren" not in client.get(reverse("partners_register")).content.decode()


def test_a_name_is_refused_on_the_form_without_a_consent_and_taken_with_one(
    client_as, colleague, mosque_board
):
    client = client_as(colleague)
    data = {"organisation": mosque_board.pk, "role": "imam", "name": "Yusuf K."}

    refused = client.post(reverse("partners_key_figure_create"), data)
    assert refused.status_code == 400
    assert "alleen op met toestemming" in refused.content.decode()
    assert not KeyFigure.objects.exists()

    client.post(reverse("partners_key_figure_create"), {**data, "consent_method": "written"})
    key_figure = KeyFigure.objects.get()
    assert key_figure.name == "Yusuf K." and key_figure.consent_recorded_by == colleague


def test_withdrawing_on_the_page_erases_the_details(client_as, colleague, key_figure):
    client = client_as(colleague)
    address = reverse("partners_key_figure_withdraw", args=[key_figure.pk])
    assert "direct gewist" in client.get(address).content.decode()

    client.post(address)

    assert KeyFigure.objects.get(pk=key_figure.pk).name == ""
    shown = client.post(reverse("partners_key_figure_details", args=[key_figure.pk]))
    assert KEY_FIGURE_NAME not in shown.content.decode()
    assert KeyFigureLog.objects.filter(action="withdrawn").count() == 1


def test_deleting_an_organisation_takes_its_key_figures(client_as, colleague, key_figure):
    organisation = key_figure.organisation
    client_as(colleague).post(reverse("partners_organisation_delete", args=[organisation.pk]))

    assert not Organisation.objects.exists() and not KeyFigure.objects.exists()
    assert KeyFigureLog.objects.get().action == KeyFigureLog.Action.ERASED


def test_a_name_in_the_role_is_caught_by_the_personal_data_check(client_as, colleague):
    client = client_as(colleague)
    data = {"role": "imam, meneer Yusuf Karaca", "consent_method": ""}

    response = client.post(reverse("partners_key_figure_create"), data)

    assert response.status_code == 400
    assert "persoonsgegevens" in response.content.decode()
    assert not KeyFigure.objects.exists()


def test_the_entry_lists_the_published_practices_it_took_part_in(
    client_as, colleague, municipality, mosque_board
):
    from exchange.partners.models import PracticeParticipation
    from tests.practices.factories import make_practice

    shown = make_practice(title="Gesprekstafels met de moskee", municipality=municipality)
    withdrawn = make_practice(title="Ingetrokken aanpak", municipality=municipality, live=False)
    for practice in (shown, withdrawn):
        PracticeParticipation.objects.create(organisation=mosque_board, practice=practice)

    page = client_as(colleague).get(mosque_board.get_absolute_url()).content.decode()

    assert "Gesprekstafels met de moskee" in page
    assert "Ingetrokken aanpak" not in page
