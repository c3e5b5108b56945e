"""Bring the index (and the database engine's rows) in line with the database for one item.

The database is the source of truth: a sync reads the item afresh, so running one twice or
late is harmless. When the engine is down the item is remembered in PendingIndexOperation and
retried later; the database engine's rows are updated regardless, so the fallback is fresh.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from exchange.municipalities.models import Municipality

from . import documents
from . import text as nl
from .embedding import passage_key, passage_text
from .engines import EngineUnavailable, get_engine
from .models import PendingIndexOperation, SearchEntry

logger = logging.getLogger(__name__)
REBUILD_TARGET_KEY = "search:rebuild-target"
DRAIN_BATCH = 50
# A web request's pass (immediate backend) drains this many; a worker's drains everything.
QUICK_DRAIN_BATCH = 20


def store_entries(docs: list[dict]) -> None:
    """Write the database engine's rows for these documents."""

    codes = {code for doc in docs for code in doc["allowed_municipalities"]}
    codes |= {doc["municipality_code"] for doc in docs if doc.get("municipality_code")}
    ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "pk"))
    # A row keeps its sentence vector while the text it was worked out from stays the same.
    embedded = {
        (kind, pk): key
        for kind, pk, key in SearchEntry.objects.filter(
            object_id__in=[doc["id"] for doc in docs], embedding__isnull=False
        ).values_list("kind", "object_id", "embedding_key")
    }
    for doc in docs:
        key = passage_key(passage_text(doc["title"][:255], doc["summary"], doc["body"]))
        vector = {} if embedded.get((doc["kind"], doc["id"])) == key else {"embedding": None}
        entry, _created = SearchEntry.objects.update_or_create(
            kind=doc["kind"],
            object_id=doc["id"],
            defaults={
                "title": doc["title"][:255],
                "summary": doc["summary"],
                "url": doc["url"][:500],
                "body": doc["body"],
                **entry_terms(doc),
                "themes": "|" + "|".join(doc["themes"]) + "|",
                "target_groups": "|" + "|".join(doc["target_groups"]) + "|",
                "municipality_id": ids.get(doc.get("municipality_code")),
                "province": doc.get("province") or "",
                "evidence_level": doc.get("evidence_level") or "",
                "year": doc.get("year"),
                "published_at": doc.get("published_at"),
                "visibility": doc["visibility"],
                "document": _result_document(doc),
                "embedding_key": key,
                **vector,
            },
        )
        entry.allowed_municipalities.set(
            [ids[code] for code in doc["allowed_municipalities"] if code in ids]
        )


def entry_terms(doc: dict) -> dict[str, str]:
    """A document's terms per field weight, as its database row holds them."""
    return {
        "title_terms": nl.joined(doc["title"]),
        "summary_terms": nl.joined(
            " ".join([doc["summary"], *doc["theme_names"], *doc["municipality_names"]])
        ),
        "body_terms": nl.joined(
            " ".join([doc["body"], doc["attachment_text"], *doc["target_group_names"]])
        ),
    }


def _result_document(doc: dict) -> dict:
    from .labels import result_row

    source = {**doc, "theme_labels": doc.get("theme_labels", [])}
    return {key: value for key, value in result_row(source, None).items() if key != "highlight"}


def sync_item(kind: str, pk: int) -> bool:
    """Index or remove one item everywhere; False if the engine was down (it is remembered)."""
    obj = documents.load(kind, pk)
    doc = documents.build(kind, obj) if obj is not None else None
    if doc is None:
        SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
    else:
        store_entries([doc])
    if not settings.SEARCH_URL:
        return True
    engine = get_engine()
    try:
        targets = [None]
        if rebuilding := cache.get(REBUILD_TARGET_KEY):
            targets.append(rebuilding)  # a rebuild in progress must not miss this edit
        for index in targets:
            if doc is None:
                engine.delete_document(index or engine.alias, documents.doc_id(kind, pk))
            else:
                engine.index_documents([doc], index=index)
    except EngineUnavailable as exc:
        if _first_index_created(engine):
            return sync_item(kind, pk)
        remember(kind, pk, action="remove" if doc is None else "index", error=str(exc))
        return False
    PendingIndexOperation.objects.filter(kind=kind, object_id=pk).delete()
    return True


def _first_index_created(engine) -> bool:
    """No index yet (a fresh install): create an empty one so edits can land."""
    from .index import ensure_index

    try:
        if engine.alias_targets():
            return False
        ensure_index(engine)
    except EngineUnavailable:
        return False
    return True


def remember(kind: str, pk: int, *, action: str, error: str = "") -> PendingIndexOperation:
    logger.warning("Search index update for %s %s postponed: %s", kind, pk, error[:200])
    operation, created = PendingIndexOperation.objects.get_or_create(
        kind=kind, object_id=pk, defaults={"action": action, "last_error": error}
    )
    if not created:
        PendingIndexOperation.objects.filter(pk=operation.pk).update(
            action=action, last_error=error, attempts=F("attempts") + 1
        )
        operation.refresh_from_db()
    return operation


def drain(limit: int | None = None) -> tuple[int, int]:
    """Retry remembered updates, oldest first; stops at the first failure. (done, left)"""
    done = 0
    queue = PendingIndexOperation.objects.order_by("created_at")
    for operation in queue[:limit] if limit else queue.iterator():
        if not sync_item(operation.kind, operation.object_id):
            break
        done += 1
    return done, PendingIndexOperation.objects.count()


def enqueue_sync(kind: str, pk: int) -> None:
    """Schedule a sync once the current transaction commits (never fails the caller)."""

    def send():
        from .tasks import index_object

        try:
            index_object.enqueue(kind, pk)
        except Exception:  # a broken queue must not break the page that saved content
            logger.exception("Could not enqueue search sync for %s %s", kind, pk)
            remember(kind, pk, action="index", error="enqueue failed")

    transaction.on_commit(send)


def catch_up(sender=None, *, quick: bool = False, **kwargs) -> dict | None:
    """maintenance_due receiver: once the engine answers again, apply what waited for it.

    Without this an update remembered during an outage waited for the next edit or for an
    operator's `search_index_status --drain`. A ping first, so a pass during the outage costs
    one cheap request instead of a failed sync.
    """
    if not settings.SEARCH_URL:
        return None
    waiting = PendingIndexOperation.objects.count()
    if not waiting:
        return None
    if not get_engine().ping():
        return {"engine": "down", "left": waiting}
    done, left = drain(limit=QUICK_DRAIN_BATCH if quick else None)
    logger.info("Search catch-up: %s index updates applied, %s left", done, left)
    return {"drained": done, "left": left}


def sync_many(kind: str, pks: list[int], batch: int = 500) -> bool:
    """Index many new or changed items at once (an import): the database engine's rows in one
    transaction and one bulk request per batch. Items the engine could not take are
    remembered, as `sync_item` does. False if the engine was down."""
    engine = get_engine() if settings.SEARCH_URL else None
    done = True
    for start in range(0, len(pks), batch):
        chunk = pks[start : start + batch]
        docs = [
            doc
            for obj in documents.queryset(kind).filter(pk__in=chunk)
            if (doc := documents.build(kind, obj)) is not None
        ]
        for pk in set(chunk) - {doc["id"] for doc in docs}:
            done = sync_item(kind, pk) and done  # gone or not to be found: the one-by-one way
        with transaction.atomic():
            store_entries(docs)
        if engine is None or not docs:
            continue
        try:
            engine.index_documents(docs)
            if rebuilding := cache.get(REBUILD_TARGET_KEY):
                engine.index_documents(docs, index=rebuilding)
        except EngineUnavailable as exc:
            done = False
            for doc in docs:
                remember(kind, doc["id"], action="index", error=str(exc))
    return done
