"""The engine going down never loses an edit or breaks a page; the queue catches up."""

import pytest

from search.models import PendingIndexOperation, SearchEntry
from search.sync import drain

pytestmark = pytest.mark.engine
CLOSED_PORT_URL = "opensearch://127.0.0.1:9"


def test_edits_while_the_engine_is_down_are_kept_and_land_when_it_is_back(
    engine_index, make_question, settings, client, django_capture_on_commit_callbacks
):
    from search.client import _client_for

    live_url = settings.SEARCH_URL
    settings.SEARCH_URL = CLOSED_PORT_URL
    _client_for.cache_clear()
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question("Vraag over buurtbemiddeling tijdens storing")
    assert PendingIndexOperation.objects.filter(object_id=question.pk).exists()
    assert SearchEntry.objects.filter(object_id=question.pk).exists()

    page = client.get("/zoeken/", {"q": "buurtbemiddeling"})
    assert page.status_code == 200
    assert "tijdelijk niet bereikbaar" in page.content.decode()
    assert "buurtbemiddeling" in page.content.decode()
    answer = client.get("/api/v1/search", {"q": "buurtbemiddeling"})
    assert answer.status_code == 200 and answer.json()["count"] == 1

    settings.SEARCH_URL = live_url
    _client_for.cache_clear()
    assert drain() == (1, 0)
    engine_index.refresh()
    assert engine_index.count_by_kind() == {"question": 1}
    answer = client.get("/api/v1/search", {"q": "buurtbemiddeling"}).json()
    assert [r["id"] for r in answer["results"]] == [question.pk]


def test_searches_during_a_rebuild_all_succeed(engine_index, make_question, client):
    import threading

    from search.index import rebuild

    for n in range(30):
        make_question(f"Vraag {n} over wijkveiligheid")
    rebuild()
    errors, done = [], threading.Event()

    def search_loop():
        from django.db import connection

        while not done.is_set():
            response = client.get("/api/v1/search", {"q": "wijkveiligheid"})
            if response.status_code != 200:
                errors.append(response.status_code)
        connection.close()

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        for _ in range(3):
            rebuild()
    finally:
        done.set()
        thread.join()
    assert errors == []
    assert len(engine_index.alias_targets()) == 1


def test_a_large_collection_is_rebuilt_on_two_shards_with_exact_counts_and_facets(
    engine_index, make_question, municipality, client, monkeypatch
):
    from search import mapping
    from search.index import rebuild

    for n in range(12):
        make_question(f"Vraag {n} over buurtpreventie", municipality=municipality)
    make_question("Vraag over iets anders")
    rebuild()
    one_shard = client.get("/api/v1/search", {"q": "buurtpreventie", "page_size": 20}).json()

    monkeypatch.setattr(mapping, "SHARD_SPLIT_AT", 10)  # as if 13 items were many
    rebuild()
    (index,) = engine_index.alias_targets()
    shards = engine_index.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert shards["number_of_shards"] == "2"
    two_shards = client.get("/api/v1/search", {"q": "buurtpreventie", "page_size": 20}).json()
    assert two_shards["count"] == one_shard["count"] == 12
    assert two_shards["facets"] == one_shard["facets"]
    assert {r["id"] for r in two_shards["results"]} == {r["id"] for r in one_shard["results"]}


def test_a_rebuild_asking_more_replicas_than_nodes_still_goes_live_and_says_so(
    engine_index, make_question, client, settings, caplog
):
    from search.index import rebuild

    make_question("Vraag over buurtpreventie")
    settings.SEARCH_REPLICAS = 1  # one node: the replica can never be placed
    settings.SEARCH_BULK_TIMEOUT = 2
    rebuild()

    (index,) = engine_index.alias_targets()
    replicas = engine_index.client.indices.get_settings(index=index)[index]["settings"]["index"]
    assert replicas["number_of_replicas"] == "1"
    assert client.get("/api/v1/search", {"q": "buurtpreventie"}).json()["count"] == 1
    assert "has unplaced replicas (status yellow)" in caplog.text
