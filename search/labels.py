"""Facet labels and result shapes shared by every engine."""

from django.core.cache import cache
from django.db import transaction

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from practices.models import TargetGroup
from practices.models.pages import EvidenceLevel

from .params import FACETS, KIND, SearchParams


def _kind_label(value):
    return str(KIND.values.labels.get(value, value))


def _evidence_labels() -> dict:

    return {value: str(label) for value, label in EvidenceLevel.choices}


LABELS_CACHE_KEY = "search:facet-labels"


def _vocabulary_labels() -> dict:
    """slug/code -> name for themes, municipalities and target groups: one cache read per
    search instead of three queries; emptied whenever one of them is saved or deleted."""
    labels = cache.get(LABELS_CACHE_KEY)
    if labels is None:
        labels = {
            "theme": dict(Theme.objects.values_list("slug", "name")),
            "municipality": dict(Municipality.objects.values_list("code", "name")),
            "target_group": dict(TargetGroup.objects.values_list("slug", "name")),
        }
        cache.set(LABELS_CACHE_KEY, labels, timeout=None)
    return labels


def forget_labels(**kwargs) -> None:
    # Again after commit: a search in between may have cached the names not yet committed.
    cache.delete(LABELS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(LABELS_CACHE_KEY))


def facet_labels(facet: str, values: list, vocabulary: dict) -> dict:
    """value -> human label for the values of one facet (`vocabulary`: _vocabulary_labels)."""
    if facet in vocabulary:
        return vocabulary[facet]
    if facet == "evidence_level":
        return _evidence_labels()
    if facet == "kind":
        return {value: _kind_label(value) for value in values}
    return {value: str(value) for value in values}


def facet_rows(facet: str, counts: list[tuple], selected, vocabulary: dict) -> list[dict]:
    """[{"value", "label", "count"}] with selected values kept even when their count is 0."""
    present = {value for value, _count in counts}
    counts = list(counts) + [(value, 0) for value in selected if value not in present]
    labels = facet_labels(facet, [value for value, _count in counts], vocabulary)
    return [
        {"value": value, "label": labels.get(value, str(value)), "count": count}
        for value, count in counts
    ]


def all_facet_rows(counts: dict[str, list[tuple]], params: SearchParams) -> dict:
    """Every facet's rows from its ordered (value, count) pairs; the labels are read once."""
    vocabulary = _vocabulary_labels()
    return {
        facet: facet_rows(facet, counts.get(facet, []), params.selected(facet), vocabulary)
        for facet in FACETS
    }


def result_row(source: dict, highlight: str | None) -> dict:
    code = source.get("municipality_code")
    return {
        "kind": source["kind"],
        "id": source["id"],
        "title": source["title"],
        "url": source.get("url") or "",
        "summary": source.get("summary") or "",
        "municipality": {"code": code, "name": source.get("municipality_name") or ""}
        if code
        else None,
        "themes": source.get("theme_labels") or [],
        "published_at": source.get("published_at"),
        "highlight": highlight,
    }
