"""Search without a search engine: the database's full-text index (SQLite FTS5 or PostgreSQL
tsvector, see fulltext.py) over SearchEntry rows, and the visibility module.

Serves the same result shape, filters and facet counts as the engines, for small installs and
as the fallback while the configured engine is down. Permissions come from
exchange.visibility.visible_q, like every other database read.

The query's groups come from search.understanding, as for the engines (the word, its compound's
parts, the synonyms of any word or phrase it is part of, a spelling correction). The database
ranks them; an item's score is the rank times the share of groups it covers, squared, so an
item with all the typed words outranks one that repeats a single word.
"""

from collections import Counter
from dataclasses import dataclass
from operator import itemgetter

from django.db.models import F, Q
from django.utils.html import escape

from exchange.visibility import visible_q

from .. import spelling
from .. import text as nl
from ..labels import all_facet_rows
from ..params import FACETS, SearchParams
from ..spelling import corrected_query
from ..understanding import (
    COVERAGE_POWER,
    SYNONYM_COVERAGE,
    Group,
    Understood,
    collection_vocabulary,
    understand,
)
from . import fulltext
from .base import ANY_WORD_WHEN_FEWER_THAN, SearchEngine, SearchOutcome

# Spelling candidates tried, nearest first, until one is in a row the viewer may see.
CORRECTION_CANDIDATES = 5
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


@dataclass
class QueryGroup:
    """A group (search.understanding) as the full-text index holds it: stemmed."""

    forms: list[fulltext.Alternative]
    synonyms: list[fulltext.Alternative]

    @property
    def all(self) -> list[fulltext.Alternative]:
        return self.forms + self.synonyms


def _stemmed(alternatives) -> list[fulltext.Alternative]:
    return [
        tuple(tuple(nl.stem(word) for word in phrase) for phrase in alternative)
        for alternative in alternatives
    ]


def _query_group(group: Group) -> QueryGroup:
    return QueryGroup(_stemmed(group.forms), _stemmed(group.synonyms))


def _ranked(groups: list[QueryGroup]) -> dict[int, float]:
    """Score per SearchEntry id for every row matching any group: the database's rank for
    the whole query times the share of groups the row covers to COVERAGE_POWER (a group held
    in a wider or narrower word only counts for SYNONYM_COVERAGE)."""
    ranked = fulltext.scores([alternative for group in groups for alternative in group.all])
    if len(groups) == 1:
        return ranked
    covered: Counter = Counter()
    for group in groups:
        own = fulltext.matching(group.forms)
        covered.update(own)
        if group.synonyms:
            covered.update(dict.fromkeys(fulltext.matching(group.synonyms) - own, SYNONYM_COVERAGE))
    share = {pk: covered[pk] / len(groups) for pk in ranked}
    return {pk: score * share[pk] ** COVERAGE_POWER for pk, score in ranked.items()}


def _matching(groups: list[list[fulltext.Alternative]]) -> tuple[set[int], set[int]]:
    """The ids of the rows matching any group and of those matching every group (sorted by
    date only which rows match matters, not how well)."""
    per_group = [fulltext.matching(group.all) for group in groups]
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


def snippet(text: str, stems: set[str], size: int = 180) -> str | None:
    """Up to `size` characters of `text` around its first word with one of `stems`, cut at
    word boundaries, with every such word marked (whole words: "ouder" is not marked in
    "ouderen" unless that is a form of a word asked for)."""
    marks = [
        found
        for found in nl.WORD.finditer(text)
        if nl.stem(nl.fold(found.group(0))) in stems and len(found.group(0)) >= 3
    ]
    if not marks:
        return None
    start = text.rfind(" ", 0, max(0, marks[0].start() - size // 3)) + 1
    end = len(text) if len(text) - start <= size else text.rfind(" ", start, start + size)
    if end <= marks[0].end():
        end = len(text)
    out, last = [], start
    for found in marks:
        if found.start() < start or found.end() > end:
            continue
        out.append(escape(text[last : found.start()]))
        out.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    out.append(escape(text[last:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def _spelled(stem: str, pks: set[int], typed: str) -> str | None:
    """How one of these rows spells a word with this stem, nearest to what was typed (a
    correction is offered as a word, not as a stem); None when even that one is further
    from the typed word than a typo goes. Stems are close where words are not: the stems of
    aankondiging and aanbod (aankond, aanbod) are two edits apart, the words are not a typo
    of each other."""
    from ..models import SearchEntry

    limit = spelling.max_distance(typed)
    holders = SearchEntry.objects.filter(pk__in=sorted(pks)[:3])
    spelt = {
        word
        for entry in holders.only("title", "summary", "body")
        for word in nl.words(f"{entry.title} {entry.summary} {entry.body}")
        if nl.stem(word) == stem
    }
    near = sorted((spelling.typo_distance(typed, word, limit), word) for word in spelt)
    return near[0][1] if near and near[0][0] <= limit else None


class DatabaseEngine(SearchEngine):
    name = "database"

    def search(self, params: SearchParams, viewer) -> SearchOutcome:
        entries = _visible_entries(viewer)
        understood = (
            understand(params.q, vocabulary=collection_vocabulary())
            if params.q
            else Understood((), "")
        )
        if params.sort == "date" or not understood:
            entries = entries.order_by(F("published_at").desc(nulls_last=True), "-pk")
        # The facet columns come from one covering index (see SearchEntry.Meta); intersecting
        # with the full-text matches here is cheaper than the database looking up every match.
        rows = list(entries.values_list(*COLUMNS))
        ranked: dict[int, float] = {}
        suggestion = None
        if understood:
            groups = [_query_group(group) for group in understood.groups]
            kept, counts, ranked, any_word, matched = self._every_word(groups, rows, params)
            if matched < ANY_WORD_WHEN_FEWER_THAN:
                # Too little for the words as typed: a word that occurs nowhere the viewer may
                # look is probably misspelt; its correction joins it as another form.
                corrections = self._corrections(understood, {row[0] for row in rows})
                if corrections:
                    suggestion = corrected_query(params.q, corrections)
                    understood = understood.with_corrections(corrections)
                    groups = [_query_group(group) for group in understood.groups]
                    kept, counts, ranked, any_word, matched = self._every_word(groups, rows, params)
            # With one group "any" is "every": nothing more to find.
            if matched < ANY_WORD_WHEN_FEWER_THAN and len(groups) > 1:
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
        if understood and params.sort != "date":
            rows.sort(key=lambda row: (-ranked.get(row[0], 0.0), -row[0]))
        page_rows = rows[params.offset : params.offset + params.page_size]
        return SearchOutcome(
            count=len(rows),
            page=params.page,
            page_size=params.page_size,
            results=self._results([row[0] for row in page_rows], understood),
            facets=facets,
            suggestion=suggestion,
            engine=self.name,
        )

    @staticmethod
    def _every_word(groups, rows, params):
        """The rows with every group that pass the filters, their facet counts, the scores,
        (sorted by date) the ids of the rows with any group, and how many rows hold every
        group before the filters (what decides whether to ask again)."""
        if params.sort == "date":
            any_word, every_word = _matching(groups)
            ranked = {}
        else:
            # The database ranks only the rows with every word; the rest only if needed.
            ranked = fulltext.scores_of_all([group.all for group in groups])
            every_word, any_word = ranked.keys(), None
        matched = [r for r in rows if r[0] in every_word]
        kept, counts = filter_and_count(matched, params)
        return kept, counts, ranked, any_word, len(matched)

    @staticmethod
    def _corrections(understood: Understood, visible: set[int]) -> dict[str, str]:
        """Typed word -> correction for each word no visible row holds in any form: the
        nearest indexed term (search.spelling) that a visible row holds, as that row spells
        it. A term only hidden rows hold is never used, so never offered."""
        unknown = [
            group
            for group in understood.groups
            if " " not in group.typed
            and len(group.typed) >= spelling.MIN_LENGTH
            and not fulltext.matching(_query_group(group).all) & visible
        ]
        if not unknown:
            return {}
        stems = {group.typed: nl.stem(group.typed) for group in unknown}
        shortest = min(len(stem) - spelling.max_distance(stem) for stem in stems.values())
        longest = max(len(stem) + spelling.max_distance(stem) for stem in stems.values())
        vocabulary = fulltext.vocabulary(shortest, longest)
        corrections = {}
        for typed, stem in stems.items():
            for candidate in spelling.closest(stem, vocabulary)[:CORRECTION_CANDIDATES]:
                holders = fulltext.matching([((candidate,),)]) & visible
                word = _spelled(candidate, holders, typed)
                if word:
                    corrections[typed] = word
                    break
        return corrections

    def _results(self, pks: list[int], understood: Understood) -> list[dict]:
        from ..models import SearchEntry

        by_pk = {entry.pk: entry for entry in SearchEntry.objects.filter(pk__in=pks)}
        stems = {
            nl.stem(word)
            for group in understood.groups
            for phrase in group.phrases
            for word in phrase
        }
        results = []
        for pk in pks:
            entry = by_pk[pk]
            row = dict(entry.document)
            # As on the engines: from the summary and body, else from the title.
            texts = (f"{entry.summary} {entry.body}", entry.title)
            found = (snippet(text, stems) for text in texts) if understood else ()
            row["highlight"] = next((text for text in found if text), None)
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
