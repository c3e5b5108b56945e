"""Every engine query is built here, and every one carries the viewer's access filter.

Bodies are built with elasticsearch.dsl and sent as dicts by the configured client, so
OpenSearch and Elasticsearch receive exactly the same JSON.
"""

from elasticsearch.dsl import Q, Search

from exchange.visibility import search_access_filter

from .documents import doc_id
from .params import FACETS, SearchParams
from .understanding import (
    COVERAGE_POWER,
    SYNONYM_COVERAGE,
    Alternative,
    Group,
    Phrase,
    Understood,
)

# Field boosts: title > summary > body > attachments; the plain (folded) field outranks its
# stemmed and decompounded subfields so an exact word beats a looser match. Theme labels weigh
# little: many items share a theme, and a theme synonym in a query also stands for the theme's
# name, so a high weight ranks "tagged with the theme" above "about the words". The plain
# fields are searched with their index analyzer, the others with the stemming one: synonyms
# come from the query's groups (search.understanding), not again from the fields.
PLAIN_FIELDS = ["title^8", "summary^4", "theme_names^1.5", "municipality_names^4", "body^1.5"]
STEM_FIELDS = [
    "title.stem^6",
    "title.decomp^2.5",
    "summary.stem^3",
    "summary.decomp^1.5",
    "theme_names.stem^1",
    "theme_synonyms.stem^0.75",
    "target_group_names.stem^1.5",
    "body.stem^1.2",
    "all_text.decomp^0.6",
    "attachment_text.stem^0.4",
]
# What a wider or narrower word for a word typed (a theme's name or synonyms) counts for,
# against the word itself: in the score, and in the share of the query an item holds.
SYNONYM_WEIGHT = 0.25
# The field every text is copied into, stemmed and with the parts of compounds: the first
# pass matches and counts on it alone.
MATCH_FIELD = "all_text.decomp"
# Typo tolerance, boosted low so exact matches win. It costs more than the rest of a query
# together, so it only runs when the exact pass (and a spelling correction) find (almost)
# nothing (see OpenSearchEngine.search).
FUZZY_FIELDS = ["title^3", "summary^2", "body", "municipality_names^2", "theme_names"]
FUZZY_WHEN_FEWER_THAN = 3
# Spelling candidates checked against the viewer's access; the best one left is offered.
SUGGESTION_CANDIDATES = 3
# The first pass matches and counts on the one field that holds every text (cheap even when a
# common word matches most of the index); only this many best candidates are rescored with
# the full per-field query.
RESCORE_WINDOW = 100
# The first pass's score in the rescored order: enough to break the full query's ties and to
# order what lies after the window, too little to move anything the full query tells apart.
FIRST_PASS_WEIGHT = 0.001
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
# The aggregation that counts the matches before the facet filters (with filters chosen).
MATCHED = "matched"
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
    """The viewer's access, and none of the items whose last change has not reached the
    engine yet (an edit made during an outage): the index may still hold what they were,
    visibility included, so they are left out until the catch-up applies the change, seconds
    after the engine answers again. One small query; the table is empty while the engine
    keeps up."""
    from .models import PendingIndexOperation

    access = search_access_filter(viewer)
    filters = [Q(access)] if access is not None else []
    stale = [
        doc_id(kind, pk)
        for kind, pk in PendingIndexOperation.objects.values_list("kind", "object_id")
    ]
    if stale:
        filters.append(Q("bool", must_not=[Q("ids", values=stale)]))
    return filters


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


def _phrase_match(phrase: Phrase, field: str = MATCH_FIELD):
    text = " ".join(phrase)
    kind = "match" if len(phrase) == 1 else "match_phrase"
    return Q(kind, **{field: {"query": text, "analyzer": "nl_stem"}})


def _any_of(alternatives, field: str):
    found = []
    for alternative in alternatives:
        phrases = [_phrase_match(phrase, field) for phrase in alternative]
        found.append(phrases[0] if len(phrases) == 1 else Q("bool", must=phrases))
    return found[0] if len(found) == 1 else Q("bool", should=found, minimum_should_match=1)


def group_match(group: Group, field: str = MATCH_FIELD):
    """Whether an item holds `group` in one of its forms (a compound's parts: all of them)
    or synonyms."""
    return _any_of(group.alternatives, field)


def _coverage(group: Group) -> list[dict]:
    """The functions that count a group as held: 1 in one of its own forms, SYNONYM_COVERAGE
    in a wider or narrower word only."""
    functions = [{"filter": _any_of(group.forms, MATCH_FIELD).to_dict(), "weight": 1}]
    if group.synonyms:
        only = Q(
            "bool",
            must=[_any_of(group.synonyms, MATCH_FIELD)],
            must_not=[_any_of(group.forms, MATCH_FIELD)],
        )
        functions.append({"filter": only.to_dict(), "weight": SYNONYM_COVERAGE})
    return functions


def match_query(understood: Understood, *, every_word: bool = False, fuzzy: bool = False):
    """The first pass: which items match the query (for results, totals and facet counts),
    with a rough score that picks the candidates for `text_query`.

    `every_word`: only items that hold every group (a word inflected, as a synonym, inside a
    compound or as the parts of the compound typed); otherwise any of them (`fuzzy`: or a
    near miss)."""
    if not understood:
        return Q("match_all")
    # all_text.decomp holds every stemmed word plus the parts of compounds, so one field
    # finds the words, their synonyms and the compounds they are part of ("werker" finds
    # "jongerenwerker"). The query is split only into the parts understanding found, all
    # required: splitting it into every listed part (jonger, werk) matched most of the index.
    groups = [group_match(group) for group in understood.groups]
    title = Q("match", **{"title.stem": {"query": understood.text, "boost": 2}})
    if every_word and not fuzzy:
        # The title's words are in all_text too: the title clause only adds to the score.
        return Q("bool", must=groups, should=[title])
    should = [*groups, title]
    if fuzzy:
        should.append(_fuzzy(understood.text))
    return Q("bool", should=should, minimum_should_match=1)


def _relevance(text: str, kind: str = "best_fields"):
    """How well the fields hold `text`: the best field counts, the others a little."""
    plain = Q(
        "multi_match",
        query=text,
        fields=PLAIN_FIELDS,
        type=kind,
        tie_breaker=0.3,
        analyzer="nl_exact",
    )
    stemmed = Q(
        "multi_match",
        query=text,
        fields=STEM_FIELDS,
        type=kind,
        tie_breaker=0.3,
        analyzer="nl_stem",
    )
    return Q("dis_max", queries=[plain, stemmed], tie_breaker=0.3)


def _form_relevance(alternative: Alternative, boost: float = 1.0):
    parts = [
        _relevance(" ".join(phrase), "best_fields" if len(phrase) == 1 else "phrase")
        for phrase in alternative
    ]
    found = parts[0] if len(parts) == 1 else Q("bool", should=parts)
    return found if boost == 1 else Q("bool", must=[found], boost=boost)


def _group_relevance(group: Group):
    """The best of a group's forms (a compound's parts count together); a synonym counts
    for less than the word typed: "antisemitisme" also finds what is tagged with its theme,
    discriminatie, but ranks what says antisemitisme first."""
    forms = [_form_relevance(form) for form in group.forms]
    forms += [_form_relevance(synonym, SYNONYM_WEIGHT) for synonym in group.synonyms]
    return forms[0] if len(forms) == 1 else Q("dis_max", queries=forms)


def text_query(understood: Understood, *, fuzzy: bool = False) -> dict:
    """The full scoring: how well an item matches each group, field by field, times the
    number of groups it holds to COVERAGE_POWER (as the database engine ranks).

    The coverage factor puts items that hold most of what was asked above items that match
    one word strongly (a theme synonym, one word in a title); the database engine multiplies
    by the share of groups covered, squared, and both engines rank alike that way."""
    if not understood:
        return Q("match_all").to_dict()
    relevance = [_group_relevance(group) for group in understood.groups]
    if fuzzy:
        relevance.append(_fuzzy(understood.text))
    if len(understood.text.split()) > 1:
        # Words that stand together as typed (without synonyms: every synonym path becomes its
        # own span query, and four words with theme synonyms exceed the clause limit).
        relevance.append(
            Q(
                "multi_match",
                query=understood.text,
                fields=PHRASE_FIELDS,
                type="phrase",
                slop=3,
                boost=2,
                analyzer="nl_stem",
            )
        )
    scored = Q("bool", should=relevance).to_dict()
    if len(understood.groups) == 1:
        return scored
    held = [function for group in understood.groups for function in _coverage(group)]
    # Plain dicts from here: wrapped in query objects, the held functions were parsed and
    # copied again for each power.
    for _power in range(COVERAGE_POWER):
        scored = {
            "function_score": {
                "query": scored,
                "functions": held,
                "score_mode": "sum",
                "boost_mode": "multiply",
            }
        }
    return scored


def highlight_query(understood: Understood, *, fuzzy: bool = False):
    """The words to mark in the snippet fields: the query on those fields (with synonyms and
    corrections, and near-misses when the typo pass ran); the full scoring query was as slow
    again."""
    words = " ".join([understood.text, *(g.corrected for g in understood.groups if g.corrected)])
    marked = Q("multi_match", query=words, fields=list(SNIPPET_FIELDS))
    if not fuzzy:
        return marked
    return Q("bool", should=[marked, _fuzzy(words, SNIPPET_FIELDS, analyzer="nl_stem")])


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
    params: SearchParams,
    viewer,
    index: str,
    understood: Understood,
    *,
    every_word: bool = True,
    fuzzy: bool = False,
    suggest: bool = True,
) -> dict:
    """The body of the request for one page of a search for `understood` (search.understanding:
    params.q's groups, with any corrections): results, facets, highlights and a spelling
    suggestion.

    First the items with every group; without `every_word` those with any of them (the
    engine asks again so when too few items hold every group); with `fuzzy` the words may
    also match with a typo or two (asked when the words found (almost) nothing). `suggest`:
    ask for spelling corrections (the first request of a search does).

    The query, filters and facets are built as a Search; the scoring, highlighting and
    spelling parts are added to its body as dicts (each step of a Search copies all it
    holds, and these are the largest parts: copied along, they cost a millisecond or two of
    each search)."""
    matching = match_query(understood, every_word=every_word, fuzzy=fuzzy)
    if params.q and not understood:
        # Typed, but only stop words or signs ("de", "?"): nothing to find, as on the
        # database engine; everything by date is for a search without words.
        matching = Q("match_none")
    search = Search(index=index).query(Q("bool", must=[matching], filter=access_filters(viewer)))
    selected = {facet: facet_filter(facet, v) for facet, v in params.filters.items() if v}
    if selected:
        search = search.post_filter(Q("bool", filter=list(selected.values())))
        # The matches before the facet filters: the engine decides on them whether to ask
        # again (any word, corrections, typos), as it does without filters.
        search.aggs.bucket(MATCHED, "filter", Q("match_all"))
    search = facet_aggregations(search, selected)
    ranked = params.sort != "date" and bool(understood)
    if not ranked:
        search = search.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
    if understood:
        search = search.highlight(*SNIPPET_FIELDS)
    search = search.source(SOURCE)[params.offset : params.offset + params.page_size]
    body = search.to_dict()
    body["track_total_hits"] = True
    if ranked:
        # Within the window the full query decides the order and the first pass breaks ties;
        # after it the first pass's order goes on (the engine keeps the rescored first: it
        # sorts the rest by their first-pass score times the query weight). The window is the
        # same for every page, so each page is a slice of one order: a window that grew with
        # the page re-ordered a larger set for each page, and items came back on later pages
        # while others were never shown.
        body["rescore"] = {
            "window_size": RESCORE_WINDOW,
            "query": {
                "rescore_query": text_query(understood, fuzzy=fuzzy),
                "query_weight": FIRST_PASS_WEIGHT,
                "rescore_query_weight": 1.0,
            },
        }
    if understood:
        body["highlight"].update(
            highlight_query=highlight_query(understood, fuzzy=fuzzy).to_dict(),
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            encoder="html",
            fragment_size=180,
            number_of_fragments=1,
            no_match_size=0,
        )
        if suggest:
            body["suggest"] = {"spelling": spelling_suggester(understood, viewer)}
    return body


def spelling_suggester(understood: Understood, viewer) -> dict:
    """The phrase suggester for "bedoelde u …" and for the corrected pass, over the query's
    content words. Suggesters ignore filters, so each candidate is checked (`collate`) with a
    query that finds it only in items this viewer may see: a word that occurs only in hidden
    items is never offered. The check runs inside the same request, on each shard, as an
    existence test. Candidates may differ in the first letter too (`prefix_length` 0:
    "kadicalisering" is radicalisering); only words missing from the index are corrected."""
    found = Q(
        "multi_match",
        query="{{suggestion}}",
        fields=["title", "summary", "body"],
        operator="and",
    )
    check = Q("bool", must=[found], filter=access_filters(viewer))
    return {
        "text": understood.text,
        "phrase": {
            "field": "spell",
            "size": SUGGESTION_CANDIDATES,
            "max_errors": 2,
            "confidence": 1.0,
            "direct_generator": [
                {
                    "field": "spell",
                    "suggest_mode": "missing",
                    "min_word_length": 4,
                    "prefix_length": 0,
                }
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
