"""Index management: versioned indices behind one alias, rebuilds, synonym updates."""

import logging
from collections.abc import Callable
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import documents
from .engines import get_engine
from .engines.opensearch import OpenSearchEngine
from .feedback import refresh_statistics
from .mapping import alias_name, index_body, loaded_settings, replica_settings
from .models import PendingIndexOperation, SearchEntry, TermStatistics
from .sync import REBUILD_TARGET_KEY, store_entries

logger = logging.getLogger(__name__)
BATCH = 500


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def ensure_index(engine: OpenSearchEngine) -> None:
    """Create an empty index behind the alias if there is none (first start, tests)."""
    if not engine.alias_targets():
        name = new_index_name()
        engine.create_index(name, index_body(name))
        engine.update_aliases([{"add": {"index": name, "alias": engine.alias}}])


def iter_documents(kind: str, batch: int = BATCH):
    qs = documents.indexable(kind).order_by("pk")
    for obj in qs.iterator(chunk_size=batch):
        doc = documents.build(kind, obj)
        if doc is not None:
            yield doc


def _batches(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rewrite_database_rows() -> None:
    """Every database row's terms written again by the current code, after a change to the
    stemming (the migrations that make one call this). The terms are derived data that only
    the sync's own code can make (documents.build reads the items, their themes and
    attachments); the term statistics go too, and the next maintenance pass counts them again
    from the new terms. Nothing to do on a new database."""
    if not SearchEntry.objects.exists():
        return
    for kind in documents.KINDS:
        for chunk in _batches(iter_documents(kind), BATCH):
            store_entries(chunk)
    TermStatistics.objects.all().delete()


def finish_loading(engine: OpenSearchEngine, name: str) -> None:
    """A bulk-loaded index back to the settings searches and edits need (periodic refresh, a
    translog on disk after every request), its items visible and committed safely: a node
    restarted right after opens it from disk (see OpenSearchEngine.flush_durably)."""
    engine.put_settings(name, loaded_settings())
    engine.refresh(name)
    engine.flush_durably(name)


def rebuild(progress: Callable[[int, int], None] | None = None) -> dict:
    """Rebuild the database rows and, with an engine, a new index; swap the alias atomically.

    Searches keep using the old index until the swap; edits made meanwhile go to both.
    """
    started = timezone.now()
    total = sum(documents.indexable(kind).count() for kind in documents.KINDS)
    engine = get_engine() if settings.SEARCH_URL else None
    name = None
    if engine is not None:
        name = new_index_name()
        engine.create_index(name, index_body(name, bulk_load=True, items=total))
        cache.set(REBUILD_TARGET_KEY, name, timeout=6 * 3600)
    seen: dict[str, list[int]] = {kind: [] for kind in documents.KINDS}
    counts = dict.fromkeys(documents.KINDS, 0)
    try:
        with engine.bulk_loader(name) if engine is not None else nullcontext() as loader:
            for kind in documents.KINDS:
                for chunk in _batches(iter_documents(kind), BATCH):
                    store_entries(chunk)
                    if loader is not None:
                        loader.add(chunk)
                    seen[kind].extend(doc["id"] for doc in chunk)
                    counts[kind] += len(chunk)
                    if progress:
                        progress(len(chunk), total)
        for kind, ids in seen.items():
            SearchEntry.objects.filter(kind=kind).exclude(object_id__in=ids).delete()
        if engine is not None:
            finish_loading(engine, name)
            engine.merge_segments(name)
            if settings.SEARCH_REPLICAS:
                engine.put_settings(name, replica_settings())
                engine.wait_for_replicas(name)
            old = engine.alias_targets()
            actions = [{"remove": {"index": index, "alias": engine.alias}} for index in old]
            engine.update_aliases([*actions, {"add": {"index": name, "alias": engine.alias}}])
            for index in old:
                engine.delete_index(index)
            # Anything remembered before the rebuild began is now in the new index.
            PendingIndexOperation.objects.filter(updated_at__lt=started).delete()
    except Exception:
        if engine is not None:
            try:
                engine.delete_index(name)
            except Exception:
                logger.warning("Could not delete half-built index %s", name)
        raise
    finally:
        cache.delete(REBUILD_TARGET_KEY)
    refresh_statistics()  # the rows were all written again: their terms may have changed
    return {"index": name, "counts": counts}


def update_synonyms() -> None:
    """New synonyms take effect without re-indexing: close, update analysis, reopen."""
    if not settings.SEARCH_URL:
        return
    from .analysis import synonym_filter, synonym_rules

    engine = get_engine()
    rules = synonym_rules()
    body = {"analysis": {"filter": {"nl_synonyms": synonym_filter(rules).get_definition()}}}
    for index in engine.alias_targets():
        engine.close_index(index)
        try:
            engine.put_settings(index, body)
        finally:
            engine.open_index(index)
            engine.wait_for_index(index)
    logger.info("Search synonyms updated (%d rules)", len(rules))


def status() -> dict:
    """Database vs index counts per kind, pending operations, the alias target."""
    db_counts = {kind: documents.indexable(kind).count() for kind in documents.KINDS}
    entry_counts = {kind: SearchEntry.objects.filter(kind=kind).count() for kind in documents.KINDS}
    info = {
        "database": db_counts,
        "database_engine_rows": entry_counts,
        "pending": PendingIndexOperation.objects.count(),
        "engine": "database" if not settings.SEARCH_URL else get_engine().name,
        "alias": alias_name(),
        "alias_targets": [],
        "index": {},
    }
    if settings.SEARCH_URL:
        engine = get_engine()
        info["alias_targets"] = engine.alias_targets()
        if info["alias_targets"]:
            info["index"] = engine.count_by_kind()
    return info
