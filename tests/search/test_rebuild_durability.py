"""A rebuild loads with an asynchronous translog (faster) and still leaves an index that a node
restarted right after opens from disk, with every item and nothing to replay."""

import pytest

pytestmark = pytest.mark.engine


def _translog(engine, index: str) -> list[dict]:
    stats = engine.client.indices.stats(index=index, metric="translog", level="shards")
    return [copy for copies in stats["indices"][index]["shards"].values() for copy in copies]


def test_a_rebuilt_index_is_committed_with_nothing_left_to_replay(engine_index, make_question):
    from search.index import rebuild

    for n in range(40):
        make_question(f"Vraag {n} over buurtbemiddeling")
    live = rebuild()["index"]

    settings = engine_index.client.indices.get_settings(index=live)[live]["settings"]["index"]
    assert settings["translog"]["durability"] == "request"
    assert settings["refresh_interval"] == "1s"
    for copy in _translog(engine_index, live):
        # Recovery starts from the last commit it trusts and replays the translog from there:
        # everything is in the commit, so a restart has no operation to index again.
        assert int(copy["commit"]["user_data"]["max_seq_no"]) == 39
        assert copy["translog"]["operations"] == 0
    assert engine_index.count_by_kind() == {"question": 40}


def test_an_index_loaded_with_an_asynchronous_translog_needs_a_second_flush(engine_index):
    """What flush_durably is for: the first commit after such a load keeps the translog."""
    from search.documents import doc_id
    from search.index import new_index_name
    from search.mapping import index_body

    name = new_index_name()
    engine_index.create_index(name, index_body(name, bulk_load=True))
    try:
        lines = []
        for n in range(200):
            lines += [{"index": {"_index": name, "_id": doc_id("question", n)}}, {"id": n}]
        engine_index.send_bulk(lines)
        engine_index.put_settings(name, {"index": {"translog.durability": "request"}})
        engine_index.client.indices.flush(index=name)
        assert engine_index.replaying_shards(name) == [f"{name}[0]"]

        engine_index.flush_durably(name)
        assert engine_index.replaying_shards(name) == []
    finally:
        engine_index.delete_index(name)
