"""Multi-select facets: each facet counts under every chosen filter except its own, on the
engine and on the database alike."""

import pytest

from search.index import rebuild
from tests.core.facet_checks import SINGLE_VALUED, check_facet_counts, network, page_reader

pytestmark = pytest.mark.engine


@pytest.fixture
def neighbourhood(make_question, municipality, other_municipality):
    from exchange.themes.models import Theme

    dialogue = Theme.objects.create(name="Buurtdialoog", slug="buurtdialoog")
    safety = Theme.objects.create(name="Buurtveiligheid", slug="buurtveiligheid")
    for themes, place in (
        ([dialogue], municipality),  # Utrecht
        ([dialogue], other_municipality),  # Zwolle, Overijssel
        ([safety], municipality),
        ([dialogue, safety], other_municipality),
    ):
        question = make_question("Buurtvrede na een incident", municipality=place)
        question.themes.set(themes)
    rebuild()


def counts(answer, facet):
    return {row["value"]: row["count"] for row in answer["facets"][facet]}


@pytest.mark.parametrize("engine", ["opensearch", "database"])
def test_choosing_a_theme_and_a_province_keeps_the_other_choices_counted(
    engine_index, neighbourhood, client, settings, engine
):
    if engine == "database":
        settings.SEARCH_URL = ""
    answer = client.get(
        "/api/v1/search", {"q": "buurtvrede", "theme": "buurtdialoog", "province": "Utrecht"}
    ).json()
    assert answer["count"] == 1
    # Themes count within Utrecht only, provinces within the theme only, the rest within both.
    assert counts(answer, "theme") == {"buurtdialoog": 1, "buurtveiligheid": 1}
    assert counts(answer, "province") == {"Utrecht": 1, "Overijssel": 2}
    assert counts(answer, "municipality") == {"GM0344": 1}
    assert counts(answer, "kind") == {"question": 1}


def test_the_search_page_counts_agree_with_its_results_on_the_engine(engine_index, client):
    network()
    rebuild()
    get = page_reader(client, "/zoeken/")
    assert get({})[0] == 11
    single_valued = SINGLE_VALUED["/zoeken/"]
    check_facet_counts(get, {}, single_valued)
    check_facet_counts(get, {"provincie": "Utrecht", "q": "wijkaanpak"}, single_valued)
    check_facet_counts(get, {"soort": "practice"}, single_valued | {"evidence_level"})


@pytest.mark.parametrize("engine", ["opensearch", "database"])
def test_a_value_counted_under_a_query_shows_that_many_when_chosen(
    engine_index, make_question, municipality, other_municipality, client, settings, engine
):
    """Twelve items hold both words, seven of them in Utrecht; eight more in Utrecht hold one.
    Choosing Utrecht shows the seven counted, not the fifteen with any word (the engines
    asked again for any word when fewer than ten passed the filters)."""
    from search.sync import sync_item

    utrecht, zwolle = municipality, other_municipality
    for n in range(12):
        place = utrecht if n < 7 else zwolle
        title = f"Kwartelbeleid en buurtvrede {n}"
        sync_item("question", make_question(title, municipality=place).pk)
    for n in range(8):
        title = f"Kwartelbeleid zonder meer {n}"
        sync_item("question", make_question(title, municipality=utrecht).pk)
    engine_index.refresh()
    if engine == "database":
        settings.SEARCH_URL = ""
    answer = client.get("/api/v1/search", {"q": "kwartelbeleid buurtvrede"}).json()
    assert answer["count"] == 12
    assert counts(answer, "municipality") == {utrecht.code: 7, zwolle.code: 5}
    chosen = client.get(
        "/api/v1/search", {"q": "kwartelbeleid buurtvrede", "municipality": utrecht.code}
    ).json()
    assert chosen["count"] == 7
    assert all("buurtvrede" in row["title"] for row in chosen["results"])


@pytest.mark.parametrize("engine", ["opensearch", "database"])
@pytest.mark.parametrize("q", ["de", "aan de het een", "?", "☃"])
def test_a_query_of_only_stop_words_or_signs_finds_nothing_on_either_engine(
    engine_index, neighbourhood, client, settings, engine, q
):
    if engine == "database":
        settings.SEARCH_URL = ""
    assert client.get("/api/v1/search", {}).json()["count"] == 4  # no words: everything
    answer = client.get("/api/v1/search", {"q": q}).json()
    assert answer["count"] == 0
    assert answer["results"] == []
    assert all(row["count"] == 0 for rows in answer["facets"].values() for row in rows)
