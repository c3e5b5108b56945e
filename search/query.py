"""Every engine query is built here, and every one carries the viewer's access filter.

Bodies are built with elasticsearch.dsl and sent as dicts by the configured client, so
OpenSearch and Elasticsearch receive exactly the same JSON.
"""

from elasticsearch.dsl import Q, Search

from exchange.visibility import search_access_filter

from .documents import doc_id
from .params import FACETS, SearchParams

# Field boosts: title > summary > body > attachments; the plain (folded) field outranks its
# stemmed and decompounded subfields so an exact word beats a looser match. Theme labels weigh
# little: many items share a theme, and query-time synonyms turn any theme synonym in a query
# into the theme's name, so a high weight ranks "tagged with the theme" above "about the words".
TEXT_FIELDS = [
    "title^8",
    "title.stem^6",
    "title.decomp^2.5",
    "summary^4",
    "summary.stem^3",
    "summary.decomp^1.5",
    "theme_names^1.5",
    "theme_names.stem^1",
    "theme_synonyms.stem^0.75",
    "municipality_names^4",
    "target_group_names.stem^1.5",
    "body^1.5",
    "body.stem^1.2",
    "all_text.decomp^0.6",
    "attachment_text.stem^0.4",
]
# Typo tolerance, boosted low so exact matches win. It costs more than the rest of a query
# together, so it only runs when the exact pass finds (almost) nothing (see
# OpenSearchEngine.search).
FUZZY_FIELDS = ["title^3", "summary^2", "body", "municipality_names^2", "theme_names"]
FUZZY_WHEN_FEWER_THAN = 3
# Spelling candidates checked against the viewer's access; the best one left is offered.
SUGGESTION_CANDIDATES = 3
# The first pass matches and counts on the one field that holds every text (cheap even when a
# common word matches most of the index); only this many best candidates are rescored with
# the full per-field query.
RESCORE_WINDOW = 100
# "Most of the words": up to 2 words all of them, then 75% rounded down (2 of 3, 3 of 4,
# 4 of 6); 70% let a four-word question count as covered by any two of its words.
COVERAGE_MSM = "2<75%"
COVERAGE_BOOST = 5
PHRASE_FIELDS = ["title.stem^3", "summary.stem^2", "body.stem"]
FACET_FIELDS = {
    "theme": "themes",
    "municipality": "municipality_code",
    "province": "province",
    "kind": "kind",
    "target_group": "target_groups",
    "evidence_level": "evidence_level",
    "year": "year",
}
FACET_SIZES = {"theme": 100, "municipality": 400, "target_group": 50}
# Facet aggregations under shared filters are named FACET_GROUP + the filters' facet names.
FACET_GROUP = "within:"
# Snippets come from the stemmed fields (marking "ouders" for "ouder" too), the first with a
# match in this order. The plain summary and body were highlighted as well, which made the
# highlighter do half as much work again for marks the stemmed fields already hold.
SNIPPET_FIELDS = (
    "summary.stem",
    "body.stem",
    "attachment_text.stem",
    "title",
)
SOURCE = [
    "kind",
    "id",
    "title",
    "url",
    "summary",
    "municipality_code",
    "municipality_name",
    "theme_labels",
    "published_at",
]


def access_filters(viewer) -> list:
    access = search_access_filter(viewer)
    return [Q(access)] if access is not None else []


def _fuzzy(text: str, fields=FUZZY_FIELDS, analyzer: str = "nl_exact"):
    return Q(
        "multi_match",
        query=text,
        fields=list(fields),
        fuzziness="AUTO",
        prefix_length=1,
        max_expansions=20,
        boost=0.25,
        # An index analyzer, without query-time synonyms: a fuzzy automaton for every synonym
        # of every word made rewriting the query its slowest part.
        analyzer=analyzer,
    )


def match_query(text: str, *, every_word: bool = False, fuzzy: bool = False):
    """The first pass: which items match `text` (for results, totals and facet counts), with
    a rough score that picks the candidates for `text_query`.

    `every_word`: only items that hold every word (in some form: inflected, as a synonym or
    inside a compound); otherwise any of them (`fuzzy`: or a near miss)."""
    if not text:
        return Q("match_all")
    # all_text.decomp holds every stemmed word plus the parts of compounds, so one clause
    # finds the words, their synonyms and the compounds they are part of ("werker" finds
    # "jongerenwerker"). The query itself is not split into parts: common parts (werk,
    # jonger) would match most of the index and made this clause the slowest of all.
    words = {"query": text, "analyzer": "nl_stem_search"}
    title = Q("match", **{"title.stem": {"query": text, "boost": 2}})
    if every_word and not fuzzy:
        # The title's words are in all_text too: the title clause only adds to the score.
        words["operator"] = "and"
        return Q("bool", must=[Q("match", **{"all_text.decomp": words})], should=[title])
    should = [Q("match", **{"all_text.decomp": words}), title]
    if fuzzy:
        should.append(_fuzzy(text))
    return Q("bool", should=should, minimum_should_match=1)


def text_query(text: str, *, fuzzy: bool = False):
    """The full scoring: how well an item matches `text`, field by field."""
    if not text:
        return Q("match_all")
    main = Q("multi_match", query=text, fields=TEXT_FIELDS, type="best_fields", tie_breaker=0.3)
    matches = [main, _fuzzy(text)] if fuzzy else [main]
    # Phrases without query-time synonyms: every synonym path becomes its own span query, and
    # four words with theme synonyms already exceed the engine's 1024-clause limit.
    phrase = Q(
        "multi_match",
        query=text,
        fields=PHRASE_FIELDS,
        type="phrase",
        slop=3,
        boost=2,
        analyzer="nl_stem",
    )
    # Items that contain most of the query's words get a lift large enough to put them above
    # items that match fewer words, however strongly (a theme synonym, one word in a title).
    coverage = Q(
        "multi_match",
        query=text,
        fields=[
            "title.stem^3",
            "summary.stem^2",
            "body.stem",
            "theme_names.stem^2",
            "municipality_names^2",
            "all_text.decomp^0.5",
        ],
        type="cross_fields",
        operator="or",
        minimum_should_match=COVERAGE_MSM,
        boost=COVERAGE_BOOST,
    )
    return Q(
        "bool",
        must=[Q("bool", should=matches, minimum_should_match=1)],
        should=[phrase, coverage],
    )


def highlight_query(text: str, *, fuzzy: bool = False):
    """The words to mark in the snippet fields: the query on those fields (with synonyms,
    and near-misses when the typo pass ran); the full scoring query was as slow again."""
    marked = Q("multi_match", query=text, fields=list(SNIPPET_FIELDS))
    if not fuzzy:
        return marked
    return Q("bool", should=[marked, _fuzzy(text, SNIPPET_FIELDS, analyzer="nl_stem")])


def facet_filter(facet: str, values) -> Q:
    return Q("terms", **{FACET_FIELDS[facet]: list(values)})


def facet_aggregations(search: Search, selected: dict) -> Search:
    """Multi-select facets: each facet counts under every selected filter except its own.
    Facets that share those filters share one filter aggregation (every facet nobody chose
    counts under all the choices), so each filter is evaluated once per group, not once per
    facet; without filters the terms aggregations run on the matches directly."""
    groups: dict[tuple, list[str]] = {}
    for facet in FACETS:
        groups.setdefault(tuple(name for name in selected if name != facet), []).append(facet)
    for others, facets in groups.items():
        parent = search.aggs
        if others:
            within = Q("bool", filter=[selected[name] for name in others])
            parent = search.aggs.bucket(FACET_GROUP + "+".join(others), "filter", within)
        for facet in facets:
            order = {"_key": "desc"} if facet == "year" else {"_count": "desc"}
            parent.bucket(
                facet,
                "terms",
                field=FACET_FIELDS[facet],
                size=FACET_SIZES.get(facet, 20),
                order=order,
            )
    return search


def build_search(
    params: SearchParams, viewer, index: str, *, every_word: bool = True, fuzzy: bool = False
) -> Search:
    """Results, facets, highlights and a spelling suggestion for one page of a search.

    First the items with every word; without `every_word` those with any of them (the
    engine asks again so when too few items hold every word); with `fuzzy` the words may
    also match with a typo or two (asked when the words found (almost) nothing)."""
    matching = match_query(params.q, every_word=every_word, fuzzy=fuzzy)
    search = Search(index=index).query(Q("bool", must=[matching], filter=access_filters(viewer)))
    selected = {facet: facet_filter(facet, v) for facet, v in params.filters.items() if v}
    if selected:
        search = search.post_filter(Q("bool", filter=list(selected.values())))
    search = facet_aggregations(search, selected)
    if params.sort == "date" or not params.q:
        search = search.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
    else:
        # Within the window the full query decides the order; the first pass only breaks ties.
        search = search.extra(
            rescore={
                "window_size": max(RESCORE_WINDOW, params.offset + params.page_size),
                "query": {
                    "rescore_query": text_query(params.q, fuzzy=fuzzy).to_dict(),
                    "query_weight": 0.0,
                    "rescore_query_weight": 1.0,
                },
            }
        )
    if params.q:
        search = search.highlight_options(
            highlight_query=highlight_query(params.q, fuzzy=fuzzy).to_dict(),
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=180,
            number_of_fragments=1,
            no_match_size=0,
        ).highlight(*SNIPPET_FIELDS)
        search = search.extra(suggest={"spelling": spelling_suggester(params.q, viewer)})
    search = search.source(SOURCE).extra(track_total_hits=True)
    return search[params.offset : params.offset + params.page_size]


def spelling_suggester(text: str, viewer) -> dict:
    """The phrase suggester for "bedoelde u …". Suggesters ignore filters, so each candidate
    is checked (`collate`) with a query that finds it only in items this viewer may see: a
    word that occurs only in hidden items is never offered. The check runs inside the same
    request, on each shard, as an existence test."""
    found = Q(
        "multi_match",
        query="{{suggestion}}",
        fields=["title", "summary", "body"],
        operator="and",
    )
    check = Q("bool", must=[found], filter=access_filters(viewer))
    return {
        "text": text,
        "phrase": {
            "field": "spell",
            "size": SUGGESTION_CANDIDATES,
            "max_errors": 2,
            "confidence": 1.0,
            "direct_generator": [
                {"field": "spell", "suggest_mode": "missing", "min_word_length": 4}
            ],
            "collate": {"query": {"source": check.to_dict()}, "prune": False},
        },
    }


def build_autocomplete(text: str, viewer, index: str, size: int = 8) -> Search:
    match = Q(
        "multi_match",
        query=text,
        type="bool_prefix",
        fields=["title.autocomplete", "title.autocomplete._2gram", "title.autocomplete._3gram"],
    )
    search = Search(index=index).query(Q("bool", must=[match], filter=access_filters(viewer)))
    return search.source(["kind", "id", "title", "url"])[0:size]


def build_more_like_this(kind: str, pk: int, viewer, index: str, size: int = 5) -> Search:
    like = Q(
        "more_like_this",
        fields=["title.stem", "summary.stem", "body.stem", "theme_names"],
        like=[{"_index": index, "_id": doc_id(kind, pk)}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=40,
        minimum_should_match="20%",
    )
    query = Q("bool", must=[like], filter=access_filters(viewer))
    return Search(index=index).query(query).source(SOURCE)[0:size]
