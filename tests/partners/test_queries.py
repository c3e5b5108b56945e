"""Every list and detail page of the register costs the same number of queries with one entry
or many."""

import pytest
from django.urls import reverse

from exchange.partners.models import KeyFigureLog
from tests.factories import MemberFactory, MunicipalityFactory

from .conftest import make_key_figure, make_organisation

pytestmark = pytest.mark.django_db


def count_queries(client, address, django_assert_max_num_queries, method="get"):
    getattr(client, method)(address)  # warm caches (site, settings) the first request fills
    with django_assert_max_num_queries(100) as counted:
        assert getattr(client, method)(address).status_code == 200
    return len(counted.captured_queries)


def grow_register(municipality, themes, n=5):
    for index in range(n):
        organisation = make_organisation(
            municipality, kind_slug="police", themes=themes, shareable=True
        )
        make_key_figure(municipality, organisation=organisation, role=f"wijkagent {index}")
        make_key_figure(municipality, role=f"sleutelfiguur {index}", consent=True, name="X")


@pytest.mark.parametrize(
    "address",
    [
        reverse("partners_register"),
        reverse("partners_register") + "?soort=police&thema=polarisatie",
        reverse("partners_overview"),
        reverse("partners_who_works_with") + "?soort=police",
        reverse("partners_who_works_with") + "?thema=polarisatie",
    ],
)
def test_register_lists_cost_a_fixed_number_of_queries(
    client_as,
    colleague,
    municipality,
    polarisation,
    mosque_board,
    key_figure,
    address,
    django_assert_max_num_queries,
):
    client = client_as(colleague)
    make_organisation(municipality, kind_slug="police", themes=[polarisation], shareable=True)
    one = count_queries(client, address, django_assert_max_num_queries)
    grow_register(municipality, [polarisation])
    for _index in range(4):
        elsewhere = MunicipalityFactory()
        MemberFactory(profile__municipality=elsewhere, profile__open_to_contact=True)
        grow_register(elsewhere, [polarisation], n=2)
    many = count_queries(client, address, django_assert_max_num_queries)
    assert many == one


def test_an_entry_costs_a_fixed_number_of_queries(
    client_as, colleague, municipality, mosque_board, key_figure, django_assert_max_num_queries
):
    client = client_as(colleague)
    address = mosque_board.get_absolute_url()
    one = count_queries(client, address, django_assert_max_num_queries)
    for index in range(5):
        make_key_figure(municipality, organisation=mosque_board, role=f"bestuurslid {index}")
    many = count_queries(client, address, django_assert_max_num_queries)
    assert many == one


def test_the_moderators_pages_cost_a_fixed_number_of_queries(
    client_as,
    moderator,
    municipality,
    polarisation,
    mosque_board,
    key_figure,
    django_assert_max_num_queries,
):
    client = client_as(moderator)
    addresses = [
        reverse("partners_register"),
        reverse("partners_register") + f"?gemeente={municipality.code}",
        reverse("partners_audit_log"),
    ]
    KeyFigureLog.objects.create(
        role="imam", municipality=municipality, action="viewed", actor=moderator
    )
    one = [count_queries(client, a, django_assert_max_num_queries) for a in addresses]
    grow_register(municipality, [polarisation])
    for _index in range(5):
        elsewhere = MunicipalityFactory()
        make_organisation(elsewhere)
        KeyFigureLog.objects.create(
            role="imam", municipality=elsewhere, action="viewed", actor=MemberFactory()
        )
    many = [count_queries(client, a, django_assert_max_num_queries) for a in addresses]
    assert many == one


def test_showing_a_key_figures_details_costs_a_fixed_number_of_queries(
    client_as, colleague, key_figure, django_assert_max_num_queries
):
    client = client_as(colleague)
    address = reverse("partners_key_figure_details", args=[key_figure.pk])
    one = count_queries(client, address, django_assert_max_num_queries, method="post")
    for _index in range(5):
        client.post(address)
    assert count_queries(client, address, django_assert_max_num_queries, method="post") == one
