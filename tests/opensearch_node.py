"""Start a real OpenSearch node from services/opensearch/ for the test session.

`OpenSearchNode().start()` is the single node the session's `search_node` fixture uses. The
same class, given a name, fixed ports, a home and seed hosts, is one member of a cluster
(tests/opensearch_cluster.py starts three of them).
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICE_DIR = ROOT / "services" / "opensearch"
START_TIMEOUT = 180
BASH = shutil.which("bash") or "/bin/bash"
READY_LINE = " ready on http://"  # run.sh prints it once the node's cluster is usable


class OpenSearchUnavailable(RuntimeError):
    pass


def _free_port() -> int:
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports (all held open together, so none is handed out twice)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except OSError:
        return False


def require_tools() -> None:
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise OpenSearchUnavailable(
                f"'{tool}' was not found: the engine tests need Java 17 and Maven to "
                "start the OpenSearch node in services/opensearch/ (or set TEST_SEARCH_URL "
                "to a running node)."
            )


def build() -> None:
    """Compile the node if its sources changed (services/opensearch/build.sh)."""
    result = subprocess.run(  # noqa: S603
        [BASH, str(SERVICE_DIR / "build.sh")], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise OpenSearchUnavailable(
            "Building the OpenSearch node failed:\n" + result.stdout[-3000:] + result.stderr[-3000:]
        )


class OpenSearchNode:
    """A node on a free port with a throw-away data directory; `stop()` ends it.

    Cluster members pass `port`, `transport_port`, `home`, `node_name`, `seed_hosts` and
    `initial_cluster_manager_nodes` (run.sh's options); their home survives `kill()` and
    `stop(keep_home=True)`, so `start()` again brings the same node back with its data.
    """

    def __init__(
        self,
        *,
        port: int | None = None,
        transport_port: int | None = None,
        home: Path | None = None,
        node_name: str | None = None,
        cluster_name: str | None = None,
        seed_hosts: Sequence[str] = (),
        initial_cluster_manager_nodes: Sequence[str] = (),
        java_opts: str | None = None,
    ):
        require_tools()
        self.port = port or _free_port()
        self.transport_port = transport_port
        self._own_home = home is None
        self.home = Path(tempfile.mkdtemp(prefix="kn-opensearch-")) if home is None else home
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_path = self.home / "node.log"
        self.node_name = node_name
        self.cluster_name = cluster_name
        self.seed_hosts = list(seed_hosts)
        self.initial_cluster_manager_nodes = list(initial_cluster_manager_nodes)
        self.java_opts = java_opts
        self.process = None
        self._log_offset = 0

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def search_url(self) -> str:
        return f"opensearch://127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, *, build_first: bool = True) -> "OpenSearchNode":
        if build_first:
            build()
        self.launch()
        return self.wait_ready()

    def launch(self) -> None:
        """Start the JVM and return at once (a cluster launches its nodes together)."""
        env = {**os.environ, "OPENSEARCH_PORT": str(self.port), "OPENSEARCH_HOME": str(self.home)}
        if self.cluster_name:
            env["OPENSEARCH_CLUSTER"] = self.cluster_name
        if self.java_opts is not None:
            env["OPENSEARCH_JAVA_OPTS"] = self.java_opts
        # Appended, so a restarted node's log follows the first run's.
        log = self.log_path.open("a")
        self._log_offset = log.tell()
        self.process = subprocess.Popen(  # noqa: S603
            [BASH, str(SERVICE_DIR / "run.sh"), *self._cluster_args()],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()

    def _cluster_args(self) -> list[str]:
        args = []
        if self.node_name:
            args += ["--node-name", self.node_name]
        if self.transport_port:
            args += ["--transport-port", str(self.transport_port)]
        if self.seed_hosts:
            args += ["--seed-hosts", ",".join(self.seed_hosts)]
        if self.initial_cluster_manager_nodes:
            managers = ",".join(self.initial_cluster_manager_nodes)
            args += ["--initial-cluster-manager-nodes", managers]
        return args

    def _log_since_launch(self) -> str:
        with self.log_path.open() as log:
            log.seek(self._log_offset)
            return log.read()

    def _ready(self) -> bool:
        if not _answers(self.http_url):
            return False
        # A cluster member answers HTTP before the cluster has elected a cluster manager.
        return not self.seed_hosts or READY_LINE in self._log_since_launch()

    def wait_ready(self, timeout: float = START_TIMEOUT) -> "OpenSearchNode":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise OpenSearchUnavailable(
                    f"The OpenSearch node exited with {self.process.returncode}:\n"
                    + self._log_since_launch()[-4000:]
                )
            if self._ready():
                return self
            time.sleep(0.5)
        self.stop()
        raise OpenSearchUnavailable(
            f"The OpenSearch node did not answer within {timeout:.0f}s:\n"
            + self._log_since_launch()[-4000:]
        )

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no clean shutdown, the data stays."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process:
            self.process.wait()

    def stop(self, *, keep_home: bool = False) -> None:
        if self.running:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self._own_home and not keep_home:
            shutil.rmtree(self.home, ignore_errors=True)
