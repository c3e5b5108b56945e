"""Views of key figures' details are logged for moderators; retention erases what is due."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from exchange.accounts.retention import retention_apply, retention_plan
from exchange.partners.models import KeyFigure, KeyFigureLog

from .conftest import KEY_FIGURE_NAME, make_key_figure

pytestmark = pytest.mark.django_db


def test_viewing_a_key_figures_details_is_logged_and_a_moderator_can_list_it(
    client, log_in, colleague, moderator, key_figure, municipality
):
    log_in(client, colleague)
    client.post(reverse("partners_key_figure_details", args=[key_figure.pk]))
    entry = KeyFigureLog.objects.get()
    assert (entry.actor, entry.key_figure, entry.action) == (
        colleague,
        key_figure,
        KeyFigureLog.Action.VIEWED,
    )

    client.logout()
    log_in(client, moderator)
    page = client.get(reverse("partners_audit_log")).content.decode()

    assert escape(colleague.get_full_name()) in page  # as rendered: van 't Hof → van &#x27;t Hof
    assert key_figure.role in page
    assert "gegevens bekeken" in page
    assert KEY_FIGURE_NAME not in page  # the log never holds the details themselves
    filtered = client.get(reverse("partners_audit_log"), {"gemeente": municipality.code})
    assert key_figure.role in filtered.content.decode()


def test_opening_the_edit_form_of_a_key_figure_with_details_is_a_logged_view(
    client_as, colleague, key_figure
):
    client_as(colleague).get(reverse("partners_key_figure_edit", args=[key_figure.pk]))

    assert KeyFigureLog.objects.filter(action=KeyFigureLog.Action.VIEWED).count() == 1


def test_apply_retention_erases_details_of_key_figures_left_unchecked(
    municipality, key_figure, long_ago
):
    KeyFigure.objects.filter(pk=key_figure.pk).update(last_checked_on=long_ago)
    recent = make_key_figure(
        municipality, role="predikant", consent=True, name="Jan Recent", email="jan@kerk.nl"
    )
    old_log = KeyFigureLog.objects.create(
        role="oud", municipality=municipality, action=KeyFigureLog.Action.VIEWED
    )
    KeyFigureLog.objects.filter(pk=old_log.pk).update(
        at=timezone.now() - datetime.timedelta(days=800)
    )

    counts = retention_plan().counts()
    assert counts["partners_key_figures"] == 1
    assert counts["partners_key_figure_log"] == 1
    done = retention_apply()

    assert done["partners_key_figures"] == 1
    erased = KeyFigure.objects.get(pk=key_figure.pk)
    assert (erased.name, erased.email, erased.phone) == ("", "", "")
    assert erased.consent_given_at is None  # new details need a new consent
    assert erased.role == key_figure.role
    assert KeyFigure.objects.get(pk=recent.pk).name == "Jan Recent"
    assert not KeyFigureLog.objects.filter(pk=old_log.pk).exists()
    assert KeyFigureLog.objects.filter(action=KeyFigureLog.Action.ERASED).count() == 1


def test_the_retention_command_reports_the_key_figures(key_figure, long_ago, capsys):
    KeyFigure.objects.filter(pk=key_figure.pk).update(last_checked_on=long_ago)

    call_command("apply_retention", "--dry-run")
    assert "Zou naam en contactgegevens van 1 sleutelfiguren wissen" in capsys.readouterr().out
    assert KeyFigure.objects.get(pk=key_figure.pk).name == KEY_FIGURE_NAME

    call_command("apply_retention")
    assert "Gegevens van sleutelfiguren gewist: 1" in capsys.readouterr().out
    assert KeyFigure.objects.get(pk=key_figure.pk).name == ""
