"""Register writes: consent before any personal detail, withdrawal erases at once, checks."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from exchange.partners import services
from exchange.partners.forms import KeyFigureForm
from exchange.partners.models import ConsentMethod, KeyFigure, KeyFigureLog, Organisation
from tests.practices.factories import make_practice

from .conftest import KEY_FIGURE_NAME, kind, make_key_figure, make_organisation

pytestmark = pytest.mark.django_db


def test_a_name_without_consent_is_refused_by_the_service(colleague, municipality):
    key_figure = KeyFigure(municipality=municipality, role="imam van de moskee", name="Ali B.")

    with pytest.raises(ValidationError, match="toestemming"):
        services.key_figure_save(user=colleague, key_figure=key_figure)

    assert not KeyFigure.objects.exists()


def test_contact_details_without_consent_are_refused_by_the_database(municipality):
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyFigure.objects.create(
            municipality=municipality,
            role="jongerenwerker",
            phone="06 12345678",
            last_checked_on=timezone.localdate(),
        )


def test_the_form_asks_how_consent_was_given_before_it_takes_a_name(municipality):
    form = KeyFigureForm(
        data={"role": "imam van de moskee", "name": "Ali B."},
        instance=KeyFigure(municipality=municipality),
        municipality=municipality,
    )

    assert not form.is_valid()
    assert "consent_method" in form.errors


def test_a_consent_recorded_in_the_same_save_keeps_who_when_and_how(colleague, municipality):
    key_figure = KeyFigure(municipality=municipality, role="imam van de moskee", name="Ali B.")

    services.key_figure_save(
        user=colleague,
        key_figure=key_figure,
        consent=services.Consent(method=ConsentMethod.ORAL, note="na het overleg van 3 maart"),
    )

    key_figure.refresh_from_db()
    assert key_figure.name == "Ali B."
    assert key_figure.consent_recorded_by == colleague
    assert key_figure.consent_method == ConsentMethod.ORAL
    assert key_figure.consent_given_at is not None
    assert KeyFigureLog.objects.get().action == KeyFigureLog.Action.RECORDED


def test_a_role_alone_needs_no_consent(colleague, municipality):
    key_figure = services.key_figure_save(
        user=colleague, key_figure=KeyFigure(municipality=municipality, role="wijkagent")
    )

    assert key_figure.pk and not key_figure.has_details
    assert not KeyFigureLog.objects.exists()


def test_withdrawing_consent_erases_name_and_contact_details_at_once(colleague, key_figure):
    services.key_figure_withdraw_consent(user=colleague, key_figure=key_figure)

    stored = KeyFigure.objects.get(pk=key_figure.pk)
    assert (stored.name, stored.email, stored.phone) == ("", "", "")
    assert stored.consent_withdrawn_at is not None
    assert stored.role == key_figure.role  # the role stays in the network
    entry = KeyFigureLog.objects.get()
    assert entry.action == KeyFigureLog.Action.WITHDRAWN and entry.actor == colleague
    # Recording details again needs a new consent.
    stored.name = KEY_FIGURE_NAME
    with pytest.raises(ValidationError):
        services.key_figure_save(user=colleague, key_figure=stored)


def test_only_the_municipality_changes_its_register(
    other_member, moderator, key_figure, mosque_board
):
    for user in (other_member, moderator):
        with pytest.raises(PermissionDenied):
            services.key_figure_withdraw_consent(user=user, key_figure=key_figure)
        with pytest.raises(PermissionDenied):
            services.organisation_mark_checked(user=user, organisation=mosque_board)
    assert KeyFigure.objects.get(pk=key_figure.pk).name


def test_a_moderator_may_not_see_a_key_figures_details(moderator, key_figure):
    with pytest.raises(PermissionDenied, match="eigen gemeente"):
        services.key_figure_show_details(user=moderator, key_figure=key_figure)
    assert not KeyFigureLog.objects.exists()


def test_marking_an_organisation_checked_marks_its_key_figures_too(
    colleague, municipality, mosque_board, long_ago
):
    Organisation.objects.filter(pk=mosque_board.pk).update(last_checked_on=long_ago)
    figure = make_key_figure(municipality, organisation=mosque_board, last_checked_on=long_ago)

    services.organisation_mark_checked(user=colleague, organisation=mosque_board)

    assert Organisation.objects.get(pk=mosque_board.pk).last_checked_on == timezone.localdate()
    assert KeyFigure.objects.get(pk=figure.pk).last_checked_on == timezone.localdate()


def test_a_participation_links_to_the_practice_partner_of_the_same_kind(colleague, municipality):
    practice = make_practice(municipality=municipality, partners=2)
    school = make_organisation(municipality, name="School 1", kind_slug="school")

    services.organisation_save(user=colleague, organisation=school, practices=[practice])

    participation = school.participations.get()
    assert participation.partner.name == "School 1"  # the same name wins over the first row


def test_an_organisation_from_another_register_cannot_carry_a_key_figure(
    colleague, municipality, other_municipality
):
    elsewhere = make_organisation(other_municipality, kind_slug="police")
    key_figure = KeyFigure(municipality=municipality, organisation=elsewhere, role="wijkagent")

    with pytest.raises(ValidationError):
        services.key_figure_save(user=colleague, key_figure=key_figure)


def test_a_new_organisation_counts_as_checked_today(colleague, municipality):
    organisation = Organisation(
        municipality=municipality, name="Buurthuis", kind=kind("welfare"), cooperation="ad_hoc"
    )

    services.organisation_save(user=colleague, organisation=organisation)

    assert organisation.last_checked_on == timezone.localdate()
    assert organisation.created_by == colleague


def test_a_confirmed_personal_data_warning_is_logged_for_moderators(colleague, municipality):
    from wagtail.models import ModelLogEntry

    from exchange.core.privacy_check import OVERRIDE_ACTION, Finding

    organisation = Organisation(
        municipality=municipality,
        name="Buurthuis",
        kind=kind("welfare"),
        cooperation="ad_hoc",
        contact_role="mevrouw de Wit-functie",
    )

    services.organisation_save(
        user=colleague,
        organisation=organisation,
        privacy_override=[Finding(kind="name", fragment="mevrouw de Wit", start=0, end=14)],
    )

    entry = ModelLogEntry.objects.get(action=OVERRIDE_ACTION)
    assert entry.user == colleague and entry.data == {"kinds": ["name"]}
