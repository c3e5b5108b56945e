"""Search without a search engine: SearchEntry rows, the visibility module, Python scoring.

Serves the same result shape, filters and facet counts as the engines, for small installs and
as the fallback while the configured engine is down. Permissions come from
exchange.visibility.visible_q, like every other database read.
"""

import re
from collections import Counter

from django.db.models import Q
from django.utils.html import escape

from exchange.visibility import visible_q

from .. import text as nl
from ..labels import facet_rows
from ..params import FACETS, SearchParams
from .base import SearchEngine, SearchOutcome

CANDIDATES_MAX = 5000
WEIGHTS = (("title_terms", 8.0), ("summary_terms", 3.0), ("body_terms", 1.0))
FACET_KEYS = {
    "theme": "themes",
    "municipality": "municipality__code",
    "province": "province",
    "kind": "kind",
    "target_group": "target_groups",
    "evidence_level": "evidence_level",
    "year": "year",
}
MULTI = {"theme", "target_group"}


def _visible_entries(viewer):
    from ..models import SearchEntry

    # Same rule as the engine's access filter: visibility and municipalities, no owner clause.
    return SearchEntry.objects.filter(visible_q(viewer, model=SearchEntry, owner_field=None))


def _synonym_groups() -> list[set[str]]:
    from ..analysis import synonym_rules

    groups = []
    for rule in synonym_rules():
        groups.append({" ".join(nl.terms(word, compounds=False)) for word in rule.split(",")})
    return groups


def query_terms(text: str) -> list[str]:
    """Query terms plus the synonyms of any term or phrase in the query."""
    found = nl.terms(text)
    phrase = " ".join(nl.terms(text, compounds=False))
    extra = []
    for group in _synonym_groups():
        if any(word and f" {word} " in f" {phrase} " for word in group):
            extra.extend(term for word in group for term in word.split())
    return list(dict.fromkeys(found + extra))


def _row_values(row: dict, facet: str) -> list:
    value = row[FACET_KEYS[facet]]
    if facet in MULTI:
        return [part for part in (value or "").split("|") if part]
    return [value] if value not in (None, "") else []


def _matches(row: dict, params: SearchParams, skip: str | None = None) -> bool:
    for facet, wanted in params.filters.items():
        if facet == skip or not wanted:
            continue
        if not set(_row_values(row, facet)) & set(wanted):
            return False
    return True


def _score(row: dict, terms: list[str]) -> float:
    score, covered = 0.0, 0
    for term in terms:
        hit = False
        for field, weight in WEIGHTS:
            count = row[field].count(f" {term}")
            if count:
                hit = True
                score += weight * (1 + min(count, 5) ** 0.5)
        covered += hit
    return score * (covered / len(terms)) ** 2 if terms else 0.0


def snippet(body: str, words: list[str], size: int = 180) -> str | None:
    words = [w for w in words if len(w) >= 3]
    if not words:
        return None
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    folded = nl.fold(body)
    if len(folded) != len(body):  # folding changed lengths: match on the raw text instead
        folded = body.lower()
    match = pattern.search(folded)
    if not match:
        return None
    start = max(0, match.start() - size // 3)
    window, window_folded = body[start : start + size], folded[start : start + size]
    out, last = [], 0
    for found in pattern.finditer(window_folded):
        out.append(escape(window[last : found.start()]))
        out.append(f"<mark>{escape(window[found.start() : found.end()])}</mark>")
        last = found.end()
    out.append(escape(window[last:]))
    return ("…" if start else "") + "".join(out) + "…"


class DatabaseEngine(SearchEngine):
    name = "database"

    def search(self, params: SearchParams, viewer) -> SearchOutcome:
        entries = _visible_entries(viewer)
        terms = query_terms(params.q) if params.q else []
        if params.q:
            if not terms:
                entries = entries.none()
            else:
                match = Q()
                for term in terms:
                    for field, _weight in WEIGHTS:
                        match |= Q(**{f"{field}__contains": f" {term}"})
                entries = entries.filter(match)
        fields = ["pk", "published_at", *FACET_KEYS.values()]
        if terms:
            fields += [field for field, _weight in WEIGHTS]
        rows = list(entries.values(*fields)[:CANDIDATES_MAX])
        facets = {}
        for facet in FACETS:
            counts = Counter(
                value
                for row in rows
                if _matches(row, params, skip=facet)
                for value in _row_values(row, facet)
            )
            ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
            if facet == "year":
                ordered = sorted(counts.items(), reverse=True)
            facets[facet] = facet_rows(facet, ordered, params.selected(facet))
        rows = [row for row in rows if _matches(row, params)]
        for row in rows:
            row["score"] = _score(row, terms) if terms else 0.0
        if params.sort == "date" or not terms:
            rows.sort(key=lambda row: (row["published_at"] is not None, row["published_at"]))
            rows.reverse()
        else:
            rows.sort(key=lambda row: -row["score"])
        page_rows = rows[params.offset : params.offset + params.page_size]
        return SearchOutcome(
            count=len(rows),
            page=params.page,
            page_size=params.page_size,
            results=self._results([row["pk"] for row in page_rows], params.q),
            facets=facets,
            engine=self.name,
        )

    def _results(self, pks: list[int], q: str) -> list[dict]:
        from ..models import SearchEntry

        by_pk = {entry.pk: entry for entry in SearchEntry.objects.filter(pk__in=pks)}
        words = nl.fold(q).split()
        results = []
        for pk in pks:
            entry = by_pk[pk]
            row = dict(entry.document)
            row["highlight"] = snippet(f"{entry.summary} {entry.body}", words) if q else None
            results.append(row)
        return results

    def autocomplete(self, text: str, viewer, size: int = 8) -> list[dict]:
        if not text:
            return []
        entries = _visible_entries(viewer).filter(title__icontains=text[:100])
        return [
            {"kind": e["kind"], "id": e["object_id"], "title": e["title"], "url": e["url"]}
            for e in entries.values("kind", "object_id", "title", "url")[:size]
        ]

    def more_like_this(self, kind: str, pk: int, viewer, size: int = 5) -> list[dict]:
        from ..models import SearchEntry

        source = SearchEntry.objects.filter(kind=kind, object_id=pk).first()
        if source is None:
            return []
        themes = [slug for slug in source.themes.split("|") if slug]
        related = Q()
        for slug in themes:
            related |= Q(themes__contains=f"|{slug}|")
        if not themes:
            return []
        entries = (
            _visible_entries(viewer)
            .filter(related)
            .exclude(pk=source.pk)
            .order_by("-published_at")[:size]
        )
        return [dict(entry.document, highlight=None) for entry in entries]

    def index_documents(self, documents: list[dict]) -> None:
        from ..sync import store_entries

        store_entries(documents)

    def remove(self, kind: str, pk: int) -> None:
        from ..models import SearchEntry

        SearchEntry.objects.filter(kind=kind, object_id=pk).delete()
