"""Edits made while the engine is down reach the index afterwards without anyone running a
command: after a request with the immediate backend, by a worker's maintenance otherwise."""

import contextlib
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from search.client import _client_for
from search.models import PendingIndexOperation
from tests.worker_process import worker_environment

pytestmark = pytest.mark.engine
ROOT = Path(__file__).resolve().parents[2]
WORKER_SETTINGS = """
from exchange.settings.dev import *  # noqa: F403

DEBUG = False
MAINTENANCE_INTERVAL = 1
"""


class SwitchableProxy:
    """A TCP relay to the real node whose address stays the same across an "outage":
    `down()` refuses connections and cuts open ones, as a stopped engine does; `up()` again."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"opensearch://127.0.0.1:{self.port}"
        self.listener = None
        self.open: list[socket.socket] = []

    def up(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(32)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        if self.listener is not None:
            # Wakes the blocked accept(); close() alone would leave it listening.
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        for sock in self.open:
            sock.close()
        self.open.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed: the engine is "down"
            server = socket.create_connection(self.upstream)
            self.open += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def engine_behind_proxy(engine_index, settings):
    node = urlsplit(settings.SEARCH_URL)
    proxy = SwitchableProxy((node.hostname, node.port))
    proxy.up()
    settings.SEARCH_URL = proxy.url
    _client_for.cache_clear()
    yield proxy
    proxy.down()
    _client_for.cache_clear()


def edit_while_down(proxy, make_question, capture):
    proxy.down()
    with capture(execute=True):
        question = make_question("Vraag over buurtbemiddeling tijdens storing")
    assert PendingIndexOperation.objects.filter(object_id=question.pk).exists()
    return question


def found_by_engine(client, engine, question) -> bool:
    engine.refresh()
    answer = client.get("/api/v1/search", {"q": "buurtbemiddeling"}).json()
    return answer.get("engine") != "database" and [r["id"] for r in answer["results"]] == [
        question.pk
    ]


def wait_for(condition, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_with_the_immediate_backend_a_request_catches_the_index_up(
    engine_behind_proxy, engine_index, make_question, client, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    settings.MAINTENANCE_AFTER_REQUESTS = 0  # every request may run a pass (30 s by default)
    question = edit_while_down(
        engine_behind_proxy, make_question, django_capture_on_commit_callbacks
    )

    assert client.get("/zoeken/", {"q": "buurtbemiddeling"}).status_code == 200  # the fallback
    assert PendingIndexOperation.objects.count() == 1  # the engine is still down: kept

    engine_behind_proxy.up()
    # Any request will do (a monitor's health check here); nobody runs a command.
    assert client.get("/healthz").status_code == 200

    assert not PendingIndexOperation.objects.exists()
    engine_index.refresh()
    assert engine_index.count_by_kind() == {"question": 1}
    assert found_by_engine(client, engine_index, question)


def test_a_worker_catches_the_index_up_when_the_engine_returns(
    engine_behind_proxy, engine_index, make_question, client, settings, tmp_path,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    question = edit_while_down(
        engine_behind_proxy, make_question, django_capture_on_commit_callbacks
    )
    env = worker_environment(
        tmp_path,
        WORKER_SETTINGS,
        SEARCH_URL=engine_behind_proxy.url,
        SEARCH_INDEX_PREFIX=settings.SEARCH_INDEX_PREFIX,
    )
    log = tmp_path / "worker.log"
    with open(log, "w") as out:
        worker = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "run_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        time.sleep(4)  # a few maintenance passes while the engine is down
        assert PendingIndexOperation.objects.count() == 1
        assert worker.poll() is None

        engine_behind_proxy.up()
        wait_for(
            lambda: not PendingIndexOperation.objects.exists(),
            timeout=60,
            what="the worker to drain the pending update",
        )
        engine_index.refresh()
        assert engine_index.count_by_kind() == {"question": 1}
        assert found_by_engine(client, engine_index, question)
    finally:
        worker.terminate()
        worker.wait(timeout=15)
        print(log.read_text()[-2000:])
