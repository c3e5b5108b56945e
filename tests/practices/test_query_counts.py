"""Catalogue and practice pages run a fixed number of SQL queries, whatever the size."""

import pytest

from tests.practices.factories import make_document, make_practice

pytestmark = pytest.mark.django_db

THEMES = ("jongeren", "onderwijs", "polarisatie")
WARM_MEMBER_CATALOGUE = 20
WARM_ANONYMOUS_CATALOGUE = 13


def _visible_to_utrecht(practice):
    return practice.visibility != "restricted" or practice.municipality.code == "GM0344"


@pytest.fixture
def many_practices(request, municipality, other_municipality):
    documents = [make_document(title=f"Bijlage {i}") for i in range(2)]
    count = request.param
    practices = [
        make_practice(
            municipality=municipality if i % 2 else other_municipality,
            visibility=("public", "members", "restricted")[i % 3],
            themes=THEMES,
            target_groups=("jongeren", "docenten", f"groep {i % 7}"),
            partners=3,
            attachments=[(documents[0], ""), (documents[1], "members")],
        )
        for i in range(count)
    ]
    return practices


@pytest.mark.parametrize("many_practices", [5, 100], indirect=True)
def test_catalogue_query_count(client_as, member, many_practices, django_assert_max_num_queries):
    client = client_as(member)
    url = "/praktijken/?thema=jongeren&provincie=Utrecht&provincie=Overijssel"
    # Session and user, the page tree, the visitor's profile, the old theme slugs among the
    # filter's, the results with their themes, one counting query per facet (7), and the
    # facet cache's lookups and writes (practices.FACET_CACHE keeps each facet on its own; the
    # database cache here writes each in three or four queries, Redis in one pipeline).
    with django_assert_max_num_queries(74):
        response = client.get(url)
    assert response.status_code == 200
    # The next visit reads the counts from the cache.
    with django_assert_max_num_queries(WARM_MEMBER_CATALOGUE):
        response = client.get(url)
    assert response.status_code == 200
    visible = [p for p in many_practices if _visible_to_utrecht(p)]
    assert len(response.context["results"].object_list) == min(len(visible), 20)


@pytest.mark.parametrize("many_practices", [5, 100], indirect=True)
def test_practice_page_query_count(
    client_as, member, many_practices, django_assert_max_num_queries
):
    client = client_as(member)
    practice = many_practices[-1]
    # One more than before the network register: which partners link to an entry (one query
    # whatever the number of partners, practices/partner_links.py).
    with django_assert_max_num_queries(39):
        response = client.get(practice.url)
    assert response.status_code == 200
    assert len(response.context["partners"]) == 3
    visible = [p for p in many_practices if _visible_to_utrecht(p)]
    assert len(response.context["related"]) == min(4, len(visible) - 1)


@pytest.mark.parametrize("many_practices", [5, 100], indirect=True)
def test_anonymous_catalogue_query_count(client, many_practices, django_assert_max_num_queries):
    # A first visit counts and keeps each facet (see test_catalogue_query_count).
    with django_assert_max_num_queries(61):
        response = client.get("/praktijken/")
    assert response.status_code == 200
    with django_assert_max_num_queries(WARM_ANONYMOUS_CATALOGUE):
        response = client.get("/praktijken/")
    assert response.status_code == 200
