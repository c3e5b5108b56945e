"""Dutch analysis on the live node: compounds, diacritics, synonyms."""

import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from exchange.themes.models import Theme
from exchange.visibility import viewer_for
from search.engines import get_engine
from search.models import SearchSynonym
from search.params import SearchParams
from search.sync import sync_item

pytestmark = pytest.mark.engine


def _titles(q):
    return [r["title"] for r in get_engine().search(SearchParams(q=q), viewer_for(None)).results]


def _index_questions(engine_index, make_question, texts):
    for text in texts:
        sync_item("question", make_question(text).pk)
    engine_index.refresh()


def test_compounds_diacritics_and_synonyms(engine_index, make_question):
    texts = [
        "De jongerenwerker signaleert vroeg",
        "Een coördinator voor de wijk",
        "Overlast rond het asielzoekerscentrum",
    ]
    for text in texts:
        sync_item("question", make_question(text).pk)
    SearchSynonym.objects.create(terms="AZC, asielzoekerscentrum")
    from search.index import update_synonyms

    update_synonyms()
    engine_index.refresh()
    assert _titles("jongeren werker")[0] == texts[0]
    assert _titles("coordinator") == [texts[1]]
    assert _titles("AZC")[0] == texts[2]


def test_typos_are_found_without_drowning_exact_words(engine_index, make_question):
    exact = make_question("Kickboksen als ingang voor gesprekken")
    near = make_question("Kickbokken in de wijk")
    body_only = make_question(
        "Een vraag over signalen", body="Welke triggerfactoren zien jullie in de wijk?"
    )
    for question in (exact, near, body_only):
        sync_item("question", question.pk)
    engine_index.refresh()

    # A lone misspelt word that occurs only deep in a body is still found, and marked.
    assert _titles("trigerfactoren") == [body_only.title]
    found = get_engine().search(SearchParams(q="trigerfactoren"), viewer_for(None)).results
    assert "<mark>triggerfactoren</mark>" in found[0]["highlight"]
    # Too few exact matches: the typo-tolerant pass adds near-misses, below the exact match.
    assert _titles("kickboksen")[:2] == [exact.title, near.title]
    # Enough exact matches: no near-misses mixed in.
    more = [make_question(f"Kickboksen voor jongeren, deel {n}") for n in range(3)]
    for question in more:
        sync_item("question", question.pk)
    engine_index.refresh()
    assert near.title not in _titles("kickboksen")


def test_a_theme_word_also_means_its_theme_but_not_the_themes_other_words(
    engine_index, make_question
):
    from search.index import update_synonyms

    Theme.objects.create(
        name="Cultuureducatie", slug="cultuureducatie", synonyms="museumbezoek\ntheaterlessen"
    )
    update_synonyms()
    texts = [
        "Museumbezoek met de klas",
        "Theaterlessen in de wijk",
        "Cultuureducatie als bindmiddel",
    ]
    _index_questions(engine_index, make_question, texts)
    assert set(_titles("museumbezoek")) == {texts[0], texts[2]}
    assert set(_titles("cultuureducatie")) == set(texts)


def test_a_page_of_items_with_every_word_is_the_answer_on_its_own(engine_index, make_question):
    texts = [f"Xylofoon en kwartet, deel {n}" for n in range(10)]
    texts += ["Alleen een xylofoon", "Xylofoon en trompet"]
    _index_questions(engine_index, make_question, texts)
    engine = get_engine()
    both = engine.search(SearchParams(q="xylofoon kwartet"), viewer_for(None))
    assert both.count == 10
    assert "Alleen een xylofoon" not in [r["title"] for r in both.results]
    assert sum(row["count"] for row in both.facets["kind"]) == 10
    # Fewer than a page hold every word: then every item with any of them, most words first.
    some = engine.search(SearchParams(q="xylofoon trompet"), viewer_for(None))
    assert some.count == 12
    assert some.results[0]["title"] == "Xylofoon en trompet"


def test_title_matches_outrank_body_matches_after_rescoring(engine_index, make_question):
    in_body = make_question(
        "Een vraag over de wijk", body="Hier speelt ook polarisatie op school een rol."
    )
    in_title = make_question("Polarisatie in de klas", body="Hoe gaan docenten hiermee om?")
    for question in (in_body, in_title):
        sync_item("question", question.pk)
    engine_index.refresh()
    assert _titles("polarisatie") == [in_title.title, in_body.title]


def test_items_with_most_of_the_words_outrank_one_strong_word(engine_index, make_question):
    # "leerkrachten" reaches the query only as a synonym of "docenten".
    SearchSynonym.objects.create(terms="docenten, leerkrachten")
    from search.index import update_synonyms

    update_synonyms()
    strong_word = make_question(
        "Polarisatie in de wijk", body="Polarisatie in de buurt raakt ook leerkrachten."
    )
    most_words = make_question(
        "Een vraag uit Utrecht", body="Welke training helpt docenten bij polarisatie?"
    )
    for question in (strong_word, most_words):
        sync_item("question", question.pk)
    engine_index.refresh()
    assert _titles("training voor docenten over polarisatie in de klas")[0] == most_words.title


def test_builtin_domain_synonyms_join_abbreviations_and_full_forms(engine_index, make_question):
    question = make_question("Afspraken met de geestelijke gezondheidszorg")
    sync_item("question", question.pk)
    engine_index.refresh()
    assert _titles("ggz") == [question.title]


def test_decompounded_parts_are_one_token_per_form_and_position(engine_index):
    tokens = engine_index.client.indices.analyze(
        index=engine_index.alias, body={"analyzer": "nl_decomp", "text": "jongerenwerkers"}
    )["tokens"]
    pairs = [(token["token"], token["position"]) for token in tokens]
    assert len(pairs) == len(set(pairs))
    assert ("jonger", 0) in pairs


def test_snippets_mark_other_inflections_of_the_words(engine_index, make_question):
    question = make_question("Een vraag", body="Hoe betrekken jullie de ouders bij de aanpak?")
    sync_item("question", question.pk)
    engine_index.refresh()
    found = get_engine().search(SearchParams(q="ouder betrekken"), viewer_for(None)).results
    assert "<mark>ouders</mark>" in found[0]["highlight"]
    assert "<mark>betrekken</mark>" in found[0]["highlight"]


def test_did_you_mean_offers_spelling_corrections_not_inflections(engine_index, make_question):
    texts = [f"Wijkagenten en jongeren, deel {n}" for n in range(3)]
    _index_questions(engine_index, make_question, texts)
    engine = get_engine()

    # "wijkagent" is nowhere in the texts, but the search finds "wijkagenten" by its stem:
    # offering the plural would only repeat what is already shown.
    singular = engine.search(SearchParams(q="wijkagent"), viewer_for(None))
    assert singular.count == 3
    assert singular.suggestion is None
    typo = engine.search(SearchParams(q="wijkagenen jongeren"), viewer_for(None))
    assert typo.suggestion == "wijkagenten jongeren"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a.z.c. omwonenden", ["azc", "omwonenden"]),
        ("A-Z-C en P.G.A.-overleg", ["azc", "en", "pga", "overleg"]),
        ("de azc's en AMV\u2019s", ["de", "azc", "en", "amv"]),
        ("'s avonds, ouders' rol", ["s", "avonds", "ouders", "rol"]),
        (
            "TA-gedetineerde, kinderen 8-12 jaar",
            ["ta", "gedetineerde", "kinderen", "8", "12", "jaar"],
        ),
        ("a.1 en 1.2.3 en x-y2", ["a", "1", "en", "1.2.3", "en", "x", "y2"]),
    ],
)
def test_abbreviations_are_one_word_and_nothing_else_is_joined(engine_index, text, words):
    """What the abbreviation character filter joins, and what it leaves apart, in the index's
    plain analyzer (the stemming chains start with the same filter)."""
    tokens = engine_index.client.indices.analyze(
        index=engine_index.alias, body={"analyzer": "nl_exact", "text": text}
    )["tokens"]
    assert [token["token"] for token in tokens] == words


def test_a_joined_abbreviation_keeps_the_offsets_of_what_was_typed(engine_index):
    """A snippet marks the abbreviation as the reader wrote it, dots and all."""
    text = "Omwonenden van het a.z.c. en de A-Z-C"
    tokens = engine_index.client.indices.analyze(
        index=engine_index.alias, body={"analyzer": "nl_exact", "text": text}
    )["tokens"]
    marked = [text[t["start_offset"] : t["end_offset"]] for t in tokens if t["token"] == "azc"]
    assert marked == ["a.z.c", "A-Z-C"]


def test_the_database_engine_stems_every_word_as_the_index_does(engine_index):
    """One understanding for both engines: search.text.stem gives every word of the relevance
    set's 360 items the stem the index's `nl_stem` chain gives it (Snowball's Dutch stemmer,
    the overrides and the rewrites around it), so a query means the same on either."""
    from search import text as nl

    words = set()
    for name in ("judged", "dev"):
        path = Path(django_settings.BASE_DIR) / "bench" / "relevance" / name / "content.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            answers = [answer["body"] for answer in item.get("answers") or []]
            words.update(
                nl.words(" ".join([item["title"], item["summary"], item["body"], *answers]))
            )
    words = sorted(words)
    assert len(words) > 4000
    differ = []
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        tokens = engine_index.client.indices.analyze(
            index=engine_index.alias, body={"analyzer": "nl_stem", "text": " ".join(chunk)}
        )["tokens"]
        engine = {token["position"]: token["token"] for token in tokens}
        differ += [
            (w, engine.get(i), nl.stem(w))
            for i, w in enumerate(chunk)
            if engine.get(i) != nl.stem(w)
        ]
    assert differ == []


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        ("organisatie organisaties", True),
        ("situatie situaties", True),
        ("strategie strategieën", True),
        ("moskee moskeeën", True),
        # Short words are not plurals; -isatie nouns stay apart from their verb.
        ("kie kies", False),
        ("polarisatie polariseren", False),
    ],
)
def test_plurals_after_a_vowel_share_a_stem_with_their_singular(engine_index, words, joined):
    """In the index and in search.text alike: Snowball alone keeps the s or en of a plural
    after a vowel apart from its singular."""
    from search.text import fold, stem

    tokens = engine_index.client.indices.analyze(
        index=engine_index.alias, body={"analyzer": "nl_stem", "text": words}
    )["tokens"]
    in_index = {token["token"] for token in tokens}
    in_database = {stem(fold(word)) for word in words.split()}
    assert in_index == in_database
    assert (len(in_index) == 1) is joined


def test_an_overridden_word_has_the_stem_of_the_word_it_stands_for():
    """A stemmer override is a word's final stem (the stemmer skips it): it must be what the
    base word stems to, or the override splits them ("scholen => school" left scholen apart
    from school, which Snowball stems to schol)."""
    from search import text as nl
    from search.analysis import stem_overrides

    for rule in stem_overrides():
        _word, found = (part.strip() for part in rule.split("=>"))
        assert nl.stem(found) == found, rule
    assert nl.stem("scholen") == nl.stem("school")


def test_pages_beyond_the_rescored_window_neither_repeat_nor_skip_items(
    engine_index, make_question
):
    """The full query re-orders the first pass's best hundred; the pages after them follow
    the first pass. Every page is a slice of that one order: paging on past result 100 shows
    each item once (a window that grew with the page re-ordered another set on each page, and
    the same items came back on every page after the tenth)."""
    # Indexed first, an inflected form in a short text: the first pass (stems) ranks them
    # first; the full query prefers the word as typed.
    for n in range(70):
        sync_item("question", make_question(f"Vraag {n}", body="Radicaliseert.").pk)
    for n in range(60):
        body = f"Over radicalisering in de wijk, met wat meer woorden erbij {n}."
        sync_item("question", make_question(f"Bericht {n}", body=body).pk)
    engine_index.refresh()
    engine = get_engine()
    pages = [
        [
            r["title"]
            for r in engine.search(
                SearchParams(q="radicalisering", page=page), viewer_for(None)
            ).results
        ]
        for page in range(1, 15)
    ]
    seen = [title for page in pages for title in page]
    assert len(seen) == 130
    assert len(set(seen)) == 130
    # Within the window the full query's order: the word as typed first.
    assert seen[0].startswith("Bericht")
