"""GET /api/v1/search and /zoeken/: bad input gets a clear 400 or a normal answer, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.visibility import viewer_for
from search.engines.database import DatabaseEngine
from search.params import SearchParams
from search.sync import sync_item

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NASTY = st.one_of(
    st.text(max_size=200),
    st.sampled_from(['"', "AND OR NOT", "(((", "title:x*", "\x00\x1f", "😀" * 50, "x" * 10_000]),
)


@pytest.mark.django_db
@FUZZ
@given(q=NASTY)
def test_any_query_text_gets_a_normal_answer(client, q):
    response = client.get("/api/v1/search", {"q": q})
    assert response.status_code == 200
    assert set(response.json()) == {"count", "page", "results", "facets", "suggestion"}


# The API's parameter and the page's (Dutch) name for it.
PARAMETERS = {
    "page": "pagina",
    "page_size": "page_size",
    "year": "jaar",
    "kind": "soort",
    "municipality": "gemeente",
    "sort": "sorteer",
    "theme": "thema",
}


@pytest.mark.django_db
@FUZZ
@given(name=st.sampled_from(sorted(PARAMETERS)), value=st.text(max_size=30))
def test_any_parameter_gets_an_answer_or_a_clear_400(client, name, value):
    for url, parameter in (("/api/v1/search", name), ("/zoeken/", PARAMETERS[name])):
        response = client.get(url, {parameter: value})
        assert response.status_code in {200, 400}


@pytest.mark.django_db
def test_page_size_over_50_is_refused_in_dutch(client):
    response = client.get("/api/v1/search", {"page_size": 51})
    assert response.status_code == 400
    assert "page_size" in response.json()["detail"]


@pytest.mark.django_db
def test_a_page_past_the_ten_thousandth_result_is_refused_in_dutch(client):
    """OpenSearch gives no result past the 10,000th: such a page is a clear 400 on either
    engine, not an engine error answered by the database as if the engine were down."""
    assert client.get("/api/v1/search", {"page": 200, "page_size": 50}).status_code == 200
    response = client.get("/api/v1/search", {"page": 201, "page_size": 50})
    assert response.status_code == 400
    assert "Verder dan resultaat 10000" in response.json()["detail"]


@pytest.mark.django_db
def test_database_engine_hides_restricted_items(make_question, municipality, member, other_member):
    secret = make_question(
        "Beperkt over kwartelbeleid", visibility="restricted", municipality=municipality
    )
    sync_item("question", secret.pk)
    engine = DatabaseEngine()
    for user, expected in ((None, 0), (other_member, 0), (member, 1)):
        outcome = engine.search(SearchParams(q="kwartelbeleid"), viewer_for(user))
        assert outcome.count == expected
        assert sum(row["count"] for row in outcome.facets["kind"]) == expected
        assert len(engine.autocomplete("Beperkt", viewer_for(user))) == expected


@pytest.mark.django_db
def test_empty_search_suggests_asking_the_question(client):
    page = client.get("/zoeken/", {"q": "onvindbaarwoord"}).content.decode()
    assert "/vragen/stel-een-vraag/?titel=onvindbaarwoord" in page


@pytest.mark.django_db
def test_facet_labels_follow_a_renamed_theme_at_once(client, make_question):
    from exchange.themes.models import Theme

    theme = Theme.objects.create(name="Kwartelzorg", slug="kwartelzorg")
    question = make_question("Kwartels in de wijk")
    question.themes.set([theme])
    sync_item("question", question.pk)

    def theme_labels():
        facets = client.get("/api/v1/search", {"q": "kwartels"}).json()["facets"]
        return [row["label"] for row in facets["theme"]]

    assert theme_labels() == ["Kwartelzorg"]
    theme.name = "Zorg om kwartels"
    theme.save()
    assert theme_labels() == ["Zorg om kwartels"]
