"""The OpenSearch engine; Elasticsearch differs only in how a few client calls are spelled."""

import logging
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from django.conf import settings
from elasticsearch.dsl import Search

from ..documents import doc_id
from ..labels import all_facet_rows, result_row
from ..mapping import alias_name
from ..params import FACETS, SearchParams
from ..query import (
    FACET_GROUP,
    FUZZY_WHEN_FEWER_THAN,
    MATCHED,
    SNIPPET_FIELDS,
    build_autocomplete,
    build_more_like_this,
    build_search,
)
from ..spelling import corrected_query
from ..text import stems
from ..understanding import Understood, collection_vocabulary, understand
from .base import ANY_WORD_WHEN_FEWER_THAN, EngineUnavailable, SearchEngine, SearchOutcome

logger = logging.getLogger(__name__)
MERGE_TIMEOUT = 900  # seconds; merging a 100,000-item index takes some tens of seconds
# Flushes asked of a freshly loaded index before its commit is one a restarted node trusts.
FLUSH_ATTEMPTS = 5


def _body(response) -> dict:
    # elasticsearch-py answers with ObjectApiResponse, opensearch-py with a dict.
    return getattr(response, "body", response)


def _total(answer: dict) -> int:
    return answer["hits"]["total"]["value"]


def _matched(answer: dict) -> int:
    """The matches before the facet filters: what decides whether to ask again."""
    matched = answer.get("aggregations", {}).get(MATCHED)
    return _total(answer) if matched is None else matched["doc_count"]


def facet_buckets(aggregations: dict, facet: str) -> list[dict]:
    """A facet's buckets: at the top, or inside the filter aggregation of its group."""
    if facet in aggregations:
        return aggregations[facet].get("buckets", [])
    for name, group in aggregations.items():
        if name.startswith(FACET_GROUP) and facet in group:
            return group[facet].get("buckets", [])
    return []


class BulkLoader:
    """Bulk requests sent from a background thread, at most `in_flight` at a time, so the node
    indexes one batch while the caller builds and serialises the next.

    Use as a context manager; leaving it waits for every batch and raises the first error."""

    def __init__(self, engine: "OpenSearchEngine", index: str, in_flight: int = 2):
        self.engine, self.index, self.in_flight = engine, index, in_flight
        self._pool = ThreadPoolExecutor(max_workers=in_flight, thread_name_prefix="bulk")
        self._pending: deque[Future] = deque()

    def add(self, documents: list[dict]) -> None:
        while len(self._pending) >= self.in_flight:
            self._pending.popleft().result()
        self._pending.append(
            self._pool.submit(self.engine.index_documents, documents, index=self.index)
        )

    def __enter__(self) -> "BulkLoader":
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        try:
            while self._pending:
                future = self._pending.popleft()
                if exc_type is None:
                    future.result()
                else:
                    future.exception()  # wait; the error already on its way wins
        finally:
            self._pool.shutdown(wait=True)


class OpenSearchEngine(SearchEngine):
    name = "opensearch"

    def __init__(self, client, alias: str | None = None):
        self.client = client
        self.alias = alias or alias_name()

    # -- client calls (the Elasticsearch engine overrides the ones spelled differently) --------

    def _guard(self, call, *args, **kwargs):
        try:
            return _body(call(*args, **kwargs))
        except Exception as exc:  # transport, timeout, missing index: all mean "not now"
            raise EngineUnavailable(str(exc)[:500]) from exc

    def send_search(self, body: dict, index: str | None = None) -> dict:
        return self._guard(self.client.search, index=index or self.alias, body=body)

    def send_bulk(self, lines: list[dict], *, refresh: bool = False) -> dict:
        # A bulk of hundreds of documents may take longer than a search while the node merges.
        kwargs = {"refresh": "true"} if refresh else {}
        kwargs["request_timeout"] = settings.SEARCH_BULK_TIMEOUT
        return self._guard(self.client.bulk, body=lines, **kwargs)

    def create_index(self, name: str, body: dict) -> None:
        self._guard(self.client.indices.create, index=name, body=body)

    def update_aliases(self, actions: list[dict]) -> None:
        self._guard(self.client.indices.update_aliases, body={"actions": actions})

    def put_settings(self, index: str, body: dict) -> None:
        self._guard(self.client.indices.put_settings, index=index, body=body)

    def delete_document(self, index: str, id: str) -> None:
        self._guard(self.client.delete, index=index, id=id, ignore=[404])

    def close_index(self, index: str) -> None:
        self._guard(self.client.indices.close, index=index)

    def open_index(self, index: str) -> None:
        self._guard(self.client.indices.open, index=index)

    def wait_for_index(self, index: str) -> None:
        self._guard(self.client.cluster.health, index=index, wait_for_status="yellow")

    def wait_for_replicas(self, index: str) -> None:
        """Wait (up to the bulk timeout) until every copy of the index is placed, so the
        alias never moves to an index one lost node would take away. Too few nodes for the
        replicas: say so and go on (the index works; it is just not redundant)."""
        answer = _body(self._green_health(index, int(settings.SEARCH_BULK_TIMEOUT)))
        if answer.get("timed_out") or answer.get("status") != "green":
            status = answer.get("status")
            logger.warning("Index %s has unplaced replicas (status %s)", index, status)

    def _green_health(self, index: str, seconds: int):
        # 408: the wait ran out; the body still says how far it got.
        return self._guard(
            self.client.cluster.health,
            index=index,
            wait_for_status="green",
            timeout=f"{seconds}s",
            request_timeout=seconds + 5,
            ignore=408,
        )

    def delete_index(self, index: str) -> None:
        self._guard(self.client.indices.delete, index=index)

    def refresh(self, index: str | None = None) -> None:
        self._guard(self.client.indices.refresh, index=index or self.alias)

    def flush_durably(self, index: str) -> None:
        """Commit the index so a node restarted now opens it from disk, without indexing its
        translog again operation by operation.

        A node trusts a commit only up to the global checkpoint it knows to be on disk. After
        a load with an asynchronous translog (mapping.index_body's `bulk_load`) that
        checkpoint lags, so the flush that ends the load commits beyond it: the node keeps
        the whole translog, and a restart starts from the empty index and replays every
        operation (48 s for 30,000 items on a 2-core machine). The next flush, with the
        checkpoint on disk, is trusted and lets the translog go."""
        for attempt in range(FLUSH_ATTEMPTS):
            self._guard(self.client.indices.flush, index=index, force=attempt > 0)
            if not self.replaying_shards(index):
                return
            time.sleep(0.1 * attempt)
        logger.warning("Index %s: a restart would replay its translog", index)

    def replaying_shards(self, index: str) -> list[str]:
        """The shard copies of `index` whose translog holds more operations than came after
        their last commit: the node does not trust that commit yet, and a restart would
        replay them from an older one."""
        stats = self._guard(
            self.client.indices.stats, index=index, metric="translog", level="shards"
        )
        replaying = []
        for name, shards in stats["indices"].items():
            for number, copies in shards.get("shards", {}).items():
                for copy in copies:
                    committed = int(copy["commit"]["user_data"].get("max_seq_no", -1))
                    since = copy["seq_no"]["max_seq_no"] - committed
                    if copy["translog"]["uncommitted_operations"] > since:
                        replaying.append(f"{name}[{number}]")
        return replaying

    def merge_segments(self, index: str) -> None:
        """One segment per shard, before a freshly loaded index goes live: the node stops
        merging in the background and a search reads one segment instead of several."""
        self._guard(
            self.client.indices.forcemerge,
            index=index,
            max_num_segments=1,
            request_timeout=MERGE_TIMEOUT,
        )

    def alias_targets(self) -> list[str]:
        try:
            return sorted(_body(self.client.indices.get_alias(name=self.alias)).keys())
        except Exception as exc:
            if getattr(exc, "status_code", None) == 404 or "404" in str(exc)[:20]:
                return []
            raise EngineUnavailable(str(exc)[:500]) from exc

    def count_by_kind(self, index: str | None = None) -> dict[str, int]:
        body = Search().extra(size=0)
        body.aggs.bucket("kinds", "terms", field="kind")
        answer = self.send_search(body.to_dict(), index=index)
        return {b["key"]: b["doc_count"] for b in answer["aggregations"]["kinds"]["buckets"]}

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False

    # -- the interface ---------------------------------------------------------------------------

    def search(self, params: SearchParams, viewer) -> SearchOutcome:
        understood = understand(params.q, vocabulary=collection_vocabulary())
        answer = self._ask(build_search(params, viewer, self.alias, understood))
        suggestion = None
        if understood:
            corrections = self._corrections(answer, understood)
            suggestion = corrected_query(params.q, corrections)
            if corrections and _matched(answer) < ANY_WORD_WHEN_FEWER_THAN:
                # Too little for the words as typed: ask again with the corrections as
                # another form of the misspelt words (the typed form still counts).
                understood = understood.with_corrections(corrections)
                answer = self._ask(self._build(params, viewer, understood))
            if _matched(answer) < ANY_WORD_WHEN_FEWER_THAN:
                answer = self._ask(self._build(params, viewer, understood, every_word=False))
            if self._may_be_misspelt(answer):
                answer = self._ask(self._build(params, viewer, understood, fuzzy=True))
        hits = answer["hits"]["hits"]
        aggregations = answer.get("aggregations", {})
        facets = all_facet_rows(
            {
                facet: [(b["key"], b["doc_count"]) for b in facet_buckets(aggregations, facet)]
                for facet in FACETS
            },
            params,
        )
        return SearchOutcome(
            count=_total(answer),
            page=params.page,
            page_size=params.page_size,
            results=[result_row(hit["_source"], self._snippet(hit)) for hit in hits],
            facets=facets,
            suggestion=suggestion,
            engine=self.name,
        )

    def _build(self, params, viewer, understood, **kwargs) -> dict:
        # Only the first request of a search asks for spelling corrections.
        return build_search(params, viewer, self.alias, understood, suggest=False, **kwargs)

    def _ask(self, body: dict) -> dict:
        return self.send_search(body)

    @staticmethod
    def _may_be_misspelt(answer: dict) -> bool:
        """So few matches that a typo is the likelier story. (With more, a misspelt word is
        offered as "bedoelde u …" instead.)"""
        return _matched(answer) < FUZZY_WHEN_FEWER_THAN

    @staticmethod
    def _snippet(hit: dict) -> str | None:
        highlight = hit.get("highlight") or {}
        for field in SNIPPET_FIELDS:
            if field in highlight:
                return highlight[field][0]
        return None

    @staticmethod
    def _corrections(answer: dict, understood: Understood) -> dict[str, str]:
        """Typed word -> correction, from the best spelling candidate that passed the access
        check (`collate` dropped the others) and is more than another inflection of the words
        typed: "wijkagenten" for "wijkagent" would find nothing the search did not already
        find by the stem."""
        suggest = answer.get("suggest", {}).get("spelling") or []
        typed = understood.text.split()
        for option in suggest[0]["options"] if suggest else []:
            words = option["text"].split()
            if len(words) != len(typed) or stems(option["text"]) == stems(understood.text):
                continue
            return {old: new for old, new in zip(typed, words, strict=True) if old != new}
        return {}

    def autocomplete(self, text: str, viewer, size: int = 8) -> list[dict]:
        if not text:
            return []
        search = build_autocomplete(text, viewer, self.alias, size)
        answer = self.send_search(search.to_dict())
        return [
            {key: hit["_source"].get(key) for key in ("kind", "id", "title", "url")}
            for hit in answer["hits"]["hits"]
        ]

    def more_like_this(self, kind: str, pk: int, viewer, size: int = 5) -> list[dict]:
        search = build_more_like_this(kind, pk, viewer, self.alias, size)
        answer = self.send_search(search.to_dict())
        return [result_row(hit["_source"], None) for hit in answer["hits"]["hits"]]

    def bulk_loader(self, index: str) -> BulkLoader:
        """For filling a new index (rebuilds): bulk requests overlap with building batches."""
        return BulkLoader(self, index)

    def index_documents(self, documents: list[dict], *, index: str | None = None) -> None:
        if not documents:
            return
        lines = []
        for document in documents:
            action = {
                "_index": index or self.alias,
                "_id": doc_id(document["kind"], document["id"]),
            }
            if index is None:
                # Never let a write to a missing alias auto-create an unmapped index.
                action["require_alias"] = True
            lines.append({"index": action})
            lines.append(document)
        answer = self.send_bulk(lines)
        if answer.get("errors"):
            failed = [item for item in answer["items"] if "error" in item.get("index", {})]
            raise EngineUnavailable(f"{len(failed)} documents refused: {failed[0]}"[:500])

    def remove(self, kind: str, pk: int) -> None:
        self.delete_document(self.alias, doc_id(kind, pk))
