"""The first results in the order of their likeness to the best two (pseudo-relevance feedback).

Word rules decide which items hold what was asked; they cannot tell an item that is about it
from one that mentions the same words in passing ("een wethouder werd bedreigd" in the body of
a question about an azc evening, for "bedreigde wethouder"). The best two results usually are
about it, and the other results that are about it share their vocabulary: the names, groups,
places and methods of the subject, not only the query's words. So the first `WINDOW` results
are ordered by their place plus `WEIGHT` times the cosine between their words and the mean of
the first `FEEDBACK` results' words (tf·idf).

- Both engines: it runs after either has answered (`engines.search`), on the database
  engine's rows (title, summary with theme and municipality names, the opening of the body;
  stemmed, compounds split: `search.text.joined`), which the sync keeps for every item.
- Only the first `WINDOW` places of the engine's answer, among themselves; totals and facets
  are untouched. With the re-ordering by meaning (search.embedding, after this one) the
  engine answers with its first thirty and every page in them is cut from the one order;
  without it, only page 1 is re-ordered, among itself, and no result moves to another page.
- idf from the collection's document frequencies (`TermStatistics`), worked out in the
  background (`refresh_statistics`: a maintenance job when the collection has changed, and
  every rebuild); until they exist the engine's order stands.
- It reads only rows of results the viewer was already shown, one query.

Chosen on the tuning half only (bench/relevance.py): the place counts as 1/log2(place + 2) as
nDCG does; two feedback items and weight 2 lie on a plateau for both engines (one item, or
weight 5, was better for OpenSearch alone and worse for the database engine). See
docs/search.md for the figures on all three sets.
"""

import logging
import math
import operator
import time
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

WINDOW = 10
FEEDBACK = 2
WEIGHT = 2.0
# The opening of an item's body (its terms: words, then compound parts) says what it is
# about; a long attachment would drown it and cost time on every search.
BODY_CHARS = 10_000
# The statistics are worked out again when the number of items has moved by this share, or
# when they are this old (edits change the vocabulary without changing the count).
STATS_CHANGE = 0.05
STATS_MAX_AGE = 6 * 3600
# A web process's quick maintenance pass (no worker: `make run`) works them out only for a
# collection up to this size; a worker's pass or a rebuild does it for any size.
QUICK_ITEMS = 5_000
# A term held by one item only weighs as any unknown term: not kept (half of a vocabulary).
MIN_ITEMS = 2
VERSION_KEY = "search:term-statistics"

TERM_COLUMNS = "title_terms, summary_terms, body_terms"
UNKNOWN = ""  # the idf key of terms the statistics do not hold (no term is empty)

# A process asks the cache for the current version at most this often (seconds).
CHECK_EVERY = 10.0
# 1 + log(n) for the counts most terms have in one item.
TF_WEIGHT = tuple(1 + math.log(count) for count in range(1, 65))

_loaded: tuple[str, dict[str, float], dict[str, int]] | None = None
_version_checked = 0.0


def _item_terms(title_terms: str, summary_terms: str, body_terms: str) -> list[str]:
    return f"{title_terms} {summary_terms} {body_terms[:BODY_CHARS]}".split()


def refresh_statistics() -> dict:
    """Count in how many items each term occurs, over every database row, and keep it."""
    from .models import SearchEntry, TermStatistics

    started = time.perf_counter()
    frequencies: Counter[str] = Counter()
    items = 0
    rows = SearchEntry.objects.values_list("title_terms", "summary_terms", "body_terms")
    for row in rows.iterator(chunk_size=2000):
        frequencies.update(set(_item_terms(*row)))
        items += 1
    kept = {term: count for term, count in frequencies.items() if count >= MIN_ITEMS}
    stats, _created = TermStatistics.objects.update_or_create(
        pk=1, defaults={"items": items, "frequencies": kept, "computed_at": timezone.now()}
    )
    transaction.on_commit(lambda: cache.set(VERSION_KEY, _version(stats), timeout=None))
    forget()  # this process asks for the new version at its next search
    seconds = time.perf_counter() - started
    logger.info("Search term statistics: %s items, %s terms, %.1f s", items, len(kept), seconds)
    return {"items": items, "terms": len(kept)}


def _version(stats) -> str:
    return f"{stats.computed_at.isoformat()}/{stats.items}"


def statistics_due(sender=None, *, quick: bool = False, **kwargs) -> dict | None:
    """maintenance_due receiver: work the statistics out again once the collection changed."""
    from .models import SearchEntry, TermStatistics

    # Every maintenance pass asks: without the frequencies (megabytes at 100,000 items).
    stats = TermStatistics.objects.only("items", "computed_at").first()
    items = SearchEntry.objects.count()
    if stats is not None:
        age = (timezone.now() - stats.computed_at).total_seconds()
        moved = abs(items - stats.items) > STATS_CHANGE * stats.items
        if not moved and age < STATS_MAX_AGE:
            # A cache that lost the version (a restarted Redis) gets it back.
            if cache.get(VERSION_KEY) != _version(stats):
                cache.set(VERSION_KEY, _version(stats), timeout=None)
            return None
    if not items or (quick and items > QUICK_ITEMS):
        return None
    return refresh_statistics()


def _current() -> tuple[str, dict[str, float], dict[str, int]] | None:
    """(version, each known term's idf, each term's item count) as this process holds them,
    worked out again only when a refresh changed the frequencies.

    The cache holds which version is current, asked at most every `CHECK_EVERY` seconds (a
    cache read is a database query without Redis), so a search reads the table only after a
    refresh; with no version known (not worked out yet) the engine's order stands. The
    module's copy is read once into a local: another thread (a maintenance pass's `forget`)
    may drop it meanwhile."""
    global _loaded, _version_checked
    now = time.monotonic()
    loaded = _loaded
    if loaded is not None and now - _version_checked < CHECK_EVERY:
        return loaded
    _version_checked = now
    version = cache.get(VERSION_KEY)
    if version is None:
        _loaded = None
        return None
    if loaded is None or loaded[0] != version:
        from .models import TermStatistics

        stats = TermStatistics.objects.first()
        if stats is None:
            return None
        items = max(stats.items, 2)
        idf = {term: math.log(items / count) for term, count in stats.frequencies.items()}
        idf[UNKNOWN] = math.log(items)  # a term held by one item, or none
        loaded = _loaded = (_version(stats), idf, stats.frequencies)
    return loaded


def _statistics() -> dict[str, float] | None:
    """Each known term's idf (see `_current`)."""
    current = _current()
    return None if current is None else current[1]


def vocabulary() -> tuple[str, dict[str, int]]:
    """The collection's terms (stems, and parts of listed compounds) with the number of items
    holding each (two or more), and the version of these figures; ("", {}) until they exist.
    Query understanding splits compounds by it (search.understanding.vocabulary_split)."""
    current = _current()
    return ("", {}) if current is None else (current[0], current[2])


def forget() -> None:
    """Drop what this process holds: its next search asks the cache for the version."""
    global _loaded, _version_checked
    _loaded, _version_checked = None, 0.0


def _weights(terms: list[str], idf: dict[str, float]) -> tuple[dict[str, float], float]:
    """An item's tf·idf weights and their length (the cosine divides by it)."""
    unknown = idf[UNKNOWN]
    weights = {
        term: (TF_WEIGHT[count - 1] if count <= 64 else 1 + math.log(count))
        * idf.get(term, unknown)
        for term, count in Counter(terms).items()
    }
    return weights, math.hypot(*weights.values()) or 1.0


def _dot(one: dict[str, float], other: dict[str, float]) -> float:
    common = one.keys() & other.keys()
    return sum(map(operator.mul, map(one.__getitem__, common), map(other.__getitem__, common)))


def entry_rows(keys: set[tuple[str, int]], columns: str, condition: str = "") -> list[tuple]:
    """(kind, object_id, *columns) of these (kind, id) rows, and of rows with another kind and
    one of the ids (the caller keeps the ones it asked for); `columns` and `condition` are
    this module's and search.embedding's own SQL, never a caller's input.

    In SQL as written: the ORM took 0.4 ms of the re-ordering's 1.1 ms to build this one
    query (0.07 ms as SQL), and the API's own time is what the speed aim limits."""
    from .models import SearchEntry

    kinds = sorted({kind for kind, _pk in keys})
    ids = sorted({pk for _kind, pk in keys})
    # Only the quoted table name, the callers' fixed column lists and placeholders are
    # formatted in; the values are parameters.
    sql = (  # noqa: S608
        "SELECT kind, object_id, {columns} FROM {table} "
        "WHERE kind IN ({kinds}) AND object_id IN ({ids}){condition}"
    ).format(
        columns=columns,
        table=connection.ops.quote_name(SearchEntry._meta.db_table),
        kinds=", ".join(["%s"] * len(kinds)),
        ids=", ".join(["%s"] * len(ids)),
        condition=f" AND {condition}" if condition else "",
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*kinds, *ids])
        return cursor.fetchall()


def rerank(results: list[dict]) -> list[dict]:
    """`results` (the first page, best first) with its first `WINDOW` in the new order."""
    head = results[:WINDOW]
    if len(head) <= FEEDBACK:
        return results
    idf = _statistics()
    if idf is None:
        return results
    keys = {(result["kind"], result["id"]) for result in head}
    weighed = {
        (kind, pk): _weights(_item_terms(*texts), idf)
        for kind, pk, *texts in entry_rows(keys, TERM_COLUMNS)
        if (kind, pk) in keys
    }
    centre: Counter[str] = Counter()
    for result in head[:FEEDBACK]:
        weights, length = weighed.get((result["kind"], result["id"]), ({}, 1.0))
        for term, weight in weights.items():
            centre[term] += weight / length / FEEDBACK

    def score(place: int, result: dict) -> float:
        weights, length = weighed.get((result["kind"], result["id"]), ({}, 1.0))
        return 1 / math.log2(place + 2) + WEIGHT * _dot(weights, centre) / length

    scored = sorted(enumerate(head), key=lambda pair: score(*pair), reverse=True)
    return [result for _place, result in scored] + results[WINDOW:]
