"""A real three-node OpenSearch cluster from services/opensearch/, for tests that kill a node.

Each node is an `OpenSearchNode` (tests/opensearch_node.py) with its own home under one
temporary directory, its own HTTP and transport port (free ones), and the others as seed hosts:
the same options the stack passes to run.sh. The JVMs start together; the cluster is ready when
all of them report ready and the cluster health says green with every node.

    cluster = OpenSearchCluster().start()
    cluster.search_url          # opensearch://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3
    cluster.kill(1)             # SIGKILL node-2's JVM
    cluster.restart(1)          # the same node again, on its old data
    cluster.stop()              # every node, and the temporary directory
"""

import json
import shutil
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from tests.opensearch_node import (
    START_TIMEOUT,
    OpenSearchNode,
    OpenSearchUnavailable,
    build,
    free_ports,
    require_tools,
)

# Small heaps keep three JVMs beside the test process within reason; C1 only (no C2
# compilation) saves a third of the start-up CPU on two cores and is plenty for test corpora.
JAVA_OPTS = "-Xms256m -Xmx512m -XX:TieredStopAtLevel=1"


class OpenSearchCluster:
    def __init__(self, size: int = 3, *, java_opts: str = JAVA_OPTS):
        require_tools()
        self.home = Path(tempfile.mkdtemp(prefix="kn-opensearch-cluster-"))
        ports = free_ports(2 * size)
        http_ports, transport_ports = ports[:size], ports[size:]
        names = [f"node-{n}" for n in range(1, size + 1)]
        seeds = [f"127.0.0.1:{port}" for port in transport_ports]
        cluster_name = f"kn-test-{uuid.uuid4().hex[:8]}"
        self.nodes = [
            OpenSearchNode(
                port=http_port,
                transport_port=transport_port,
                home=self.home / name,
                node_name=name,
                cluster_name=cluster_name,
                seed_hosts=seeds,
                initial_cluster_manager_nodes=names,
                java_opts=java_opts,
            )
            for name, http_port, transport_port in zip(
                names, http_ports, transport_ports, strict=True
            )
        ]
        self.start_seconds: float | None = None

    @property
    def search_url(self) -> str:
        return "opensearch://" + ",".join(f"127.0.0.1:{node.port}" for node in self.nodes)

    def start(self) -> "OpenSearchCluster":
        build()
        started = time.monotonic()
        try:
            for node in self.nodes:
                node.launch()
            for node in self.nodes:
                node.wait_ready()
            self.wait_for_health("green", nodes=len(self.nodes))
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - started
        return self

    def kill(self, index: int) -> OpenSearchNode:
        """SIGKILL one node's JVM; its data directory stays for `restart`."""
        node = self.nodes[index]
        node.kill()
        return node

    def restart(self, index: int) -> OpenSearchNode:
        node = self.nodes[index]
        node.stop(keep_home=True)  # a no-op after kill(); a clean stop otherwise
        node.launch()
        return node.wait_ready()

    def request(self, path: str, *, timeout: float = 10) -> dict:
        """GET `path` from the first running node that answers."""
        errors = []
        for node in self.nodes:
            if not node.running:
                continue
            try:
                with urllib.request.urlopen(  # noqa: S310 - loopback only
                    node.http_url + path, timeout=timeout
                ) as response:
                    return json.load(response)
            except urllib.error.HTTPError as error:
                # Health answers 408 with its body when the wait timed out.
                return json.load(error)
            except OSError as error:
                errors.append(f"{node.node_name}: {error}")
        raise OpenSearchUnavailable("No node of the cluster answered: " + "; ".join(errors))

    def health(self) -> dict:
        return self.request("/_cluster/health")

    def wait_for_health(
        self, status: str = "green", *, nodes: int | None = None, timeout: float = START_TIMEOUT
    ) -> dict:
        """Block until the cluster reaches `status` (or better) with `nodes` nodes."""
        deadline = time.monotonic() + timeout
        query = f"wait_for_status={status}&wait_for_nodes={nodes or len(self.nodes)}"
        health = {}
        while time.monotonic() < deadline:
            health = self.request(f"/_cluster/health?{query}&timeout=10s", timeout=20)
            if not health.get("timed_out", True):
                return health
            time.sleep(0.5)
        raise OpenSearchUnavailable(
            f"The cluster did not reach {status} with {nodes} nodes in {timeout:.0f}s: {health}"
        )

    def node_holding_primary(self, index: str) -> int:
        """Position in `nodes` of the node that holds shard 0's primary of `index`."""
        shards = self.request(f"/_cat/shards/{index}?format=json&h=shard,prirep,node,state")
        (primary,) = [s for s in shards if s["shard"] == "0" and s["prirep"] == "p"]
        return [node.node_name for node in self.nodes].index(primary["node"])

    def stop(self) -> None:
        for node in self.nodes:
            node.stop(keep_home=True)
        shutil.rmtree(self.home, ignore_errors=True)
