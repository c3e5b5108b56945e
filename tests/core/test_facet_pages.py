"""The three faceted list pages (catalogue, question list, /zoeken/) behave as one: Dutch
parameters, old names redirected, bad values refused in Dutch, counts that agree with the
results, translatable facet titles. /zoeken/ runs on the database engine here; the same count
check runs on the OpenSearch node in tests/search/test_facets.py."""

from html import unescape

import pytest
from django.utils import translation

from search.index import rebuild
from search.models import SearchQueryLog
from tests.core.facet_checks import SINGLE_VALUED, check_facet_counts, network, page_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(settings):
    settings.SEARCH_URL = ""
    network()
    rebuild()


@pytest.mark.parametrize("path", ["/praktijken/", "/vragen/", "/zoeken/"])
def test_every_count_matches_the_results_of_choosing_that_value(client, content, path):
    get = page_reader(client, path)
    assert get({})[0] == (11 if path == "/zoeken/" else 6 if path == "/praktijken/" else 5)
    check_facet_counts(get, {}, SINGLE_VALUED[path])
    # With a choice made, the other facets count within it and the chosen one without it.
    check_facet_counts(get, {"provincie": "Utrecht"}, SINGLE_VALUED[path])


def test_evidence_levels_add_up_among_the_practices_found_by_search(client, content):
    get = page_reader(client, "/zoeken/")
    check_facet_counts(get, {"soort": "practice"}, SINGLE_VALUED["/zoeken/"] | {"evidence_level"})


def test_the_catalogue_counts_each_evidence_level_once(client, content):
    groups = client.get("/praktijken/").context["facet_groups"]
    evidence = next(group for group in groups if group.key == "evidence_level")
    assert [(row.label, row.count) for row in evidence.rows] == [
        ("idee", 1),
        ("goed beschreven", 4),
        ("effectief gebleken", 1),
    ]


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/praktijken/", "?provincie=Overijssel&bewijskracht=effectief"),
        ("/vragen/", "?gemeente=GM0307&status=closed"),
        ("/zoeken/", "?provincie=Overijssel&soort=question&jaar=2023"),
    ],
)
def test_a_combination_without_results_keeps_its_boxes_and_chips(client, content, path, query):
    response = client.get(path + query)
    assert response.status_code == 200
    chosen = {
        (group.param, row.value)
        for group in response.context["facet_groups"]
        for row in group.rows
        if row.selected
    }
    expected = {tuple(pair.split("=")) for pair in query[1:].split("&")}
    assert chosen == expected
    chips = response.context["active_filters"]
    assert {(chip.param, chip.value) for chip in chips} == expected
    for chip in chips:
        left = client.get(path + chip.url).context["facet_groups"]
        still = {(g.param, r.value) for g in left for r in g.rows if r.selected}
        assert still == expected - {(chip.param, chip.value)}


def test_a_chosen_theme_and_municipality_without_results_keep_their_names(client, content):
    response = client.get("/praktijken/?thema=onderwijs&gemeente=GM0344")
    assert response.context["results"].paginator.count == 0
    assert [chip.label for chip in response.context["active_filters"]] == ["Onderwijs", "Utrecht"]


# -- old names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/zoeken/?q=wijkaanpak&theme=jongeren&kind=practice&municipality=GM0344"
            "&province=Utrecht&target_group=docenten&evidence_level=beschreven&year=2023"
            "&sort=date&page=1",
            "/zoeken/?q=wijkaanpak&thema=jongeren&soort=practice&gemeente=GM0344"
            "&provincie=Utrecht&doelgroep=docenten&bewijskracht=beschreven&jaar=2023"
            "&sorteer=date&pagina=1",
        ),
        (
            "/praktijken/?theme=jongeren&bewijs=beschreven&sort=titel",
            "/praktijken/?thema=jongeren&bewijskracht=beschreven&sorteer=titel",
        ),
        (
            "/vragen/?theme=jongeren&unanswered=1&page=1",
            "/vragen/?thema=jongeren&onbeantwoord=1&pagina=1",
        ),
    ],
)
def test_english_and_old_parameter_names_redirect_to_the_dutch_ones(client, content, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_search_filters_with_the_dutch_names(client, content):
    response = client.get("/zoeken/", {"thema": "onderwijs", "soort": "practice"})
    assert response.status_code == 200
    assert [row["title"] for row in response.context["outcome"].results] == [
        "Praktijk 4 over wijkaanpak",
        "Praktijk 3 over wijkaanpak",
    ]
    assert [chip.label for chip in response.context["active_filters"]] == [
        "Onderwijs",
        "goede praktijk",
    ]


def test_the_catalogue_follows_an_english_theme_parameter(client, content):
    response = client.get("/praktijken/?theme=onderwijs", follow=True)
    assert response.redirect_chain == [("/praktijken/?thema=onderwijs", 301)]
    assert response.context["results"].paginator.count == 2


# -- bad values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        ("/praktijken/", {"jaar": "vorig jaar"}, "'jaar' moet een jaartal zijn"),
        ("/praktijken/", {"bewijskracht": "sterk"}, "'bewijskracht' moet een van deze"),
        ("/praktijken/", {"gemeente": "Utrecht"}, "'gemeente' verwacht een code zoals GM0363"),
        ("/praktijken/", {"sorteer": "willekeurig"}, "'sorteer' moet een van deze"),
        ("/praktijken/", {"pagina": "twee"}, "'pagina' moet een geheel getal zijn"),
        ("/vragen/", {"status": "weg"}, "'status' moet een van deze waarden zijn: open,"),
        ("/vragen/", {"onbeantwoord": ["1", "ja"]}, "'onbeantwoord' kan maar één waarde"),
        ("/vragen/", {"thema": "jongeren & ouders"}, "'thema' bevat ongeldige tekens"),
        ("/zoeken/", {"q": "wijkaanpak", "soort": "boek"}, "'soort' moet een van deze"),
        ("/zoeken/", {"q": "wijkaanpak", "provincie": "Atlantis"}, "'provincie' moet een"),
        ("/zoeken/", {"q": "wijkaanpak", "pagina": "0"}, "'pagina' moet tussen 1 en 1000"),
    ],
)
def test_a_bad_value_answers_400_in_dutch_and_changes_nothing(
    client, content, path, query, message
):
    logged = SearchQueryLog.objects.count()
    response = client.get(path, query)
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Ongeldig verzoek" in page
    assert message in page
    assert SearchQueryLog.objects.count() == logged  # not searched, not logged


# -- language ---------------------------------------------------------------------------------


@pytest.fixture
def back_to_dutch():
    yield
    translation.activate("nl")  # the middleware left this thread in English


def test_facet_titles_follow_the_language_switcher(client, content, back_to_dutch):
    def legends(path):
        groups = client.get(path).content.decode()
        return [
            part.split("</legend>")[0]
            for part in groups.split('<legend class="utrecht-form-fieldset__legend">')[1:]
        ]

    assert legends("/zoeken/") == [
        "Thema",
        "Gemeente",
        "Provincie",
        "Soort",
        "Doelgroep",
        "Bewijskracht",
        "Jaar",
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/zoeken/"})
    assert legends("/zoeken/") == [
        "Theme",
        "Municipality",
        "Province",
        "Type",
        "Target group",
        "Evidence level",
        "Year",
    ]
    english = client.get("/zoeken/").content.decode()
    assert "Sort by" in english and "good practice" in english
    assert "Evidence level" in legends("/praktijken/")
    assert "Answers" in legends("/vragen/")
