"""Results that are dear to compute and cheap to keep, shared by every web process.

A family of results (e.g. the catalogue's facet counts) has a generation number in the cache.
Whatever changes the data the family depends on calls `changed(family)`, which bumps the
generation at once and again when the transaction has committed. A result is stored under the
generation that was current when its computation started, so a result computed from data that
changed meanwhile is stored under an old generation and never read: readers never see counts
older than the last committed change that announced itself. A change that does not announce
itself (a raw UPDATE) is covered by the timeout.

With the database cache (`make run`), a hit costs two small lookups; with Redis (production),
two round trips. When the cache is away (Redis restarting) every call computes: slower, never
wrong.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction


def _generation_key(family: str) -> str:
    return f"result-cache:{family}:generation"


def generation(family: str) -> int:
    key = _generation_key(family)
    current = cache.get(key)
    if current is None:
        # A fresh number, never a reused one: results stored under an evicted generation
        # must not come back to life.
        cache.add(key, time.time_ns(), timeout=None)
        current = cache.get(key)
    return current if current is not None else time.time_ns()


def cached(family: str, parts: tuple, compute, *, timeout: int):
    """compute()'s value for `parts` within `family`, from the cache while nothing changed.

    A None from compute() is passed on and not kept (it means "could not tell", e.g. an engine
    that did not answer)."""
    key = _result_key(family, generation(family), parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            cache.set(key, value, timeout=timeout)
    return value


def cached_many(family: str, parts: dict, compute_missing, *, timeout: int) -> dict:
    """Like `cached`, for several results at once: {name: value} for each {name: parts}.

    One generation read and one cache round trip for all of them; `compute_missing(names)`
    is called once with the names not found and returns {name: value} for them."""
    current = generation(family)
    keys = {name: _result_key(family, current, p) for name, p in parts.items()}
    found = cache.get_many(list(keys.values()))
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in parts if name not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many(
            {keys[name]: computed[name] for name in missing if computed[name] is not None},
            timeout=timeout,
        )
        values.update(computed)
    return {name: values[name] for name in parts}


def changed(family: str) -> None:
    """The data behind `family` changed: bump its generation now and again after the commit.

    Now, so that this transaction's own next read (and a test's, which never commits) sees the
    change; after the commit, so that a result another process computed in between from the
    data as it was before the commit is left behind under the previous generation."""
    _bump(family)
    if not _bump_pending(family):

        def after_commit():
            _bump(family)

        after_commit.result_cache_family = family
        transaction.on_commit(after_commit)


def _bump_pending(family: str) -> bool:
    """Whether this transaction already bumps `family` when it commits (an import saving ten
    thousand pages needs one bump, not ten thousand). Django drops the callbacks of a rolled
    back transaction or savepoint from `run_on_commit` itself."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        getattr(callback, "result_cache_family", None) == family
        for _savepoints, callback, _robust in connection.run_on_commit
    )


def _bump(family: str) -> None:
    key = _generation_key(family)
    try:
        cache.incr(key)
    except ValueError:  # not there (evicted, or never read): start a fresh one
        cache.set(key, time.time_ns(), timeout=None)


def _result_key(family: str, current: int, parts: tuple) -> str:
    """Where the result for `parts` computed under generation `current` is kept."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"result-cache:{family}:{current}:{digest}"
