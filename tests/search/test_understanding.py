"""How a query is understood before any engine sees it (search.understanding, search.text)."""

import pytest

from search import text as nl
from search.spelling import closest, corrected_query
from search.understanding import split_compound, understand

RULES = ("azc, asielzoekerscentrum", "jongeren => jongeren, jeugd", "pga, persoonsgerichte aanpak")


@pytest.mark.parametrize("typed", ["a.z.c.", "A-Z-C", "a.z.c", "azc's", "AZC’s", "azc"])
def test_abbreviations_are_one_word_however_they_are_written(typed):
    assert nl.words(typed) == ["azc"]


def test_ages_and_initials_in_ordinary_text_stay_apart():
    words = nl.words("kinderen van 8-12 jaar, 's avonds")
    assert words == ["kinderen", "8", "12", "jaar", "s", "avonds"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("gebedshuisbeveiliging", ("gebedshuis", "beveiliging")),
        ("jongerenwerkers", ("jongeren", "werker")),
        ("sleutelfigurennetwerk", ("sleutelfiguren", "netwerk")),
        ("radicalisering", ()),
        ("jongeren", ()),
    ],
)
def test_a_compound_is_split_into_its_listed_parts(word, parts):
    assert split_compound(word) == parts


def test_plural_and_singular_share_a_stem_also_with_a_voiced_consonant():
    assert nl.stem("huizen") == nl.stem("huis")
    assert nl.stem("brieven") == nl.stem("brief")
    assert nl.stem("ouders") == nl.stem("ouder")


def test_question_words_and_filler_are_left_out_but_not_inside_a_synonym_phrase():
    understood = understand("hoe werkt een persoonsgerichte aanpak voor jongeren?", RULES)
    assert [group.typed for group in understood.groups] == ["persoonsgerichte aanpak", "jongeren"]
    assert understand("welke ervaringen?", RULES).text == "ervaringen"


def test_an_equivalence_is_one_of_the_words_forms_a_theme_word_a_weaker_synonym():
    azc, jongeren = understand("azc jongeren", RULES).groups
    assert (("asielzoekerscentrum",),) in azc.forms
    assert (("jeugd",),) in jongeren.synonyms and (("jeugd",),) not in jongeren.forms


def test_a_part_of_a_compound_may_be_replaced_by_its_synonym():
    (group,) = understand("jongerenwerker", RULES).groups
    assert (("jeugd",), ("werker",)) in group.alternatives
    assert (("jeugdwerker",),) in group.alternatives


def test_corrections_come_nearest_first_and_include_the_first_letter():
    vocabulary = [("radicaliser", 40), ("radicaal", 9), ("medicaliser", 1)]
    assert closest("kadicaliser", vocabulary)[0] == "radicaliser"
    assert closest("kadicaliser", [("x" * 11, 5)]) == []


def test_the_corrected_query_keeps_the_rest_as_typed():
    corrections = {"kadicalisering": "radicalisering"}
    assert corrected_query("Hoe zit het met Kadicalisering?", corrections) == (
        "Hoe zit het met radicalisering?"
    )


def test_words_typed_apart_also_mean_their_compound_and_its_synonym():
    _buren, first, second = understand("buren van het asielzoekers centrum", RULES).groups
    for group in (first, second):
        assert (("asielzoekerscentrum",),) in group.forms
        assert (("azc",),) in group.forms


def test_unrelated_neighbours_and_words_with_a_stop_word_between_are_not_joined():
    assert understand("weerbaarheid jongeren", RULES).groups[0].forms == ((("weerbaarheid",),),)
    ggz = understand("samenwerking ggz bij radicalisering", RULES).groups[1]
    assert not any("ggzradicalisering" in phrase for phrase in ggz.phrases)


def test_a_corrected_compound_also_finds_its_parts_apart():
    (group,) = understand("gebedshuisbeveileging", RULES).groups
    corrected = group.with_correction("gebedshuisbeveiliging")
    assert (("gebedshuis",), ("beveiliging",)) in corrected.forms


def test_ei_for_ij_is_one_edit():
    assert closest("weik", [("wijk", 3)]) == ["wijk"]


def test_the_elderly_and_parents_have_different_stems():
    assert nl.stem("ouderen") != nl.stem("ouders")
    assert nl.stem("ouderen") == nl.stem("oudere")
