"""SEARCH_URL forms from the public contract, and a smoke test on the real engine."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.client import build_client, parse_search_url


@pytest.mark.parametrize(
    ("url", "engine", "scheme", "host", "port", "user"),
    [
        ("opensearch://127.0.0.1:9200", "opensearch", "http", "127.0.0.1", 9200, None),
        (
            "opensearch+https://zoek:g%40heim@search.example:443",
            "opensearch",
            "https",
            "search.example",
            443,
            "zoek",
        ),
        ("elasticsearch://es.local:9201", "elasticsearch", "http", "es.local", 9201, None),
        (
            "elasticsearch+https://elastic:pw@es.example:9243",
            "elasticsearch",
            "https",
            "es.example",
            9243,
            "elastic",
        ),
    ],
)
def test_search_url_forms(url, engine, scheme, host, port, user):
    parsed = parse_search_url(url)
    assert (parsed.engine, parsed.scheme, parsed.host, parsed.port, parsed.username) == (
        engine,
        scheme,
        host,
        port,
        user,
    )


@pytest.mark.parametrize(
    ("url", "nodes"),
    [
        (
            "opensearch://127.0.0.1:9211,127.0.0.1:9212,127.0.0.1:9213",
            [("127.0.0.1", 9211), ("127.0.0.1", 9212), ("127.0.0.1", 9213)],
        ),
        ("opensearch://a.example, b.example:9201", [("a.example", 9200), ("b.example", 9201)]),
        ("opensearch://[::1]:9211,127.0.0.1:9212", [("::1", 9211), ("127.0.0.1", 9212)]),
        ("opensearch://search.example", [("search.example", 9200)]),
    ],
)
def test_a_cluster_url_names_every_node(url, nodes):
    parsed = parse_search_url(url)
    assert list(parsed.nodes) == nodes
    assert (parsed.host, parsed.port) == nodes[0]


def test_a_cluster_url_shares_scheme_and_credentials():
    parsed = parse_search_url("opensearch+https://zoek:g%40heim@s1.example:443,s2.example:443")
    assert (parsed.scheme, parsed.username, parsed.password) == ("https", "zoek", "g@heim")
    assert parsed.base_urls == ["https://s1.example:443", "https://s2.example:443"]


def test_a_cluster_client_knows_every_node_and_moves_on_after_a_failure():
    client = build_client("opensearch://127.0.0.1:9211,127.0.0.1:9212,127.0.0.1:9213")
    transport = client.transport
    assert sorted(c.port for c in transport.connection_pool.connections) == [9211, 9212, 9213]
    assert (transport.max_retries, transport.retry_on_timeout) == (2, True)
    single = build_client("opensearch://127.0.0.1:9200").transport
    assert (single.max_retries, single.retry_on_timeout) == (1, False)


def test_password_is_url_decoded():
    assert parse_search_url("opensearch+https://u:g%40heim@h:1").password == "g@heim"


@pytest.mark.parametrize(
    "url",
    [
        "solr://h:1",
        "opensearch+ftp://h:1",
        "http://h:9200",
        "opensearch://",
        "opensearch://h:notaport",
        "opensearch://h:1,:2",
        "opensearch://,",
        "127.0.0.1:9200",
    ],
)
def test_bad_search_url_is_a_configuration_error(url):
    with pytest.raises(ImproperlyConfigured):
        parse_search_url(url)


def test_client_types(settings):
    from elasticsearch import Elasticsearch
    from opensearchpy import OpenSearch

    assert isinstance(build_client("opensearch://127.0.0.1:9200"), OpenSearch)
    assert isinstance(build_client("elasticsearch://127.0.0.1:9200"), Elasticsearch)


@pytest.mark.engine
def test_dutch_analyzer_finds_document_by_stemmed_word(search_url):
    client = build_client(search_url)
    index = "smoke-dutch"
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(
        index=index,
        body={
            "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 0,
                "analysis": {
                    "analyzer": {
                        "nl": {
                            "tokenizer": "standard",
                            "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stem"],
                        }
                    },
                    "filter": {
                        "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                        "dutch_stem": {"type": "stemmer", "language": "dutch"},
                    },
                },
            },
            "mappings": {"properties": {"title": {"type": "text", "analyzer": "nl"}}},
        },
    )
    client.index(
        index=index,
        id="1",
        body={"title": "Gesprekken met jongeren over radicalisering"},
        refresh=True,
    )
    client.index(index=index, id="2", body={"title": "Begroting wegonderhoud"}, refresh=True)
    result = client.search(index=index, body={"query": {"match": {"title": "gesprek jongere"}}})
    assert [hit["_id"] for hit in result["hits"]["hits"]] == ["1"]
    client.indices.delete(index=index)


def test_a_failed_node_is_tried_again_within_seconds_not_half_an_hour():
    """A worker's client outlives an outage of the whole cluster: it must see it come back."""
    pool = build_client("opensearch://127.0.0.1:9,127.0.0.1:10").transport.connection_pool
    assert pool.dead_timeout * 2**pool.timeout_cutoff <= 16
