"""The first results in the order of their likeness to the best two (search.feedback), on the
live node and on the database engine, through the same path as /api/v1/search."""

import pytest
from django.core.cache import cache

from search import feedback
from search.feedback import VERSION_KEY, refresh_statistics, statistics_due
from search.models import SearchEntry, TermStatistics
from search.params import SearchParams
from search.service import search_run
from search.sync import sync_item

pytestmark = pytest.mark.engine
ENGINES = ["opensearch", "database"]

# About threats to aldermen: the vocabulary the two best results share.
ABOUT = (
    "Intimidatie van bestuurders: aangifte, beveiliging van de woning, een vast aanspreekpunt "
    "bij de politie en nazorg door de burgemeester."
)


@pytest.fixture
def index(engine_index, make_question, settings):
    def make(title, body=""):
        question = make_question(title, body=body)
        sync_item("question", question.pk)
        engine_index.refresh()
        return question.title

    return make


@pytest.fixture
def titles(settings):
    def run(engine, q, *, feedback=True, **params):
        if engine == "database":
            settings.SEARCH_URL = ""
        settings.SEARCH_FEEDBACK = feedback
        outcome = search_run(user=None, params=SearchParams(q=q, **params))
        return [row["title"] for row in outcome.results]

    return run


@pytest.fixture
def threats(index):
    """Two items about threats to aldermen, one that mentions a threat in passing, one more
    about the subject that names it only once, deep in its text."""
    best = [
        index("Bedreigde wethouder: wat nu?", f"Een wethouder werd bedreigd. {ABOUT}"),
        index("Wethouders bedreigd na het raadsbesluit", f"Bedreigingen van wethouders. {ABOUT}"),
    ]
    passing = index(
        "Informatieavond over de opvang van asielzoekers",
        "Omwonenden, het COA en de buurt praatten over de opvang; de avond liep uit de hand en "
        "een wethouder werd bedreigd. Daarna volgden nieuwe avonden met omwonenden en het COA.",
    )
    about = index(
        "Steun voor bestuurders bij intimidatie",
        f"{ABOUT} Ook een wethouder die bedreigd wordt, krijgt nazorg. {ABOUT}",
    )
    refresh_statistics()
    return best, passing, about


@pytest.mark.parametrize("engine", ENGINES)
def test_an_item_about_the_subject_passes_one_that_mentions_its_words(engine, threats, titles):
    best, passing, about = threats
    before = titles(engine, "bedreigde wethouder", feedback=False)
    assert before.index(passing) < before.index(about)  # the words alone put it first

    after = titles(engine, "bedreigde wethouder")
    assert after[:2] == before[:2] and set(before[:2]) == set(best)
    assert after.index(about) < after.index(passing)
    assert sorted(after) == sorted(before)  # the same results, in another order


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_are_cut_from_one_order_and_other_orders_stay(engine, threats, titles, settings):
    """With the re-ordering by meaning (search.embedding) the engine is asked for its first
    thirty and the pages are cut from them after both re-orderings: the item about the
    subject may come up to page 1, and then it is not on page 2 too."""
    settings.SEARCH_EMBEDDINGS = True
    _best, _passing, about = threats
    q = "bedreigde wethouder"
    whole = titles(engine, q)
    pages = [titles(engine, q, page=page, page_size=3) for page in (1, 2)]
    assert pages[0] + pages[1] == whole[:6]
    assert whole.index(about) < 3 and about in pages[0]


@pytest.mark.parametrize("engine", ENGINES)
def test_no_result_moves_to_another_page_and_other_orders_stay(engine, threats, titles, settings):
    """Without it, only the first page is re-ordered, among itself."""
    settings.SEARCH_EMBEDDINGS = False
    best, passing, about = threats
    q = "bedreigde wethouder"
    first = titles(engine, q, page_size=3)
    # On a page of three the item about the subject stays on page 2, where it was.
    assert about not in first and passing in first
    assert sorted(first) == sorted(titles(engine, q, page_size=3, feedback=False))
    second = titles(engine, q, page=2, page_size=3)
    assert about in second
    assert second == titles(engine, q, page=2, page_size=3, feedback=False)
    assert titles(engine, q, sort="date") == titles(engine, q, sort="date", feedback=False)


@pytest.mark.parametrize("engine", ENGINES)
def test_until_the_statistics_exist_the_engines_order_stands(engine, threats, titles):
    TermStatistics.objects.all().delete()
    cache.delete(VERSION_KEY)
    assert titles(engine, "bedreigde wethouder") == titles(
        engine, "bedreigde wethouder", feedback=False
    )


@pytest.mark.django_db
def test_statistics_count_items_and_are_worked_out_again_when_the_collection_changed(
    make_question, monkeypatch
):
    for title in ("Jongeren en radicalisering", "Radicalisering online", "Sport in de wijk"):
        sync_item("question", make_question(title, body="Over jongeren in de wijk.").pk)

    assert statistics_due(quick=True) == {"items": 3, "terms": 3}
    # In how many items a term occurs, however often; sport and online are in one item only
    # and weigh as any unknown term.
    assert TermStatistics.objects.get().frequencies == {"radicaliser": 2, "jonger": 3, "wijk": 3}

    assert statistics_due(quick=True) is None  # nothing changed
    sync_item("question", make_question("Polarisatie in de raad").pk)
    monkeypatch.setattr(feedback, "QUICK_ITEMS", 3)
    assert statistics_due(quick=True) is None  # too many items for a web process's pass
    assert statistics_due(quick=False)["items"] == 4 == SearchEntry.objects.count()


def test_a_rebuild_works_the_statistics_out_and_searches_use_them(engine_index, threats, titles):
    from search.index import rebuild

    TermStatistics.objects.all().delete()
    cache.delete(VERSION_KEY)
    rebuild()

    assert TermStatistics.objects.get().items == SearchEntry.objects.count() == 4
    _best, passing, about = threats
    after = titles("opensearch", "bedreigde wethouder")
    assert after.index(about) < after.index(passing)
