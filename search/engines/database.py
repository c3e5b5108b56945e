"""Search without a search engine: the database's full-text index (SQLite FTS5 or PostgreSQL
tsvector, see fulltext.py) over SearchEntry rows, and the visibility module.

Serves the same result shape, filters and facet counts as the engines, for small installs and
as the fallback while the configured engine is down. Permissions come from
exchange.visibility.visible_q, like every other database read.

A query becomes one group per typed word (the word, its compound parts, and the synonyms of
any word or phrase it is part of). Every group is ranked by the database; an item's score is
the sum over groups, times the share of groups it covers squared, so an item with all the
typed words outranks one that repeats a single word.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter

from django.db.models import F, Q
from django.utils.html import escape

from exchange.visibility import visible_q

from .. import text as nl
from ..labels import all_facet_rows
from ..params import FACETS, SearchParams
from . import fulltext
from .base import ANY_WORD_WHEN_FEWER_THAN, SearchEngine, SearchOutcome

# A 10,000-character query is answered, but only its first words are ranked.
MAX_GROUPS = 12
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
COLUMNS = ("pk", *FACET_KEYS.values())


def _visible_entries(viewer):
    from ..models import SearchEntry

    # Same rule as the engine's access filter: visibility and municipalities, no owner clause.
    return SearchEntry.objects.filter(visible_q(viewer, model=SearchEntry, owner_field=None))


Phrases = tuple[tuple[str, ...], ...]


def _synonym_phrases() -> tuple[tuple[Phrases, Phrases], ...]:
    from ..analysis import synonym_rules

    return _phrases(tuple(synonym_rules()))


def _rule_phrases(words: str) -> Phrases:
    phrases = (tuple(nl.terms(word, compounds=False)) for word in words.split(","))
    return tuple(phrase for phrase in phrases if phrase)


@lru_cache(maxsize=8)
def _phrases(rules: tuple[str, ...]) -> tuple[tuple[Phrases, Phrases], ...]:
    """(phrases that trigger the rule, phrases they then stand for) per rule, analysed as the
    index is: "a, b" is an equivalence, "a => a, b" makes a also mean b."""
    # The rules are read afresh for every search (a moderator's edit counts at once); their
    # analysis is done once per distinct set of rules.
    out = []
    for rule in rules:
        found, _arrow, means = rule.partition("=>")
        found = _rule_phrases(found)
        out.append((found, _rule_phrases(means) if _arrow else found))
    return tuple(out)


@dataclass
class QueryGroup:
    """One thing the searcher asked for, in every form that counts as finding it."""

    alternatives: list[tuple[str, ...]]


def query_groups(text: str) -> list[QueryGroup]:
    """The query as groups of alternatives: per word its stem and compound parts; a word or
    phrase with synonyms becomes one group holding every synonym (as a phrase)."""
    words = nl.words(text)[:MAX_GROUPS]
    stems = [nl.stem(word) for word in words]
    groups = [
        QueryGroup([(stem,), *((nl.stem(part),) for part in nl.decompound(word))])
        for word, stem in zip(words, stems, strict=True)
    ]
    if not groups:
        return []
    spans = []  # (start, end, phrases) for each synonym rule found in the query
    for found, means in _synonym_phrases():
        for phrase in found:
            for start in range(len(stems) - len(phrase) + 1):
                if tuple(stems[start : start + len(phrase)]) == phrase:
                    spans.append((start, start + len(phrase), means))
    taken = [False] * len(groups)
    merged: dict[int, QueryGroup] = {}
    for start, end, phrases in sorted(spans, key=lambda span: span[0] - span[1]):
        if any(taken[start:end]):
            continue  # part of a longer synonym phrase already
        alternatives = list(groups[start].alternatives) if end - start == 1 else []
        for phrase in phrases:
            if phrase not in alternatives:
                alternatives.append(phrase)
        merged[start] = QueryGroup(alternatives)
        for index in range(start, end):
            taken[index] = True
    out = []
    for index, group in enumerate(groups):
        if index in merged:
            out.append(merged[index])
        elif not taken[index]:
            out.append(group)
    return out


def _ranked(groups: list[QueryGroup]) -> dict[int, float]:
    """Score per SearchEntry id for every row matching any group: the database's rank for
    the whole query times the share of groups the row covers, squared."""
    ranked = fulltext.scores([alt for group in groups for alt in group.alternatives])
    if len(groups) == 1:
        return ranked
    covered = Counter(chain.from_iterable(fulltext.matching(g.alternatives) for g in groups))
    return {pk: score * (covered[pk] / len(groups)) ** 2 for pk, score in ranked.items()}


def _matching(groups: list[QueryGroup]) -> tuple[set[int], set[int]]:
    """The ids of the rows matching any group and of those matching every group (sorted by
    date only which rows match matters, not how well)."""
    per_group = [fulltext.matching(group.alternatives) for group in groups]
    return set().union(*per_group), set.intersection(*per_group)


def _values(value, multi: bool) -> list:
    if multi:
        return [part for part in (value or "").split("|") if part]
    return [value] if value not in (None, "") else []


def _count(rows: list[tuple], column: int, multi: bool) -> Counter:
    counts = Counter(map(itemgetter(column), rows))
    if multi:  # "|a|b|": count each combination once, then split the (few) combinations
        combinations, counts = counts, Counter()
        for combination, count in combinations.items():
            for value in _values(combination, multi=True):
                counts[value] += count
    counts.pop("", None)
    counts.pop(None, None)
    return counts


def filter_and_count(rows: list[tuple], params: SearchParams) -> tuple[list[tuple], dict]:
    """The rows passing every filter, and per facet the counts over the rows passing every
    filter but that facet's own (multi-select: choosing a theme keeps the other themes'
    counts). Each row is looked at once; the counting runs in Counter's C loop."""
    selected = [
        (facet, COLUMNS.index(FACET_KEYS[facet]), facet in MULTI, set(wanted))
        for facet, wanted in params.filters.items()
        if wanted
    ]
    kept: list[tuple] = []
    failing_only: dict[str, list[tuple]] = {facet: [] for facet, *_rest in selected}
    for row in rows:
        failed = None
        for facet, column, multi, wanted in selected:
            if wanted.isdisjoint(_values(row[column], multi)):
                if failed is not None:
                    break
                failed = facet
        else:
            (kept if failed is None else failing_only[failed]).append(row)
    counts = {}
    for facet in FACETS:
        column = COLUMNS.index(FACET_KEYS[facet])
        counts[facet] = _count(kept, column, facet in MULTI)
        counts[facet].update(_count(failing_only.get(facet, []), column, facet in MULTI))
    return kept, counts


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
        groups = query_groups(params.q) if params.q else []
        if params.sort == "date" or not groups:
            entries = entries.order_by(F("published_at").desc(nulls_last=True), "-pk")
        # The facet columns come from one covering index (see SearchEntry.Meta); intersecting
        # with the full-text matches here is cheaper than the database looking up every match.
        rows = list(entries.values_list(*COLUMNS))
        ranked: dict[int, float] = {}
        if groups:
            # As on the engines: the rows with every word, or with any of them when too few
            # (after the filters) have every word.
            if params.sort == "date":
                any_word, every_word = _matching(groups)
            else:
                # The database ranks only the rows with every word; the rest only if needed.
                ranked = fulltext.scores_of_all([group.alternatives for group in groups])
                every_word, any_word = ranked.keys(), None
            kept, counts = filter_and_count([r for r in rows if r[0] in every_word], params)
            # With one group "any" is "every": nothing more to find.
            if len(kept) < ANY_WORD_WHEN_FEWER_THAN and len(groups) > 1:
                if any_word is None:
                    ranked = _ranked(groups)
                    any_word = ranked.keys()
                kept, counts = filter_and_count([r for r in rows if r[0] in any_word], params)
            rows = kept
        elif params.q:
            rows, counts = filter_and_count([], params)  # only stop words: nothing to find
        else:
            rows, counts = filter_and_count(rows, params)
        facets = all_facet_rows(
            {
                facet: sorted(counts[facet].items(), reverse=True)
                if facet == "year"
                else sorted(counts[facet].items(), key=lambda item: (-item[1], str(item[0])))
                for facet in FACETS
            },
            params,
        )
        if groups and params.sort != "date":
            rows.sort(key=lambda row: (-ranked.get(row[0], 0.0), -row[0]))
        page_rows = rows[params.offset : params.offset + params.page_size]
        return SearchOutcome(
            count=len(rows),
            page=params.page,
            page_size=params.page_size,
            results=self._results([row[0] for row in page_rows], params.q),
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
