"""The members' directory and municipality pages: filters, access, fixed query counts."""

import pytest
from django.urls import reverse

from exchange.themes.models import Theme
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(municipality, other_municipality):
    youth = Theme.objects.get(slug="jongeren")
    education = Theme.objects.get(slug="onderwijs")
    tilburg = MunicipalityFactory(code="GM0855", name="Tilburg", province="Noord-Brabant")
    return {
        "utrecht_youth": MemberFactory(
            first_name="Anna", profile__municipality=municipality, profile__expertise_themes=[youth]
        ),
        "zwolle_education": MemberFactory(
            first_name="Bert",
            profile__municipality=other_municipality,
            profile__expertise_themes=[education],
        ),
        "tilburg_both": MemberFactory(
            first_name="Cees",
            profile__municipality=tilburg,
            profile__expertise_themes=[youth, education],
        ),
        "pending": MemberFactory(first_name="Dirk", profile__status="pending"),
    }


def names(response):
    return {p.user.first_name for p in response.context["page"].object_list}


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("member_directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_pending_member_is_told_to_wait(client_as, pending_member):
    response = client_as(pending_member).get(reverse("member_directory"))
    assert response.status_code == 403


def test_directory_lists_only_verified_members(client_as, member, network):
    response = client_as(member).get(reverse("member_directory"))
    assert "Dirk" not in names(response)
    assert {"Anna", "Bert", "Cees"} <= names(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"gemeente": "GM0344"}, {"Anna"}),
        ({"provincie": "Noord-Brabant"}, {"Cees"}),
        ({"thema": "onderwijs"}, {"Bert", "Cees"}),
        ({"thema": "jongeren", "provincie": "Utrecht"}, {"Anna"}),
    ],
)
def test_directory_filters(client_as, network, query, expected):
    viewer = network["utrecht_youth"]
    response = client_as(viewer).get(reverse("member_directory"), query)
    assert names(response) == expected


def test_unknown_filter_value_shows_everyone_with_the_error(client_as, network):
    response = client_as(network["utrecht_youth"]).get(
        reverse("member_directory"), {"provincie": "Atlantis"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def _make_members(count, municipality):
    themes = list(Theme.objects.all()[:3])
    for _ in range(count):
        MemberFactory(profile__municipality=municipality, profile__expertise_themes=themes)


@pytest.mark.parametrize("count", [5, 50])
def test_directory_query_count_is_fixed(
    client_as, member, municipality, count, django_assert_max_num_queries
):
    _make_members(count, municipality)
    client = client_as(member)
    # Session, user, user session, groups, profile, filter choices (2), count, rows, themes.
    with django_assert_max_num_queries(16):
        response = client.get(reverse("member_directory"))
    assert len(response.context["page"].object_list) == min(count + 1, 25)


@pytest.mark.parametrize("count", [5, 50])
def test_municipality_page_query_count_is_fixed(
    client_as, member, municipality, count, django_assert_max_num_queries
):
    _make_members(count, municipality)
    client = client_as(member)
    # Also the municipality's practices (one query, the total as a window count), its questions
    # (with their themes), whether the viewer follows it, and its upcoming meetings (with
    # their themes).
    with django_assert_max_num_queries(20):
        response = client.get(municipality.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["members"]) == count + 1


@pytest.mark.parametrize("count", [5, 50])
def test_municipality_list_query_count_is_fixed(client, count, django_assert_max_num_queries):
    for _ in range(count):
        MunicipalityFactory()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("municipality_list"))
    assert response.context["total"] == count


def test_municipality_page_hides_members_from_anonymous(client, member, municipality):
    response = client.get(municipality.get_absolute_url())
    assert response.status_code == 200
    assert member.email not in response.content.decode()
    assert response.context["members"] is None


def test_profile_edit_saves_expertise(client_as, member):
    client = client_as(member)
    theme = Theme.objects.get(slug="casusoverleg")
    response = client.post(
        reverse("profile_edit"),
        {
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "job_title": "Coördinator",
            "organisation": "",
            "bio": "Ik werk aan de persoonsgerichte aanpak.",
            "expertise_themes": [theme.pk],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.first_name == "Fatima"
    assert list(member.profile.expertise_themes.all()) == [theme]


def test_profile_edit_rejects_bad_input_and_saves_nothing(client_as, member):
    client = client_as(member)
    before = member.profile.job_title
    response = client.post(
        reverse("profile_edit"),
        {
            "first_name": "",
            "last_name": "X",
            "job_title": "y" * 500,
            "expertise_themes": ["999999"],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    member.profile.refresh_from_db()
    assert member.profile.job_title == before
