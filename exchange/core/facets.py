"""Faceted list pages: the catalogue, the question list and /zoeken/ declare their facets here.

A page declares a `FacetList` of `Facet`s (GET parameter, key, label, which values are valid)
and its sort orders; `FacetList.read(request)` parses and validates the address and
`Chosen.context(counts)` turns the counts from the page's own selector into fieldsets and
filter chips. Content apps pass their data in; this module imports none of them.

The pages speak Dutch in their addresses (`thema`, `gemeente`, `sorteer`, `pagina`). A facet's
key is the English name the selectors, the engines and the JSON API use; an address with a key
or another old name as parameter (`theme`, `page`, the catalogue's `bewijs`) answers a
permanent redirect to the Dutch one with the same values, so bookmarks keep working.
`templates/components/sort_select.html` and `pagination.html` spell SORT_PARAM and PAGE_PARAM.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.http import HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .views import bad_request

SORT_PARAM = "sorteer"
PAGE_PARAM = "pagina"
OLD_PARAMS = {"sort": SORT_PARAM, "page": PAGE_PARAM}
MAX_VALUES = 50
MAX_PAGE = 1000


class InvalidFilter(ValueError):
    """A parameter has a value no list can use; the message is Dutch and names the parameter."""


# -- what one value may be ------------------------------------------------------------------


class Text:
    """Free text from a closed alphabet (a slug, a name)."""

    def __init__(self, pattern: str = r"[\w\- .'()]{1,100}"):
        self.pattern = re.compile(pattern)

    def clean(self, name: str, raw: str) -> str:
        if not self.pattern.fullmatch(raw):
            raise InvalidFilter(_("'%(name)s' bevat ongeldige tekens.") % {"name": name})
        return raw


class Code:
    """A code such as a CBS municipality code (GM0363); lower case is accepted."""

    def __init__(self, pattern: str, example: str):
        self.pattern = re.compile(pattern)
        self.example = example

    def clean(self, name: str, raw: str) -> str:
        value = raw.upper()
        if not self.pattern.fullmatch(value):
            raise InvalidFilter(
                _("'%(name)s' verwacht een code zoals %(example)s, niet %(value)r.")
                % {"name": name, "example": self.example, "value": raw[:20]}
            )
        return value


def _folded(text: str) -> str:
    """Without case and diacritics: "fryslan" and "Fryslân" are the same answer."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Choice:
    """One of a fixed set; the labels name the values where the counts do not. A value may be
    typed without its case or diacritics, or by another name (`aliases`: "Friesland")."""

    def __init__(self, choices: Iterable[tuple[str, str]], *, aliases: dict | None = None):
        self.labels = dict(choices)
        self.known = {_folded(value): value for value in self.labels}
        self.known |= {_folded(label): value for value, label in self.labels.items()}
        self.known |= {_folded(alias): value for alias, value in (aliases or {}).items()}

    def clean(self, name: str, raw: str) -> str:
        value = self.known.get(_folded(raw))
        if value is None:
            raise InvalidFilter(
                _("'%(name)s' moet een van deze waarden zijn: %(values)s.")
                % {"name": name, "values": ", ".join(self.labels)}
            )
        return value

    def names(self, values) -> dict:
        return {value: self.labels[value] for value in values if value in self.labels}


class Year:
    def __init__(self, low: int = 1900, high: int = 2100):
        self.low, self.high = low, high

    def clean(self, name: str, raw: str) -> int:
        # isascii: "²" and other Unicode digits pass isdigit() but not int().
        if not (raw.isascii() and raw.isdigit() and self.low <= int(raw) <= self.high):
            raise InvalidFilter(_("'%(name)s' moet een jaartal zijn, zoals 2024.") % {"name": name})
        return int(raw)


SLUG = Text(r"[\w-]{1,100}")


def clean_number(name: str, raw, *, low: int, high: int, default: int) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InvalidFilter(_("'%(name)s' moet een geheel getal zijn.") % {"name": name}) from None
    if not low <= value <= high:
        raise InvalidFilter(
            _("'%(name)s' moet tussen %(low)s en %(high)s liggen.")
            % {"name": name, "low": low, "high": high}
        )
    return value


# -- the declarations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    key: str  # the name in selectors, engines and the JSON API: "theme"
    param: str  # the HTML pages' GET parameter: "thema"
    label: str  # the fieldset's legend (lazily translated)
    values: Text | Code | Choice | Year = field(default_factory=Text)
    multiple: bool = True
    old_params: tuple[str, ...] = ()  # besides `key`, names that redirect to `param`
    # The values' current form (old theme slugs → current ones); a change redirects.
    current: Callable[[tuple], tuple] | None = None
    # Labels for chosen values the counts lack (nothing matches them under the other filters).
    names: Callable[[tuple], Mapping] | None = None
    limit: int | None = None  # show the first `limit` values, plus any chosen further down
    # Values sorted by label and shown under headings: label → (heading's order, heading).
    # A long free vocabulary (target groups) reads better by kind than by count.
    kind_of: Callable[[str], tuple[int, str]] | None = None

    def clean(self, raw: Iterable[str], *, name: str | None = None) -> tuple:
        """The distinct values given, checked; `name` is the parameter as the caller spelt it."""
        name = name or self.param
        given = tuple(dict.fromkeys(value.strip() for value in raw if value.strip()))
        if len(given) > (MAX_VALUES if self.multiple else 1):
            if self.multiple:
                raise InvalidFilter(_("'%(name)s' komt te vaak voor.") % {"name": name})
            raise InvalidFilter(_("'%(name)s' kan maar één waarde hebben.") % {"name": name})
        return tuple(dict.fromkeys(self.values.clean(name, value) for value in given))

    def labels_for(self, values: tuple) -> Mapping:
        if self.names is not None:
            return self.names(values)
        if isinstance(self.values, Choice):
            return self.values.names(values)
        return {}


YEAR = Facet("year", "jaar", gettext_lazy("Jaar"), Year())


@dataclass(frozen=True)
class FacetRow:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetSection:
    """Values of one kind under a heading (see `Facet.kind_of`)."""

    label: str
    rows: list[FacetRow]


@dataclass(frozen=True)
class FacetGroup:
    key: str
    param: str
    label: str
    rows: list[FacetRow]
    sections: list[FacetSection] = field(default_factory=list)


@dataclass(frozen=True)
class Chip:
    """A chosen value with the address of the same list without it."""

    param: str
    value: str
    label: str
    url: str


@dataclass(frozen=True)
class FacetList:
    facets: tuple[Facet, ...]
    sorts: Mapping[str, str]  # value → label; the first is the default

    def clean_filters(self, get_list, *, by_key: bool = False) -> dict[str, tuple]:
        """key → values for every facet given; `by_key`: the parameters are the keys (API)."""
        filters = {}
        for facet in self.facets:
            name = facet.key if by_key else facet.param
            values = facet.clean(get_list(name), name=name)
            if values:
                filters[facet.key] = values
        return filters

    def clean_sort(self, raw, *, name: str = SORT_PARAM) -> str:
        value = (raw or "").strip() or next(iter(self.sorts))
        if value not in self.sorts:
            raise InvalidFilter(
                _("'%(name)s' moet een van deze waarden zijn: %(values)s.")
                % {"name": name, "values": ", ".join(self.sorts)}
            )
        return value

    def read(self, request) -> "Chosen":
        """What the address asks for; `Chosen.response` is set when the page should answer
        with it instead: a redirect to the current names and values, or the 400 page."""
        query = self._renamed(request.GET)
        try:
            filters = self.clean_filters(query.getlist)
            sort = self.clean_sort(query.get(SORT_PARAM))
            page = clean_number(PAGE_PARAM, query.get(PAGE_PARAM), low=1, high=MAX_PAGE, default=1)
        except InvalidFilter as refused:
            return Chosen(self, query, response=bad_request(request, reason=str(refused)))
        query = self._current(filters, query)
        chosen = Chosen(self, query, filters, sort, page)
        if query is not request.GET:
            chosen.response = HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
        return chosen

    def _renamed(self, query: QueryDict) -> QueryDict:
        renames = dict(OLD_PARAMS)
        for facet in self.facets:
            for old in (facet.key, *facet.old_params):
                if old != facet.param:
                    renames[old] = facet.param
        if not renames.keys() & query.keys():
            return query
        renamed = QueryDict(mutable=True)
        for name, values in query.lists():
            for value in values:
                renamed.appendlist(renames.get(name, name), value)
        return renamed

    def _current(self, filters: dict, query: QueryDict) -> QueryDict:
        """Filters with old values replaced in place, and the query that says so (the same
        object when nothing moved)."""
        for facet in self.facets:
            values = filters.get(facet.key)
            if not values or facet.current is None:
                continue
            current = tuple(facet.current(values))
            if current != values:
                filters[facet.key] = current
                query = query.copy()  # mutable
                query.setlist(facet.param, [str(value) for value in current])
        return query


def _sections(rows: list[FacetRow], kind_of) -> list[FacetSection]:
    """Rows under their kind's heading, headings in their order, rows by label (ignoring
    case and accents)."""
    by_kind: dict[tuple[int, str], list[FacetRow]] = {}
    for row in rows:
        order, heading = kind_of(row.label)
        by_kind.setdefault((order, str(heading)), []).append(row)
    return [
        FacetSection(heading, sorted(kind_rows, key=lambda row: _folded(row.label)))
        for (_order, heading), kind_rows in sorted(by_kind.items(), key=lambda item: item[0])
    ]


@dataclass
class Chosen:
    """A list page's validated request: filters per facet key, sort and page number."""

    facet_list: FacetList
    query: QueryDict
    filters: dict[str, tuple] = field(default_factory=dict)
    sort: str = ""
    page: int = 1
    response: HttpResponse | None = None

    def selected(self, key: str) -> tuple:
        return self.filters.get(key, ())

    def groups(self, counts: Mapping[str, Iterable[tuple]]) -> list[FacetGroup]:
        """One fieldset per facet with values, from (value, label, count) rows in the
        selector's order; each value once, and every chosen value kept (with 0 when nothing
        matches it under the other filters), so a visitor can always take it off again."""
        groups = []
        for facet in self.facet_list.facets:
            chosen = [str(value) for value in self.selected(facet.key)]
            merged: dict[str, list] = {}
            for value, label, count in counts.get(facet.key, ()):
                row = merged.setdefault(str(value), [str(label), 0])
                row[1] += count  # a value split over rows (a GROUP BY split) adds up
            rows = list(merged.items())
            if facet.limit is not None:
                rows = rows[: facet.limit] + [r for r in rows[facet.limit :] if r[0] in chosen]
            missing = [value for value in self.selected(facet.key) if str(value) not in merged]
            if missing:
                names = facet.labels_for(tuple(missing))
                rows += [(str(v), [str(names.get(v, v)), 0]) for v in missing]
            if rows:
                facet_rows = [
                    FacetRow(value, label, count, value in chosen) for value, (label, count) in rows
                ]
                sections = _sections(facet_rows, facet.kind_of) if facet.kind_of else []
                if sections:
                    facet_rows = [row for section in sections for row in section.rows]
                groups.append(FacetGroup(facet.key, facet.param, facet.label, facet_rows, sections))
        return groups

    def chips(self, groups: list[FacetGroup]) -> list[Chip]:
        """The chosen values, each with the address of the list without it (first page)."""
        chips = []
        for group in groups:
            chosen = [str(value) for value in self.selected(group.key)]
            for row in group.rows:
                if row.selected:
                    query = self.query.copy()
                    query.setlist(group.param, [value for value in chosen if value != row.value])
                    query.pop(PAGE_PARAM, None)
                    chips.append(Chip(group.param, row.value, row.label, f"?{query.urlencode()}"))
        return chips

    def context(self, counts: Mapping[str, Iterable[tuple]]) -> dict:
        """What templates/components/facet_fieldsets, filter_chips and sort_select show."""
        groups = self.groups(counts)
        return {
            "facet_groups": groups,
            "active_filters": self.chips(groups),
            "sort": self.sort,
            "sorts": list(self.facet_list.sorts.items()),
        }
