"""Start a real OpenSearch node from services/opensearch/ for the test session."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICE_DIR = ROOT / "services" / "opensearch"
START_TIMEOUT = 180
BASH = shutil.which("bash") or "/bin/bash"


class OpenSearchUnavailable(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return response.status == 200
    except OSError:
        return False


class OpenSearchNode:
    """A node on a free port with a throw-away data directory; `stop()` ends it."""

    def __init__(self):
        for tool in ("java", "mvn"):
            if shutil.which(tool) is None:
                raise OpenSearchUnavailable(
                    f"'{tool}' was not found: the engine tests need Java 17 and Maven to "
                    "start the OpenSearch node in services/opensearch/ (or set TEST_SEARCH_URL "
                    "to a running node)."
                )
        self.port = _free_port()
        self.home = Path(tempfile.mkdtemp(prefix="kn-opensearch-"))
        self.log_path = self.home / "node.log"
        self.process = None

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def search_url(self) -> str:
        return f"opensearch://127.0.0.1:{self.port}"

    def start(self) -> "OpenSearchNode":
        build = subprocess.run(  # noqa: S603
            [BASH, str(SERVICE_DIR / "build.sh")], capture_output=True, text=True
        )
        if build.returncode != 0:
            raise OpenSearchUnavailable(
                "Building the OpenSearch node failed:\n"
                + build.stdout[-3000:]
                + build.stderr[-3000:]
            )
        env = {**os.environ, "OPENSEARCH_PORT": str(self.port), "OPENSEARCH_HOME": str(self.home)}
        log = self.log_path.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [BASH, str(SERVICE_DIR / "run.sh")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise OpenSearchUnavailable(
                    f"The OpenSearch node exited with {self.process.returncode}:\n"
                    + self.log_path.read_text()[-4000:]
                )
            if _answers(self.http_url):
                return self
            time.sleep(0.5)
        self.stop()
        raise OpenSearchUnavailable(
            f"The OpenSearch node did not answer within {START_TIMEOUT}s:\n"
            + self.log_path.read_text()[-4000:]
        )

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)
