"""GET /api/v1/search: the public contract in DESIGN.md."""

from typing import Literal

from django.http import QueryDict
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import BaseModel

from .params import InvalidSearch, params_from_querydict
from .service import search_run

router = Router(tags=["zoeken"])


class SearchQuery(Schema):
    q: str | None = None
    theme: list[str] = []
    municipality: list[str] = []
    province: list[str] = []
    kind: list[str] = []
    target_group: list[str] = []
    evidence_level: list[str] = []
    year: list[str] = []
    sort: str | None = None
    page: str | None = None
    page_size: str | None = None


# The answer's shapes are plain pydantic models: they validate our own dicts, and skip the
# Django-object lookups of ninja's Schema (which cost ~9 ms for 400 facet values).
class MunicipalityRef(BaseModel):
    code: str
    name: str


class ThemeRef(BaseModel):
    slug: str
    name: str


class SearchResult(BaseModel):
    # `meeting` since network meetings (exchange.meetings): published_at is its start.
    kind: Literal["practice", "question", "meeting"]
    id: int
    title: str
    url: str
    summary: str
    municipality: MunicipalityRef | None
    themes: list[ThemeRef]
    published_at: str | None
    highlight: str | None


class FacetValue(BaseModel):
    value: str | int
    label: str
    count: int


class SearchAnswer(BaseModel):
    count: int
    page: int
    results: list[SearchResult]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None


class Problem(Schema):
    detail: str


@router.get("/search", response={200: SearchAnswer, 400: Problem}, summary="Zoeken")
def search(request, filters: Query[SearchQuery]):
    """Practices, questions and meetings the caller may see, with facets, highlights and a
    suggestion (`kind` is `practice`, `question` or `meeting`; a meeting's `published_at` is
    when it starts).

    Filters repeat for several values (`theme=a&theme=b`); `municipality` takes CBS codes;
    10 results a page, `page_size` up to 50; `sort` is `relevance` (default) or `date`.
    """
    data: QueryDict = request.GET
    try:
        params = params_from_querydict(data)
    except InvalidSearch as exc:
        raise HttpError(400, str(exc)) from None
    return search_run(user=request.auth, params=params).as_api()
