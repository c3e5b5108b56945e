"""The Elasticsearch engine sends exactly the bodies the OpenSearch engine sends."""

import json
from unittest import mock

import pytest
from elasticsearch import Elasticsearch
from opensearchpy import OpenSearch

from exchange.visibility import Viewer
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.opensearch import OpenSearchEngine
from search.params import SearchParams

EMPTY = {
    "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
    "aggregations": {},
}


def _opensearch_bodies(call):
    client = OpenSearch(hosts=[{"host": "127.0.0.1", "port": 1}])
    with mock.patch.object(client.transport, "perform_request", return_value=EMPTY) as sent:
        call(OpenSearchEngine(client, alias="kn-content"))
    return [(c.args[0], c.args[1], c.kwargs.get("body")) for c in sent.call_args_list]


def _elasticsearch_bodies(call):
    client = Elasticsearch("http://127.0.0.1:1")
    with mock.patch.object(Elasticsearch, "perform_request", return_value=EMPTY) as sent:
        call(ElasticsearchEngine(client, alias="kn-content"))
    return [(c.args[0], c.args[1], c.kwargs.get("body")) for c in sent.call_args_list]


def _normalise(calls):
    # opensearch-py serialises bulk bodies itself (and POSTs); elasticsearch-py PUTs a list.
    out = []
    for method, path, body in calls:
        if isinstance(body, str):
            body = [json.loads(line) for line in body.splitlines() if line]
        out.append(("bulk" if path.endswith("/_bulk") else method, path.split("?")[0], body))
    return out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "call",
    [
        lambda e: e.search(
            SearchParams(q="jongerenwerker", filters={"theme": ("radicalisering",)}),
            Viewer(user_id=1, is_member=True, municipality_code="GM0344"),
        ),
        lambda e: e.autocomplete("jonge", Viewer()),
        lambda e: e.more_like_this("practice", 3, Viewer()),
        lambda e: e.index_documents([{"kind": "question", "id": 1, "title": "t"}]),
        lambda e: e.create_index("kn-content-1", {"settings": {"a": 1}, "mappings": {"b": 2}}),
        lambda e: e.update_aliases([{"add": {"index": "kn-content-1", "alias": "kn-content"}}]),
    ],
    ids=["search", "autocomplete", "more_like_this", "bulk", "create_index", "aliases"],
)
def test_elasticsearch_engine_sends_the_same_bodies_as_opensearch(call):
    assert _normalise(_elasticsearch_bodies(call)) == _normalise(_opensearch_bodies(call))


@pytest.mark.django_db
def test_every_search_body_carries_the_access_filter():
    calls = _opensearch_bodies(lambda e: e.search(SearchParams(q="x"), Viewer()))
    body = calls[0][2]
    assert {"term": {"visibility": "public"}} in body["query"]["bool"]["filter"][0]["bool"][
        "should"
    ]
