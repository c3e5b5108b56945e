"""The index body (settings + mapping), built with elasticsearch.dsl."""

from django.conf import settings
from elasticsearch.dsl import Boolean, Date, Index, Integer, Keyword, Mapping, Object, Text

from .analysis import analyzers, synonym_rules


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-content"


def _stem(names: dict) -> Text:
    return Text(analyzer=names["nl_stem"], search_analyzer=names["nl_stem_search"])


def _decomp(names: dict) -> Text:
    return Text(analyzer=names["nl_decomp"], search_analyzer=names["nl_decomp"])


def _text(
    names: dict,
    *,
    autocomplete: bool = False,
    decomp: bool = True,
    copy_to: list[str] | None = None,
) -> Text:
    fields = {"stem": _stem(names)}
    if decomp:
        fields["decomp"] = _decomp(names)
    if autocomplete:
        fields["autocomplete"] = {"type": "search_as_you_type", "analyzer": "nl_exact"}
    extra = {"copy_to": copy_to} if copy_to else {}
    return Text(
        analyzer=names["nl_exact"],
        search_analyzer=names["nl_exact_search"],
        fields=fields,
        **extra,
    )


def content_mapping(names: dict) -> Mapping:
    mapping = Mapping()
    mapping.field("kind", Keyword(eager_global_ordinals=True))
    mapping.field("id", Integer())
    # `spell` gathers the visible text once, for "did you mean" (plain words, no synonyms).
    mapping.field("spell", Text(analyzer=names["nl_exact"]))
    # `all_text` gathers every searchable text once: the cheap first pass of a query matches
    # and counts on it, the per-field boosts rescore only the best candidates (search.query).
    # Long texts have no `.decomp` subfield of their own: `all_text.decomp` covers them.
    mapping.field("all_text", Text(**_stem(names).to_dict(), fields={"decomp": _decomp(names)}))
    both = ["spell", "all_text"]
    mapping.field("title", _text(names, autocomplete=True, copy_to=both))
    mapping.field("summary", _text(names, copy_to=both))
    mapping.field("body", _text(names, decomp=False, copy_to=both))
    mapping.field("attachment_text", _text(names, decomp=False, copy_to=["all_text"]))
    for name in ("theme_names", "theme_synonyms", "target_group_names", "municipality_names"):
        mapping.field(name, _text(names, copy_to=["all_text"]))
    # Facet fields are aggregated by every search: build their global ordinals when a
    # refresh makes an edit visible, not in the first search after it.
    for name in ("themes", "target_groups", "municipality_code", "province", "evidence_level"):
        mapping.field(name, Keyword(eager_global_ordinals=True))
    for name in ("status", "visibility", "allowed_municipalities"):
        mapping.field(name, Keyword())
    mapping.field("municipality_name", Keyword(index=False))
    mapping.field("url", Keyword(index=False))
    mapping.field("theme_labels", Object(enabled=False))
    mapping.field("year", Integer())
    mapping.field("published_at", Date())
    mapping.field("updated_at", Date())
    mapping.field("has_accepted_answer", Boolean())
    mapping.meta("dynamic", "false")
    return mapping


REFRESH_INTERVAL = "1s"
# One shard keeps scoring statistics exact for collections of the size this network has.
# From this many items on, a second shard lets one search use two cores (a search runs on
# its shards in parallel; a shard of one segment cannot be split otherwise): at 100,000
# generated items on a 2-core node the engine's median/p95 went from 42/81 to 30/60 ms. Each
# shard then still holds enough items for stable BM25 statistics, and facet sizes stay above
# their fields' number of values, so counts stay exact.
SHARD_SPLIT_AT = 50_000


def shards_for(items: int) -> int:
    return 2 if items >= SHARD_SPLIT_AT else 1


def index_body(
    name: str, rules: list[str] | None = None, *, bulk_load: bool = False, items: int = 0
) -> dict:
    """Settings and mapping for a new versioned index called `name`, for about `items` items.

    `bulk_load`: no periodic refresh while a rebuild fills it (fewer, larger segments, faster
    loading) and a translog written to disk every few seconds instead of at the end of every
    bulk request (a node that fails meanwhile fails the rebuild, which deletes the half-built
    index); `loaded_settings()` switches both back before the index goes live."""
    names = analyzers(synonym_rules() if rules is None else rules)
    index = Index(name)
    index.settings(
        number_of_shards=shards_for(items),
        # 0 on one node (a replica could never be placed); the three-node stack sets 1. A bulk
        # load writes the primaries only: the replicas copy the merged result afterwards.
        number_of_replicas=0 if bulk_load else settings.SEARCH_REPLICAS,
        refresh_interval="-1" if bulk_load else REFRESH_INTERVAL,
    )
    if bulk_load:
        index.settings(translog={"durability": "async"})
    for item in names.values():
        index.analyzer(item)
    index.mapping(content_mapping(names))
    return index.to_dict()


def loaded_settings() -> dict:
    """What a bulk-loaded index needs before searches may use it (its replicas: see
    `replica_settings`)."""
    return {"index": {"refresh_interval": REFRESH_INTERVAL, "translog.durability": "request"}}


def replica_settings() -> dict:
    """The replicas a loaded index gets once it is merged (copied, not indexed twice)."""
    return {"index": {"number_of_replicas": settings.SEARCH_REPLICAS}}
