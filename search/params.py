"""What a search asks for, validated once for the API and the page alike.

The facets are declared once (exchange.core.facets): /zoeken/ reads them by their Dutch
parameters (`thema`, `soort`, `sorteer`, `pagina`), /api/v1/search by their keys (`theme`,
`kind`, `sort`, `page`), the names of the public contract.
"""

import unicodedata
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext, gettext_lazy

from exchange.core.facets import (
    MAX_PAGE,
    YEAR,
    Choice,
    Facet,
    FacetList,
    InvalidFilter,
    clean_number,
)
from exchange.municipalities.facets import MUNICIPALITY, PROVINCE
from exchange.themes.facets import THEME
from practices.facets import EVIDENCE_LEVEL, TARGET_GROUP

PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
# The search engine gives no result after this one (OpenSearch's index.max_result_window); a
# page past it is refused alike on both engines, not answered by another engine.
MAX_RESULTS = 10_000
QUERY_MAX = 300
KIND = Facet(
    "kind",
    "soort",
    gettext_lazy("Soort"),
    Choice(
        [
            ("practice", gettext_lazy("goede praktijk")),
            ("question", gettext_lazy("vraag")),
            ("meeting", gettext_lazy("bijeenkomst")),
        ]
    ),
)
SEARCH = FacetList(
    facets=(THEME, MUNICIPALITY, PROVINCE, KIND, TARGET_GROUP, EVIDENCE_LEVEL, YEAR),
    sorts={"relevance": gettext_lazy("relevantie"), "date": gettext_lazy("nieuwste eerst")},
)
FACETS = tuple(facet.key for facet in SEARCH.facets)

# A parameter is wrong; the message is Dutch and names it.
InvalidSearch = InvalidFilter


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


def parse_params(get_list, get_one) -> SearchParams:
    """SearchParams from the API's query string (`get_list(name)`, `get_one(name)`)."""
    filters = SEARCH.clean_filters(get_list, by_key=True)
    if "theme" in filters:
        # Links and bookmarks made before a theme was renamed or merged keep filtering.
        filters["theme"] = THEME.current(filters["theme"])
    params = SearchParams(
        q=clean_query(get_one("q")),
        filters=filters,
        sort=SEARCH.clean_sort(get_one("sort"), name="sort"),
        page=clean_number("page", get_one("page"), low=1, high=MAX_PAGE, default=1),
        page_size=clean_number(
            "page_size", get_one("page_size"), low=1, high=MAX_PAGE_SIZE, default=PAGE_SIZE
        ),
    )
    if params.offset + params.page_size > MAX_RESULTS:
        raise InvalidFilter(
            gettext(
                "Verder dan resultaat %(max)s gaat een zoekvraag niet: 'page' maal "
                "'page_size' mag hoogstens %(max)s zijn. Verfijn de zoekvraag of de filters."
            )
            % {"max": MAX_RESULTS}
        )
    return params


def params_from_querydict(data) -> SearchParams:
    return parse_params(data.getlist, data.get)
