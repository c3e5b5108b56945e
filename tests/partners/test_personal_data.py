"""The register's part in members' data rights: export, anonymisation."""

import pytest
from django.urls import reverse

from exchange.accounts.services import member_anonymise
from exchange.core import personal_data
from exchange.partners.models import KeyFigure, KeyFigureLog, Organisation

pytestmark = pytest.mark.django_db


def test_the_export_lists_which_key_figures_details_the_member_saw(
    client_as, colleague, key_figure
):
    client = client_as(colleague)
    client.post(reverse("partners_key_figure_details", args=[key_figure.pk]))

    exported = personal_data.export(user=colleague).as_json()

    assert exported["network_key_figure_log"][0]["role"] == key_figure.role
    assert exported["network_key_figure_log"][0]["action"] == "viewed"


def test_anonymising_a_member_unlinks_them_from_entries_and_keeps_the_audit(
    client_as, colleague, municipality, key_figure
):
    organisation = key_figure.organisation
    Organisation.objects.filter(pk=organisation.pk).update(
        created_by=colleague, updated_by=colleague
    )
    KeyFigure.objects.filter(pk=key_figure.pk).update(created_by=colleague)
    client_as(colleague).post(reverse("partners_key_figure_details", args=[key_figure.pk]))

    member_anonymise(user=colleague, actor=None, reason="account_deleted")

    organisation.refresh_from_db()
    assert organisation.created_by is None and organisation.updated_by is None
    assert KeyFigure.objects.get(pk=key_figure.pk).created_by is None
    assert KeyFigureLog.objects.get().actor_id == colleague.pk  # an anonymised account
