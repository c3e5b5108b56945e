"""Dutch analysis on the live node: compounds, diacritics, synonyms."""

import pytest

from exchange.visibility import viewer_for
from search.engines import get_engine
from search.models import SearchSynonym
from search.params import SearchParams
from search.sync import sync_item

pytestmark = pytest.mark.engine


def _titles(q):
    return [r["title"] for r in get_engine().search(SearchParams(q=q), viewer_for(None)).results]


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
