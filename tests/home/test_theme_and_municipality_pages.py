"""Theme and municipality pages show the practices the visitor may see as well as the
questions, link to the catalogue filtered on the same theme or municipality, and cost a fixed
number of queries whatever their size."""

import pytest

from exchange.themes.models import Theme
from tests.factories import MemberFactory
from tests.meetings.factories import make_meeting
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db

# With a warm session and Wagtail's cached site paths: session, user and groups (3); the theme
# with its parent or the municipality (1); the visitor's profile and municipality (2); the
# practices section, cards with their municipality and the total as a window count (1), and
# the site paths from the cache for their links (2); the questions section: follow state,
# cards, their themes (3); the unread-notifications badge (1); sub-themes, or on a municipality
# page its members, their expertise and its e-mail domains.
MAX_PAGE_QUERIES = 17  # 15, and two for the upcoming meetings


@pytest.fixture
def practices(municipality, other_municipality):
    """One practice of each visibility in Utrecht, and one restricted to Zwolle only."""
    return {
        "public": make_practice(title="Openbare aanpak", municipality=municipality),
        "members": make_practice(
            title="Aanpak voor leden", municipality=municipality, visibility="members"
        ),
        "restricted": make_practice(
            title="Beperkte aanpak", municipality=municipality, visibility="restricted"
        ),
        "elsewhere": make_practice(
            title="Zwolse aanpak", municipality=other_municipality, visibility="restricted"
        ),
        "draft": make_practice(title="Nog een concept", municipality=municipality, live=False),
    }


def shown_titles(response) -> set[str]:
    return {practice.title for practice in response.context["practices"]["items"]}


def test_anonymous_visitors_see_only_public_practices_on_a_municipality_page(
    client, municipality, practices
):
    response = client.get(municipality.get_absolute_url())

    assert shown_titles(response) == {"Openbare aanpak"}
    assert response.context["practices"]["count"] == 1
    assert "Aanpak voor leden" not in response.content.decode()


def test_a_member_of_another_municipality_does_not_see_restricted_practices(
    client_as, other_member, municipality, practices
):
    response = client_as(other_member).get(municipality.get_absolute_url())

    assert shown_titles(response) == {"Openbare aanpak", "Aanpak voor leden"}
    assert "Beperkte aanpak" not in response.content.decode()


def test_a_member_of_the_municipality_sees_its_restricted_practices_but_no_drafts(
    client_as, member, municipality, practices
):
    response = client_as(member).get(municipality.get_absolute_url())

    assert shown_titles(response) == {"Openbare aanpak", "Aanpak voor leden", "Beperkte aanpak"}
    assert response.context["practices"]["count"] == 3
    assert "Nog een concept" not in response.content.decode()


def test_the_municipality_page_links_to_the_catalogue_filtered_on_it(
    client, municipality, practices
):
    html = client.get(municipality.get_absolute_url()).content.decode()

    assert f'href="/praktijken/?gemeente={municipality.code}"' in html
    assert "Bekijk de 1 praktijk in de catalogus" in html


def test_the_theme_page_lists_visible_practices_with_a_link_to_the_catalogue(
    client, client_as, member, practices
):
    anonymous = client.get("/thema/jongeren/")
    assert shown_titles(anonymous) == {"Openbare aanpak"}
    assert 'href="/praktijken/?thema=jongeren"' in anonymous.content.decode()

    as_member = client_as(member).get("/thema/jongeren/")
    assert shown_titles(as_member) == {"Openbare aanpak", "Aanpak voor leden", "Beperkte aanpak"}


def test_the_theme_page_counts_as_the_catalogue_filter_does(client, practices):
    catalogue = client.get("/praktijken/?thema=jongeren")
    theme_page = client.get("/thema/jongeren/")

    assert theme_page.context["practices"]["count"] == catalogue.context["results"].paginator.count


def test_the_theme_page_has_a_breadcrumb_up_to_the_theme_list(client, db):
    parent = Theme.objects.get(slug="jongeren")
    child = Theme.objects.create(name="Jongerenwerk op school", slug="jongerenwerk", parent=parent)

    html = client.get(child.get_absolute_url()).content.decode()

    nav = html[html.index('<nav class="utrecht-breadcrumb-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Kruimelpad"' in nav
    assert 'href="/thema/"' in nav
    assert f'href="{parent.get_absolute_url()}"' in nav
    assert '<span aria-current="page">Jongerenwerk op school</span>' in nav


def test_a_verified_member_sees_share_link_on_their_own_municipality_page_only(
    client, client_as, member, municipality, other_municipality
):
    share = 'href="/praktijken/delen/"'
    own = client_as(member).get(municipality.get_absolute_url()).content.decode()
    other = client_as(member).get(other_municipality.get_absolute_url()).content.decode()

    assert share in own and "Deel een praktijk" in own
    assert share not in other


def test_anonymous_and_pending_visitors_are_not_offered_sharing(
    client, client_as, municipality, db
):
    pending = MemberFactory(profile__status="pending", profile__municipality=municipality)
    share = 'href="/praktijken/delen/"'

    assert share not in client.get(municipality.get_absolute_url()).content.decode()
    assert share not in client_as(pending).get(municipality.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", [3, 40])
def test_theme_and_municipality_pages_run_a_fixed_number_of_queries(
    client_as, member, municipality, other_municipality, size, django_assert_max_num_queries
):
    for i in range(size):
        make_practice(
            municipality=municipality if i % 2 else other_municipality,
            visibility=("public", "members", "restricted")[i % 3],
            themes=("jongeren", "polarisatie"),
        )
        make_question(
            author=member,
            visibility=("public", "members", "restricted")[i % 3],
            themes=("jongeren",),
        )
        if i < 8:
            make_meeting(
                member,
                title=f"Bijeenkomst {i}",
                themes=list(Theme.objects.filter(slug="jongeren")),
                visibility=("public", "members", "restricted")[i % 3],
            )
    client = client_as(member)
    client.get("/")  # the session's first request records it; Wagtail caches its site paths
    for path in ("/thema/jongeren/", municipality.get_absolute_url()):
        with django_assert_max_num_queries(MAX_PAGE_QUERIES):
            response = client.get(path)
        assert response.status_code == 200
        section = response.context["practices"]
        assert section["count"] > 0
        assert len(section["items"]) == min(5, section["count"])
        assert len(response.context["meetings"]) == min(5, size)


def test_the_accessibility_statement_gives_the_contact_address_it_promises(client, settings):
    settings.ACCESSIBILITY_CONTACT = "digitoegankelijk@voorbeeld.nl"

    html = client.get("/toegankelijkheid/").content.decode()

    assert "onderaan deze pagina" in html
    assert 'href="mailto:digitoegankelijk@voorbeeld.nl"' in html
    # At the bottom: after the paragraph that promises it.
    assert html.index("onderaan deze pagina") < html.index("mailto:digitoegankelijk@voorbeeld.nl")


def test_the_accessibility_contact_has_a_default(client):
    from django.conf import settings

    assert settings.ACCESSIBILITY_CONTACT
    assert (
        f"mailto:{settings.ACCESSIBILITY_CONTACT}"
        in client.get("/toegankelijkheid/").content.decode()
    )
