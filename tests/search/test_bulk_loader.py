"""Rebuilds send bulk requests in the background: every batch arrives, and a refusal is not lost."""

import threading

import pytest

from search.engines.base import EngineUnavailable
from search.engines.opensearch import BulkLoader


class FakeEngine:
    def __init__(self, refuse_batch: int | None = None):
        self.received, self.refuse_batch = [], refuse_batch
        self.lock = threading.Lock()

    def index_documents(self, documents, *, index=None):
        with self.lock:
            self.received.append((index, [doc["id"] for doc in documents]))
            number = len(self.received)
        if number == self.refuse_batch:
            raise EngineUnavailable("1 documents refused")


def test_every_batch_reaches_the_new_index():
    engine = FakeEngine()
    with BulkLoader(engine, "kn-new") as loader:
        for start in range(0, 50, 10):
            loader.add([{"id": n} for n in range(start, start + 10)])
    assert sorted(n for index, ids in engine.received for n in ids) == list(range(50))
    assert {index for index, _ids in engine.received} == {"kn-new"}


def test_a_refused_batch_fails_the_load():
    engine = FakeEngine(refuse_batch=3)
    with pytest.raises(EngineUnavailable), BulkLoader(engine, "kn-new") as loader:
        for start in range(0, 50, 10):
            loader.add([{"id": n} for n in range(start, start + 10)])
