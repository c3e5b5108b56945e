"""The practices API: the catalogue and one practice, as the caller may see them.

The caller is `request.auth` (see exchange/api.py); every read goes through the practices
selectors, so visibility is decided by exchange.visibility exactly as on the HTML pages. A
practice the caller may not see is a 404, also members-only ones for anonymous callers: an
API has no login page to send them to.
"""

import datetime
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints
from wagtail.rich_text import expand_db_html

from exchange.visibility import viewer_for

from .models import PracticePage, TaggedTargetGroup
from .selectors import (
    CatalogueFilters,
    catalogue_practices,
    related_practices,
    visible_attachments,
    visible_practices,
)

router = Router(tags=["practices"])

MAX_LIMIT = 100
# Past any real catalogue, and small enough for every database's OFFSET.
MAX_OFFSET = 1_000_000
MAX_VALUES = 50
MAX_PAGE_ID = 2**31 - 1

# A filter value: plain text without NUL (PostgreSQL refuses it in a query).
FilterValue = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00]*$")
]
Year = Annotated[int, Field(ge=1900, le=2999)]
Sort = Literal["nieuw", "bijgewerkt", "titel"]


class PracticeListQuery(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Aantal resultaten (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Aantal resultaten om over te slaan.")
    theme: list[FilterValue] = Field([], max_length=MAX_VALUES, description="Thema (slug).")
    municipality: list[FilterValue] = Field(
        [], max_length=MAX_VALUES, description="Gemeente (CBS-code, bijv. GM0344)."
    )
    province: list[FilterValue] = Field([], max_length=MAX_VALUES, description="Provincie.")
    target_group: list[FilterValue] = Field(
        [], max_length=MAX_VALUES, description="Doelgroep (slug)."
    )
    evidence_level: list[FilterValue] = Field(
        [],
        max_length=MAX_VALUES,
        description="Bewijskracht: idee, beschreven, onderbouwd, effectief.",
    )
    status: list[FilterValue] = Field(
        [], max_length=MAX_VALUES, description="Status: planned, running, finished, stopped."
    )
    year: list[Year] = Field([], max_length=MAX_VALUES, description="Jaar van publicatie.")
    sort: Sort = Field("nieuw", description="nieuw, bijgewerkt of titel.")

    def as_filters(self) -> CatalogueFilters:
        def values(items):
            return tuple(v for v in items if v)

        return CatalogueFilters(
            themes=values(self.theme),
            municipalities=tuple(v.upper() for v in values(self.municipality)),
            provinces=values(self.province),
            target_groups=values(self.target_group),
            evidence_levels=values(self.evidence_level),
            statuses=values(self.status),
            years=tuple(self.year),
        )


class MunicipalityOut(Schema):
    code: str
    name: str
    province: str


class ThemeOut(Schema):
    slug: str
    name: str


class PracticeOut(Schema):
    id: int
    title: str
    url: str | None
    summary: str
    municipality: MunicipalityOut | None
    themes: list[ThemeOut]
    target_groups: list[str]
    evidence_level: str | None
    status: str
    visibility: str
    published_at: datetime.datetime | None
    updated_at: datetime.datetime | None


class PracticeListOut(Schema):
    count: int
    items: list[PracticeOut]


class PartnerOut(Schema):
    organisation_type: str
    organisation_type_label: str
    name: str
    role: str


class AttachmentOut(Schema):
    title: str
    url: str


class ContactOut(Schema):
    name: str


class PracticeDetailOut(PracticeOut):
    description: str
    context_problem: str
    goal: str
    approach: str
    results: str
    transferability: str
    evidence_assessed_at: datetime.date | None
    cost_range: str | None
    staffing_fte: float | None
    funding: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    ongoing: bool
    last_reviewed_at: datetime.date | None
    partners: list[PartnerOut]
    attachments: list[AttachmentOut]
    contact_person: ContactOut | None = Field(
        description="Alleen voor geverifieerde leden; anders null."
    )
    related_ids: list[int]


@router.get("/practices", response=PracticeListOut, summary="Goede praktijken")
def practice_list(request, params: Query[PracticeListQuery]):
    """The practices the caller may see, filtered like the catalogue at /praktijken/."""
    practices = _with_target_groups(
        catalogue_practices(user=request.auth, filters=params.as_filters(), sort=params.sort)
    )
    count = practices.count()
    page = practices[params.offset : params.offset + params.limit] if params.offset < count else []
    return {"count": count, "items": [_summary(practice, request) for practice in page]}


@router.get("/practices/{id}", response=PracticeDetailOut, summary="Eén goede praktijk")
def practice_detail(request, id: int):
    """One practice with its full text, partners and the attachments the caller may see."""
    if not 0 < id <= MAX_PAGE_ID:
        raise Http404
    practice = (
        _with_target_groups(visible_practices(request.auth))
        .filter(pk=id)
        .select_related("municipality", "contact_person")
        .prefetch_related("themes", "partners__kind")
        .first()
    )
    if practice is None:
        raise Http404
    return _detail(practice, request)


def _with_target_groups(practices):
    return practices.prefetch_related(
        Prefetch(
            "tagged_target_groups",
            queryset=TaggedTargetGroup.objects.select_related("tag").order_by("tag__name"),
        )
    )


def _summary(practice: PracticePage, request) -> dict:
    municipality = practice.municipality
    url_parts = practice.get_url_parts(request)
    return {
        "id": practice.pk,
        "title": practice.title,
        "url": url_parts[2] if url_parts else None,
        "summary": practice.summary,
        "municipality": (
            {
                "code": municipality.code,
                "name": municipality.name,
                "province": municipality.province,
            }
            if municipality
            else None
        ),
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in practice.themes.all()],
        "target_groups": [tagged.tag.name for tagged in practice.tagged_target_groups.all()],
        "evidence_level": practice.evidence_level or None,
        "status": practice.status,
        "visibility": practice.visibility,
        "published_at": practice.first_published_at,
        "updated_at": practice.last_published_at,
    }


def _detail(practice: PracticePage, request) -> dict:
    user = request.auth
    contact = practice.contact_person
    contact_name = contact.get_full_name() if contact else ""
    return {
        **_summary(practice, request),
        "description": expand_db_html(practice.description),
        "context_problem": expand_db_html(practice.context_problem),
        "goal": expand_db_html(practice.goal),
        "approach": str(practice.approach.render_as_block()) if practice.approach else "",
        "results": expand_db_html(practice.results),
        "transferability": expand_db_html(practice.transferability),
        "evidence_assessed_at": practice.evidence_assessed_at,
        "cost_range": practice.cost_range or None,
        "staffing_fte": practice.staffing_fte,
        "funding": practice.funding,
        "start_date": practice.start_date,
        "end_date": practice.end_date,
        "ongoing": practice.ongoing,
        "last_reviewed_at": practice.last_reviewed_at,
        "partners": [
            {
                # The kind's code and name from the moderated vocabulary (the field names
                # predate it and stay, for API clients).
                "organisation_type": partner.kind.slug,
                "organisation_type_label": partner.kind.name,
                "name": partner.name,
                "role": partner.role,
            }
            for partner in practice.partners.all()
        ],
        "attachments": [
            {"title": attachment.display_title, "url": attachment.document.url}
            for attachment in visible_attachments(practice=practice, user=user)
        ],
        # Contact details are for colleagues only: the name, for verified members.
        "contact_person": (
            {"name": contact_name} if contact_name and viewer_for(user).is_member else None
        ),
        "related_ids": [related.pk for related in related_practices(practice=practice, user=user)],
    }
