"""How a new index is laid out."""

from search.mapping import SHARD_SPLIT_AT, index_body


def test_collections_of_this_networks_size_keep_one_shard_and_exact_statistics():
    body = index_body("kn-x", ["azc, asielzoekerscentrum"], items=SHARD_SPLIT_AT - 1)
    assert body["settings"]["number_of_shards"] == 1
    body = index_body("kn-x", ["azc, asielzoekerscentrum"], items=100_000)
    assert body["settings"]["number_of_shards"] == 2
