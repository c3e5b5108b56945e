"""exchange.core.facets on its own: reading an address, checking values, groups and chips."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from exchange.core.facets import (
    MAX_VALUES,
    SLUG,
    YEAR,
    Choice,
    Code,
    Facet,
    FacetList,
    InvalidFilter,
)

THEME = Facet(
    "theme",
    "thema",
    "Thema",
    SLUG,
    current=lambda slugs: tuple("nieuw" if slug == "oud" else slug for slug in slugs),
    names=lambda slugs: {slug: slug.capitalize() for slug in slugs},
    limit=3,
)
KIND = Facet("kind", "soort", "Soort", Choice([("a", "Appel"), ("b", "Peer")]))
PLACE = Facet("municipality", "gemeente", "Gemeente", Code(r"GM\d{4}", example="GM0363"))
FLAG = Facet(
    "unanswered", "onbeantwoord", "Antwoorden", Choice([("1", "nog niet")]), multiple=False
)
LIST = FacetList(
    facets=(THEME, KIND, PLACE, FLAG, YEAR), sorts={"nieuw": "nieuwste", "titel": "titel"}
)


@pytest.fixture(autouse=True)
def dutch():
    # The messages are Dutch unless the visitor chose English (another test may have).
    with translation.override("nl"):
        yield


def read(query: str):
    return LIST.read(RequestFactory().get(f"/lijst/?{query}"))


def test_english_names_and_old_values_redirect_once_with_the_rest_kept():
    chosen = read("q=wijk&theme=oud&theme=b&kind=a&thema=c&page=2&sort=titel")
    assert chosen.response.status_code == 301
    assert chosen.response["Location"] == (
        "/lijst/?q=wijk&thema=nieuw&thema=b&thema=c&soort=a&pagina=2&sorteer=titel"
    )


def test_a_dutch_address_is_read_as_it_is():
    chosen = read("thema=b&gemeente=gm0344&jaar=2024&jaar=2024&onbeantwoord=1&pagina=3")
    assert chosen.response is None
    assert chosen.filters == {
        "theme": ("b",),
        "municipality": ("GM0344",),
        "unanswered": ("1",),
        "year": (2024,),
    }
    assert (chosen.sort, chosen.page) == ("nieuw", 3)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"soort": ["c"]}, "'soort' moet een van deze waarden zijn: a, b."),
        ({"gemeente": ["Utrecht"]}, "'gemeente' verwacht een code zoals GM0363, niet 'Utrecht'."),
        ({"jaar": ["²"]}, "'jaar' moet een jaartal zijn, zoals 2024."),
        ({"thema": ["a/b"]}, "'thema' bevat ongeldige tekens."),
        ({"onbeantwoord": ["1", "0"]}, "'onbeantwoord' kan maar één waarde hebben."),
        ({"thema": [str(n) for n in range(MAX_VALUES + 1)]}, "'thema' komt te vaak voor."),
    ],
)
def test_a_bad_value_is_refused_with_a_dutch_message_naming_the_parameter(query, message):
    with pytest.raises(InvalidFilter) as refused:
        LIST.clean_filters(lambda name: query.get(name, []))
    assert str(refused.value) == message


def test_the_api_spelling_names_the_key_in_its_message():
    with pytest.raises(InvalidFilter, match="^'kind' moet"):
        LIST.clean_filters(lambda name: ["c"] if name == "kind" else [], by_key=True)
    with pytest.raises(InvalidFilter, match="^'sort' moet een van deze waarden zijn: nieuw, titel"):
        LIST.clean_sort("willekeurig", name="sort")


def test_groups_show_each_value_once_and_keep_every_chosen_one():
    chosen = read("thema=e&thema=z&soort=b")
    counts = {
        # A GROUP BY split over rows adds up; only the first three show, plus a chosen one.
        "theme": [("a", "A", 1), ("a", "A", 2), ("b", "B", 2), ("c", "C", 1), ("e", "E", 1)],
        "kind": [("a", "Appel", 4)],
    }
    groups = {group.key: group for group in chosen.groups(counts)}
    assert set(groups) == {"theme", "kind"}
    assert [(r.value, r.label, r.count, r.selected) for r in groups["theme"].rows] == [
        ("a", "A", 3, False),
        ("b", "B", 2, False),
        ("c", "C", 1, False),
        ("e", "E", 1, True),
        ("z", "Z", 0, True),  # nothing matches it under the other filters: still removable
    ]
    assert [(r.value, r.label, r.count, r.selected) for r in groups["kind"].rows] == [
        ("a", "Appel", 4, False),
        ("b", "Peer", 0, True),
    ]


def test_a_chip_takes_out_its_value_and_the_page_number():
    chosen = read("q=wijk&thema=e&thema=z&soort=b&pagina=2&sorteer=titel")
    chips = chosen.chips(chosen.groups({}))
    assert [(chip.label, chip.url) for chip in chips] == [
        ("E", "?q=wijk&thema=z&soort=b&sorteer=titel"),
        ("Z", "?q=wijk&thema=e&soort=b&sorteer=titel"),
        ("Peer", "?q=wijk&thema=e&thema=z&sorteer=titel"),
    ]


def test_a_province_may_be_typed_without_diacritics_or_by_its_other_name():
    from exchange.municipalities.facets import PROVINCE

    for typed in ("Fryslân", "fryslan", "Friesland", "FRIESLAND"):
        assert PROVINCE.values.clean("provincie", typed) == "Fryslân"
    with pytest.raises(InvalidFilter):
        PROVINCE.values.clean("provincie", "Atlantis")
