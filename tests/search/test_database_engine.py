"""The database engine on the database's own full-text index (SQLite FTS5 / PostgreSQL tsvector).

Runs on whichever database the suite runs on: SQLite locally, PostgreSQL in CI.
"""

import pytest

from exchange.themes.models import Theme
from exchange.visibility import viewer_for
from search.engines.database import DatabaseEngine
from search.models import SearchSynonym
from search.params import SearchParams
from search.sync import sync_item
from search.understanding import understand

pytestmark = [pytest.mark.django_db, pytest.mark.bothdb]


@pytest.fixture
def indexed(make_question):
    def make(title, body="", **kwargs):
        question = make_question(title, body=body, **kwargs)
        sync_item("question", question.pk)
        return question

    return make


def titles(q, **params):
    outcome = DatabaseEngine().search(SearchParams(q=q, **params), viewer_for(None))
    return [row["title"] for row in outcome.results], outcome


def test_an_item_with_every_word_outranks_one_that_repeats_a_single_word(indexed):
    indexed("Preventie, preventie en nog eens preventie", "Preventie staat voorop.")
    indexed("Ouders betrekken bij preventie", "Hoe wij ouders en preventie verbinden.")
    found, outcome = titles("ouders betrekken preventie")
    assert found[0] == "Ouders betrekken bij preventie"
    assert outcome.count == 2


def test_a_page_of_items_with_every_word_is_the_answer_on_its_own(indexed):
    for n in range(10):
        indexed(f"Xylofoon en kwartet, deel {n}")
    indexed("Alleen een xylofoon")
    found, outcome = titles("xylofoon kwartet")
    assert outcome.count == 10
    assert "Alleen een xylofoon" not in found
    assert sum(row["count"] for row in outcome.facets["kind"]) == 10
    # Fewer than a page hold every word: then every item with any of them, most words first.
    indexed("Xylofoon en trompet")
    found, outcome = titles("xylofoon trompet")
    assert outcome.count == 12
    assert found[0] == "Xylofoon en trompet"


def test_a_title_match_outranks_a_body_match(indexed):
    indexed("Verslag van de wijkavond", "Het ging vooral over polarisatie in de buurt.")
    indexed("Polarisatie in de buurt", "Een verslag van de wijkavond.")
    found, _outcome = titles("polarisatie")
    assert found == ["Polarisatie in de buurt", "Verslag van de wijkavond"]


def test_words_are_found_in_inflected_compound_and_accented_forms(indexed):
    indexed("Onze radicaliseringsaanpak", "Met de coördinator van het jongerenwerk.")
    assert titles("aanpak radicalisering")[0] == ["Onze radicaliseringsaanpak"]
    assert titles("coordinatoren")[0] == ["Onze radicaliseringsaanpak"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("jaar", "jaren"),
        ("vragen", "vraag"),
        ("bestuur", "besturen"),
        ("school", "scholen"),
        ("sleutelfiguur", "sleutelfiguren"),
        ("moskeeën", "moskee"),
    ],
)
def test_a_word_finds_its_plural_and_singular_with_a_vowel_written_once_or_twice(
    indexed, typed, written
):
    """Dutch writes the long vowel of a closed syllable twice (jaar) and of an open one once
    (jaren); the engine's Snowball stemmer joins them, and so does the database engine now
    (its own suffix stemmer found jaar and jaren apart)."""
    indexed(f"Een vraag over {written} in de wijk")
    indexed("Iets anders over de wijk")
    assert titles(typed)[0] == [f"Een vraag over {written} in de wijk"]


def test_synonyms_from_the_moderators_list_apply_at_once_also_as_phrases(indexed):
    indexed("Afdoening binnen zes uur", "Het zorgvuldig snel maatwerk voor jongeren.")
    indexed("Persoonsgerichte aanpak bij zorgen", "Casusoverleg met partners.")
    assert titles("zsm")[0] == []
    SearchSynonym.objects.create(terms="ZSM, zorgvuldig snel maatwerk")
    SearchSynonym.objects.create(terms="PGA, persoonsgerichte aanpak")
    assert titles("zsm")[0] == ["Afdoening binnen zes uur"]
    assert titles("pga")[0] == ["Persoonsgerichte aanpak bij zorgen"]
    # The phrase is one thing asked for: "aanpak" alone does not make an item a PGA match.
    indexed("Aanpak van overlast", "Geen persoonsgerichte werkwijze.")
    assert titles("pga")[0] == ["Persoonsgerichte aanpak bij zorgen"]


def test_a_theme_word_also_means_its_theme_but_not_the_themes_other_words(indexed):
    Theme.objects.create(
        name="Cultuureducatie", slug="cultuureducatie", synonyms="museumbezoek\ntheaterlessen"
    )
    indexed("Museumbezoek met de klas")
    indexed("Theaterlessen in de wijk")
    indexed("Cultuureducatie als bindmiddel")
    assert set(titles("museumbezoek")[0]) == {
        "Museumbezoek met de klas",
        "Cultuureducatie als bindmiddel",
    }
    assert len(titles("cultuureducatie")[0]) == 3


def test_a_multi_word_synonym_is_one_group_of_the_query():
    SearchSynonym.objects.create(terms="PGA, persoonsgerichte aanpak")
    groups = understand("persoonsgerichte aanpak jongeren").groups
    assert len(groups) == 2
    assert (("pga",),) in groups[0].alternatives


def test_edits_and_deletions_reach_the_full_text_index(indexed):
    question = indexed("Kwartels in de wijk")
    question.title = "Zwaluwen in de wijk"
    question.save()
    sync_item("question", question.pk)
    assert titles("kwartels")[0] == []
    assert titles("zwaluwen")[0] == ["Zwaluwen in de wijk"]
    pk = question.pk
    question.delete()
    sync_item("question", pk)
    assert titles("zwaluwen")[0] == []


@pytest.mark.parametrize(
    "q",
    [
        '"',
        'kwartel"',
        "kwartel*",
        "NEAR(kwartel wijk)",
        "kwartel AND OR NOT",
        "-kwartel",
        "^kwartel",
        "kwartel:wijk",
        "'kwartel'",
        "kwartel & | ! <-> wijk",
        "(((",
        "🙂 kwartel",
    ],
)
def test_query_syntax_of_either_database_is_just_text(indexed, q):
    indexed("Kwartel in de wijk")
    found, _outcome = titles(q)
    assert found in ([], ["Kwartel in de wijk"])
    if "kwartel" in q.lower():
        assert found == ["Kwartel in de wijk"]


def test_counts_and_facets_cover_every_match_not_a_sample(indexed, municipality):
    for number in range(30):
        indexed(f"Buurtgesprek {number}", "Over spanningen.", municipality=municipality)
    found, outcome = titles("spanningen", page_size=10)
    assert outcome.count == 30 and len(found) == 10
    assert [row["count"] for row in outcome.facets["municipality"]] == [30]
    page_three, _outcome = titles("spanningen", page_size=10, page=3)
    assert len(set(found) | set(page_three)) == 20


def test_a_misspelt_word_is_corrected_and_offered_as_bedoelde_u(indexed):
    indexed("Radicalisering in de klas", "Signalen herkennen.")
    found, outcome = titles("kadicalisering")
    assert found == ["Radicalisering in de klas"]
    assert outcome.suggestion == "radicalisering"
    # A word that is in the index is not corrected.
    assert titles("radicalisering")[1].suggestion is None


def test_a_correction_is_a_word_near_the_typed_one_not_a_word_with_a_near_stem(indexed):
    """aankondiging (stem aankond) is two edits from aanbod's stem, but no typo of aanbod;
    a misspelt inflected word is offered in the form nearest to it."""
    indexed("Aanbod voor jongeren in de wijk")
    indexed("Jongeren die radicaliseren", "Over radicalisering in de wijk.")
    assert titles("aankondiging")[1].suggestion is None
    assert titles("radicalisring")[1].suggestion == "radicalisering"


def test_a_correction_is_never_a_word_only_items_hidden_from_the_viewer_hold(
    indexed, municipality, member
):
    secret = "zwavelkwartsmolen"
    indexed(f"Over de {secret}", visibility="restricted", municipality=municipality)
    indexed("Openbare vraag over de wijk")
    for viewer in (None, "pending"):
        user = None if viewer is None else _pending_member()
        outcome = DatabaseEngine().search(SearchParams(q="zwavelkwartsmoln"), viewer_for(user))
        assert outcome.suggestion is None
        assert outcome.results == []
        assert secret not in str(outcome.as_api())
    # Utrecht's member may see the item: for them the same typo is corrected.
    outcome = DatabaseEngine().search(SearchParams(q="zwavelkwartsmoln"), viewer_for(member))
    assert outcome.suggestion == secret
    assert [row["title"] for row in outcome.results] == [f"Over de {secret}"]


def _pending_member():
    from tests.factories import MemberFactory

    return MemberFactory(profile__status="pending", profile__municipality=None)
