"""On a real three-node cluster, a search survives a node being killed, and nothing is lost.

The module starts its own cluster (tests/opensearch_cluster.py): three JVMs from
services/opensearch/, SEARCH_URL naming all three, one replica per shard (SEARCH_REPLICAS=1),
as the stack runs them. The node killed is the one holding the index's primary shard, the
hardest case: the cluster must promote the replica while searches and edits keep coming.
"""

import logging
import uuid
from io import StringIO

import pytest
from django.core.management import call_command

from search.models import PendingIndexOperation
from tests.opensearch_cluster import OpenSearchCluster
from tests.practices.factories import make_practice

pytestmark = pytest.mark.engine
QUERY = "buurtvaders"


@pytest.fixture(scope="module")
def cluster():
    cluster = OpenSearchCluster().start()
    # Shown with -s / in CI's log: the price of this module.
    print(f"\nthree-node OpenSearch cluster green in {cluster.start_seconds:.1f} s")
    yield cluster
    cluster.stop()


@pytest.fixture
def cluster_engine(cluster, settings, transactional_db):
    """The site pointed at the whole cluster, with a fresh index prefix and one replica."""
    from django.contrib.auth.models import Group

    from search.client import _client_for
    from search.engines import get_engine

    for name in ("Moderators", "Admins", "Members"):
        Group.objects.get_or_create(name=name)
    settings.SEARCH_URL = cluster.search_url
    settings.SEARCH_REPLICAS = 1
    settings.SEARCH_INDEX_PREFIX = f"kn-cluster-{uuid.uuid4().hex[:8]}"
    _client_for.cache_clear()
    engine = get_engine()
    yield engine
    for node in range(len(cluster.nodes)):
        if not cluster.nodes[node].running:
            cluster.restart(node)
    for index in engine.alias_targets():
        engine.delete_index(index)
    _client_for.cache_clear()


def _found(client, query=QUERY) -> dict[int, str]:
    answer = client.get("/api/v1/search", {"q": query, "page_size": 50})
    assert answer.status_code == 200
    return {result["id"]: result["title"] for result in answer.json()["results"]}


def _answered_from_database(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "answering from the database" in r.message]


def test_the_index_gets_a_replica_on_another_node(cluster, cluster_engine, municipality):
    from search.index import rebuild

    make_practice(title="Buurtvaders op straat", municipality=municipality)
    rebuild()
    (index,) = cluster_engine.alias_targets()
    settings = cluster_engine.client.indices.get_settings(index=index)[index]["settings"]
    assert settings["index"]["number_of_replicas"] == "1"
    health = cluster.wait_for_health("green")
    assert health["number_of_nodes"] == 3
    shards = cluster.request(f"/_cat/shards/{index}?format=json&h=prirep,node,state")
    assert {s["state"] for s in shards} == {"STARTED"}
    assert len({s["node"] for s in shards}) == 2 == len(shards)


def test_searches_survive_a_killed_node_and_the_index_equals_the_database_after_its_restart(
    cluster, cluster_engine, municipality, client, caplog, django_capture_on_commit_callbacks
):
    from search.index import rebuild, status

    caplog.set_level(logging.WARNING, logger="search")
    with django_capture_on_commit_callbacks(execute=True):
        practices = [
            make_practice(title=f"Buurtvaders in wijk {n}", municipality=municipality)
            for n in range(1, 5)
        ]
        make_practice(title="Taalcafé voor nieuwkomers", municipality=municipality)
    rebuild()
    cluster.wait_for_health("green")
    expected = {p.pk: p.title for p in practices}
    assert _found(client) == expected

    (index,) = cluster_engine.alias_targets()
    victim = cluster.node_holding_primary(index)
    cluster.kill(victim)

    # Straight after the kill, before the cluster has noticed: more searches than nodes, so the
    # client's round robin meets the dead node too.
    for _ in range(2 * len(cluster.nodes)):
        assert _found(client) == expected
        page = client.get("/zoeken/", {"q": QUERY})
        assert page.status_code == 200
        assert not page.context["outcome"].fallback
        assert "Buurtvaders in wijk 3" in page.content.decode()
    assert _answered_from_database(caplog) == []

    # Edits while the node is down reach the index at once (the cluster is yellow, not red).
    with django_capture_on_commit_callbacks(execute=True):
        added = make_practice(title="Buurtvaders bij het station", municipality=municipality)
        renamed = practices[0]
        renamed.title = "Buurtvaders en buurtmoeders in wijk 1"
        renamed.save_revision().publish()
    assert not PendingIndexOperation.objects.exists()
    cluster_engine.refresh()
    expected |= {added.pk: added.title, renamed.pk: renamed.title}
    assert _found(client) == expected
    assert cluster.health()["number_of_nodes"] == 2
    healthz = client.get("/healthz").json()  # monitoring sees the lost node, users do not
    assert healthz["search"] == "ok"
    assert healthz["search_nodes"]["count"] == 2
    assert healthz["search_nodes"]["status"] in {"yellow", "green"}

    cluster.restart(victim)
    health = cluster.wait_for_health("green", nodes=3)
    assert health["unassigned_shards"] == 0
    info = status()
    assert info["database"]["practice"] == 6
    assert info["index"] == {kind: n for kind, n in info["database"].items() if n}
    assert info["pending"] == 0
    out = StringIO()
    call_command("search_index_status", stdout=out)
    assert "practice: database 6, index 6" in out.getvalue()
    assert "pending operations: 0" in out.getvalue()
    assert _found(client) == expected
    assert _answered_from_database(caplog) == []
    assert client.get("/healthz").json()["search_nodes"] == {"count": 3, "status": "green"}
