"""What a search asks for, validated once for the API and the page alike."""

import re
import unicodedata
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_PAGE = 1000
QUERY_MAX = 300
MAX_VALUES = 50
FACETS = ("theme", "municipality", "province", "kind", "target_group", "evidence_level", "year")
SORTS = ("relevance", "date")
KINDS = ("practice", "question")
CODE_RE = re.compile(r"^GM\d{4}$")
VALUE_RE = re.compile(r"^[\w\- .'()]{1,100}$")


class InvalidSearch(ValueError):
    """A parameter is wrong; the message is Dutch and names it."""


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet -> tuple of values
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    def selected(self, facet: str) -> tuple:
        return self.filters.get(facet, ())

    def with_page(self, page: int) -> "SearchParams":
        return replace(self, page=page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def clean_query(text: str | None) -> str:
    """Query text made safe for any engine: printable, single-spaced, capped in length."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(c if unicodedata.category(c)[0] not in {"C"} else " " for c in text)
    return " ".join(text.split())[:QUERY_MAX].strip()


def _int(name: str, raw, *, low: int, high: int, default: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InvalidSearch(_("'%(name)s' moet een geheel getal zijn.") % {"name": name}) from None
    if not low <= value <= high:
        raise InvalidSearch(
            _("'%(name)s' moet tussen %(low)s en %(high)s liggen.")
            % {"name": name, "low": low, "high": high}
        )
    return value


def _values(name: str, raw: list) -> tuple:
    values = tuple(dict.fromkeys(str(value).strip() for value in raw if str(value).strip()))
    if len(values) > MAX_VALUES:
        raise InvalidSearch(_("'%(name)s' komt te vaak voor.") % {"name": name})
    for value in values:
        if name == "municipality" and not CODE_RE.match(value):
            raise InvalidSearch(
                _("'municipality' verwacht CBS-codes zoals GM0363, niet %(value)r.")
                % {"value": value[:20]}
            )
        if name == "kind" and value not in KINDS:
            raise InvalidSearch(_("'kind' moet 'practice' of 'question' zijn."))
        # isascii: "²" and other Unicode digits pass isdigit() but not int().
        if name == "year" and not (
            value.isascii() and value.isdigit() and 1900 <= int(value) <= 2100
        ):
            raise InvalidSearch(_("'year' moet een jaartal zijn, zoals 2024."))
        if not VALUE_RE.match(value):
            raise InvalidSearch(_("'%(name)s' bevat ongeldige tekens.") % {"name": name})
    if name == "year":
        return tuple(int(value) for value in values)
    return values


def parse_params(get_list, get_one) -> SearchParams:
    """Build SearchParams from a query string (`get_list(name)`, `get_one(name)`)."""
    sort = (get_one("sort") or "relevance").strip()
    if sort not in SORTS:
        raise InvalidSearch(_("'sort' moet 'relevance' of 'date' zijn."))
    filters = {}
    for name in FACETS:
        values = _values(name, get_list(name))
        if values:
            filters[name] = values
    if "theme" in filters:
        # Links and bookmarks made before a theme was renamed or merged keep filtering.
        # (Imported here: the themes app re-indexes through search, which imports this.)
        from exchange.themes.selectors import resolve_theme_slugs

        filters["theme"] = resolve_theme_slugs(filters["theme"])
    return SearchParams(
        q=clean_query(get_one("q")),
        filters=filters,
        sort=sort,
        page=_int("page", get_one("page"), low=1, high=MAX_PAGE, default=1),
        page_size=_int(
            "page_size", get_one("page_size"), low=1, high=MAX_PAGE_SIZE, default=PAGE_SIZE
        ),
    )


def params_from_querydict(data) -> SearchParams:
    return parse_params(data.getlist, data.get)
