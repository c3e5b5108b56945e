"""A practice's partner links to its register entry only for who may see that entry; the
small read functions other pages use."""

import datetime

import pytest
from django.utils import timezone

from exchange.partners import selectors, services
from exchange.partners.demo import demo_registers_seed
from exchange.partners.models import KeyFigure, Organisation
from practices.partner_links import partner_entry_urls
from tests.factories import MunicipalityFactory
from tests.practices.factories import make_practice

from .conftest import make_key_figure, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice_with_school(colleague, municipality):
    practice = make_practice(municipality=municipality, partners=3)
    school = make_organisation(municipality, name="School 2", kind_slug="school")
    services.organisation_save(user=colleague, organisation=school, practices=[practice])
    return practice, school


def test_a_partner_links_to_the_entry_for_the_municipality_and_moderators_only(
    practice_with_school, colleague, other_member, moderator, visitors
):
    practice, school = practice_with_school
    partners = list(practice.partners.all())
    linked = next(p for p in partners if p.name == "School 2")

    assert partner_entry_urls(colleague, partners) == {linked.pk: school.get_absolute_url()}
    assert partner_entry_urls(moderator, partners) == {linked.pk: school.get_absolute_url()}
    for who in ("anonymous", "member of another municipality", "theme moderator"):
        user = visitors[who]
        if user is None:
            from django.contrib.auth.models import AnonymousUser

            user = AnonymousUser()
        assert partner_entry_urls(user, partners) == {}, who


def test_the_links_cost_one_query_whatever_the_number_of_partners(
    practice_with_school, colleague, django_assert_num_queries
):
    practice, _school = practice_with_school
    partners = list(practice.partners.all())
    colleague.profile  # noqa: B018 - the viewer is cached per request, as in a page
    partner_entry_urls(colleague, partners[:1])
    with django_assert_num_queries(1):
        partner_entry_urls(colleague, partners)


def test_a_link_survives_the_practices_partners_being_saved_again(practice_with_school, colleague):
    practice, school = practice_with_school
    school.participations.update(partner=None)  # as when the partner rows were replaced
    partners = list(practice.partners.all())

    urls = partner_entry_urls(colleague, partners)

    assert list(urls.values()) == [school.get_absolute_url()]


def test_entries_due_for_check_counts_per_municipality(
    municipality, other_municipality, mosque_board, long_ago
):
    Organisation.objects.filter(pk=mosque_board.pk).update(last_checked_on=long_ago)
    make_key_figure(municipality, last_checked_on=long_ago)
    make_key_figure(municipality)  # checked today
    make_organisation(other_municipality, last_checked_on=long_ago)
    make_organisation(other_municipality)

    due = selectors.entries_due_for_check(today=timezone.localdate())

    assert due == {municipality.pk: 2, other_municipality.pk: 1}
    a_year_on = long_ago + datetime.timedelta(days=365)  # checked exactly a year ago: not yet
    assert selectors.entries_due_for_check(today=a_year_on) == {}


def test_register_counts_only_for_who_may_see_the_register(
    colleague, other_member, moderator, municipality, mosque_board, key_figure
):
    make_organisation(municipality, kind_slug="police")

    counts = selectors.register_counts_for(municipality.pk, user=colleague)

    assert counts == selectors.RegisterCounts(
        organisations=2, shareable=1, key_figures=1, due_for_check=0
    )
    assert selectors.register_counts_for(municipality.pk, user=moderator) == counts
    assert selectors.register_counts_for(municipality.pk, user=other_member) is None


def test_demo_registers_fill_a_dozen_municipalities_once(polarisation, radicalisation):
    import random

    places = [MunicipalityFactory() for _ in range(12)]
    practice = make_practice(municipality=places[0], partners=1)

    added = demo_registers_seed(
        municipalities=places,
        themes=[polarisation, radicalisation],
        practices=[practice],
        rng=random.Random(3),
    )

    assert added == Organisation.objects.count() >= 12 * 6
    assert set(Organisation.objects.values_list("municipality", flat=True)) == {
        p.pk for p in places
    }
    assert not KeyFigure.objects.exclude(name="").exists()  # roles only: nobody's consent
    assert Organisation.objects.filter(shareable=True).exists()
    again = demo_registers_seed(
        municipalities=places, themes=[polarisation], practices=[], rng=random.Random(3)
    )
    assert again == 0
