"""The index body (settings + mapping), built with elasticsearch.dsl."""

from django.conf import settings
from elasticsearch.dsl import Boolean, Date, Index, Integer, Keyword, Mapping, Object, Text

from .analysis import analyzers, synonym_rules


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-content"


def _text(names: dict, *, autocomplete: bool = False, copy_to: str | None = None) -> Text:
    fields = {
        "stem": Text(analyzer=names["nl_stem"], search_analyzer=names["nl_stem_search"]),
        "decomp": Text(analyzer=names["nl_decomp"], search_analyzer=names["nl_decomp"]),
    }
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
    mapping.field("kind", Keyword())
    mapping.field("id", Integer())
    # `spell` gathers the visible text once, for "did you mean" (plain words, no synonyms).
    mapping.field("spell", Text(analyzer=names["nl_exact"]))
    mapping.field("title", _text(names, autocomplete=True, copy_to="spell"))
    for name in ("summary", "body"):
        mapping.field(name, _text(names, copy_to="spell"))
    mapping.field("attachment_text", _text(names))
    for name in ("theme_names", "theme_synonyms", "target_group_names", "municipality_names"):
        mapping.field(name, _text(names))
    for name in (
        "themes",
        "target_groups",
        "municipality_code",
        "province",
        "evidence_level",
        "status",
        "visibility",
        "allowed_municipalities",
    ):
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


def index_body(name: str, rules: list[str] | None = None) -> dict:
    """Settings and mapping for a new versioned index called `name`."""
    names = analyzers(synonym_rules() if rules is None else rules)
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval="1s")
    for item in names.values():
        index.analyzer(item)
    index.mapping(content_mapping(names))
    return index.to_dict()


def analysis_settings(rules: list[str]) -> dict:
    """Just the analysis part, for updating synonyms on a closed index."""
    return index_body("unused", rules)["settings"]["analysis"]
