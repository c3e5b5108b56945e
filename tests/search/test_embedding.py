"""The first thirty results re-ordered by meaning (search.embedding), on the live node and on the
database engine, through the same path as /api/v1/search."""

import numpy as np
import pytest

from exchange.questions.models import Question
from search import embedding
from search.embedding import embed_query, embeddings_due
from search.engines import fetch_params
from search.models import SearchEntry
from search.params import SearchParams
from search.service import search_run
from search.sync import sync_item

pytestmark = pytest.mark.engine
ENGINES = ["opensearch", "database"]


@pytest.fixture(autouse=True)
def _switched_on(settings):
    settings.SEARCH_EMBEDDINGS = True  # off by default (exchange/settings/base.py)


def test_switched_off_it_does_no_model_work_and_asks_the_engine_for_the_page_only(
    settings, engine_index, make_question
):
    settings.SEARCH_EMBEDDINGS = False
    (question,) = _index(engine_index, make_question, ["Ouderavond over radicalisering"])
    assert embeddings_due() is None
    assert SearchEntry.objects.get(object_id=question.pk).embedding is None
    params = SearchParams(q="ouderavond", page=2)
    assert fetch_params(params) is params


@pytest.fixture
def run(engine_index, settings):
    settings.SEARCH_FEEDBACK = False  # the words' order alone, then the meaning

    def search(engine, q, *, meaning=True, **params):
        settings.SEARCH_URL = "" if engine == "database" else settings.SEARCH_URL
        settings.SEARCH_EMBEDDINGS = meaning
        return search_run(user=None, params=SearchParams(q=q, **params))

    return search


def _index(engine_index, make_question, titles, **kwargs):
    questions = [make_question(title, **kwargs) for title in titles]
    for question in questions:
        sync_item("question", question.pk)
    engine_index.refresh()
    return questions


def _set_vector(question, vector):
    vector = np.asarray(vector, dtype=np.float32)
    SearchEntry.objects.filter(kind="question", object_id=question.pk).update(
        embedding=(vector / np.linalg.norm(vector)).tobytes()
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_the_item_closest_in_meaning_comes_first(engine, run, engine_index, make_question):
    q = "wantrouwen na de herindeling"
    words, meaning, other = _index(
        engine_index,
        make_question,
        [
            "Wantrouwen na de herindeling: wantrouwen, herindeling, wantrouwen",
            "Wantrouwen na de herindeling in de dorpen",
            "Herindeling en wantrouwen bij de sportclub",
        ],
    )
    before = [row["title"] for row in run(engine, q, meaning=False).results]
    assert before[0] == words.title  # the words alone put the repeated ones first
    close = embed_query(q)
    _set_vector(meaning, close)
    _set_vector(words, -close + np.roll(close, 1))
    _set_vector(other, np.roll(close, 7))
    after = [row["title"] for row in run(engine, q).results]
    assert after[0] == meaning.title
    assert sorted(after) == sorted(before)  # the same results, in another order


@pytest.mark.parametrize("engine", ENGINES)
def test_pages_in_the_window_are_cut_from_one_order(engine, run, engine_index, make_question):
    questions = _index(
        engine_index, make_question, [f"Polarisatie in de wijk, deel {n}" for n in range(35)]
    )
    rng = np.random.default_rng(7)
    for question in questions:
        _set_vector(question, rng.normal(size=embedding.DIMENSIONS))
    window = [row["id"] for row in run(engine, "polarisatie wijk", page_size=30).results]
    pages = [
        [row["id"] for row in run(engine, "polarisatie wijk", page=page).results]
        for page in (1, 2, 3, 4)
    ]
    assert pages[0] + pages[1] + pages[2] == window
    assert sorted(sum(pages, [])) == sorted(q.pk for q in questions)  # each once, none lost
    outcome = run(engine, "polarisatie wijk", page=2)
    assert (outcome.page, outcome.count, len(outcome.results)) == (2, 35, 10)
    words_only = [row["id"] for row in run(engine, "polarisatie wijk", meaning=False).results]
    assert pages[0] != words_only  # the vectors did re-order


@pytest.mark.parametrize("engine", ENGINES)
def test_an_item_the_viewer_may_not_see_is_never_brought_in(
    engine, run, engine_index, make_question, municipality
):
    (public,) = _index(engine_index, make_question, ["Spanningen rond de moskee"])
    (restricted,) = _index(
        engine_index,
        make_question,
        ["Spanningen rond de moskee, vertrouwelijk"],
        visibility="restricted",
        municipality=municipality,
        allowed=[municipality],
    )
    close = embed_query("spanningen moskee")
    _set_vector(restricted, close)
    _set_vector(public, np.roll(close, 3))
    outcome = run(engine, "spanningen moskee")
    assert [row["id"] for row in outcome.results] == [public.pk]
    assert outcome.count == 1


def test_rows_get_their_vector_in_the_background_and_lose_it_when_their_text_changes(
    engine_index, make_question
):
    first, second = _index(
        engine_index, make_question, ["Ouderavond over radicalisering", "Sleutelfiguren"]
    )
    assert SearchEntry.objects.filter(embedding__isnull=True).count() == 2
    assert embeddings_due(quick=True) == {"embedded": 2, "left": 0}
    vector = bytes(SearchEntry.objects.get(object_id=first.pk).embedding)
    assert len(vector) == embedding.DIMENSIONS * 4
    assert embeddings_due() is None  # nothing waits

    sync_item("question", first.pk)  # saved again, the same text: the vector stays
    assert bytes(SearchEntry.objects.get(object_id=first.pk).embedding) == vector
    Question.objects.filter(pk=first.pk).update(title="Ouderavond over polarisatie")
    sync_item("question", first.pk)
    assert SearchEntry.objects.get(object_id=first.pk).embedding is None
    assert embeddings_due() == {"embedded": 1, "left": 0}
    assert bytes(SearchEntry.objects.get(object_id=first.pk).embedding) != vector
