"""The questions API: the list and one question with its answers, as the caller may see them.

The caller is `request.auth` (see exchange/api.py); reads go through the questions selectors,
so visibility is decided exactly as on the HTML pages. A question the caller may not see is a
404, also a members-only one for an anonymous caller (an API has no login page).
"""

import datetime
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from pydantic import StringConstraints

from exchange.visibility import viewer_for

from .models import Question
from .selectors import QuestionFilters, question_for_view, question_list, visible_answers

router = Router(tags=["questions"])

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000
MAX_VALUES = 50
MAX_ID = 2**31 - 1

FilterValue = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00]*$")
]
Status = Literal["open", "answered", "closed"]
Sort = Literal["nieuw", "actief", "onbeantwoord"]


class QuestionListQuery(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Aantal resultaten (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Aantal resultaten om over te slaan.")
    theme: list[FilterValue] = Field([], max_length=MAX_VALUES, description="Thema (slug).")
    municipality: list[FilterValue] = Field(
        [], max_length=MAX_VALUES, description="Gemeente van de vraagsteller (CBS-code)."
    )
    status: list[Status] = Field(
        [], max_length=MAX_VALUES, description="Status: open, answered of closed."
    )
    sort: Sort = Field("nieuw", description="nieuw, actief of onbeantwoord.")

    def as_filters(self) -> QuestionFilters:
        return QuestionFilters(
            themes=tuple(v for v in self.theme if v),
            municipalities=tuple(v.upper() for v in self.municipality if v),
            statuses=tuple(self.status),
        )


class MunicipalityOut(Schema):
    code: str
    name: str
    province: str


class ThemeOut(Schema):
    slug: str
    name: str


class QuestionOut(Schema):
    id: int
    title: str
    url: str
    municipality: MunicipalityOut | None
    themes: list[ThemeOut]
    status: str
    closed_reason: str | None
    locked: bool
    visibility: str
    answer_count: int
    created_at: datetime.datetime
    last_activity_at: datetime.datetime


class QuestionListOut(Schema):
    count: int
    items: list[QuestionOut]


class AnswerOut(Schema):
    id: int
    body_html: str
    author: str | None = Field(description="Naam van de auteur; alleen voor geverifieerde leden.")
    municipality: MunicipalityOut | None
    accepted: bool
    helpful_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class QuestionDetailOut(QuestionOut):
    body_html: str
    author: str | None = Field(description="Naam van de vraagsteller; alleen voor leden.")
    duplicate_of: int | None
    answers: list[AnswerOut]


@router.get("/questions", response=QuestionListOut, summary="Vragen")
def questions(request, params: Query[QuestionListQuery]):
    """The questions the caller may see, filtered like the list at /vragen/."""
    qs = question_list(user=request.auth, filters=params.as_filters(), sort=params.sort)
    count = qs.count()
    page = qs[params.offset : params.offset + params.limit] if params.offset < count else []
    return {"count": count, "items": [_summary(question) for question in page]}


@router.get("/questions/{id}", response=QuestionDetailOut, summary="Eén vraag met antwoorden")
def question(request, id: int):
    """One question with the answers the caller may see (accepted first, then most helpful)."""
    user = request.auth
    found = question_for_view(pk=id) if 0 < id <= MAX_ID else None
    if found is None or not found.is_visible_to(user):
        raise Http404
    show_names = viewer_for(user).is_member
    answers = (
        visible_answers(user, found)
        .select_related("author__profile__municipality", "municipality")
        .order_by("-accepted", "-helpful_count", "created_at", "pk")
    )
    original = found.duplicate_of
    return {
        **_summary(found, answer_count=len(answers)),
        "body_html": found.body_html,
        "author": _name(found.author) if show_names else None,
        "duplicate_of": original.pk if original and original.is_visible_to(user) else None,
        "answers": [
            {
                "id": answer.pk,
                "body_html": answer.body_html,
                "author": _name(answer.author) if show_names else None,
                "municipality": _municipality(answer.municipality),
                "accepted": answer.accepted,
                "helpful_count": answer.helpful_count,
                "created_at": answer.created_at,
                "updated_at": answer.updated_at,
            }
            for answer in answers
        ],
    }


def _summary(question: Question, *, answer_count: int | None = None) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "url": question.get_absolute_url(),
        "municipality": _municipality(question.municipality),
        "themes": [{"slug": theme.slug, "name": theme.name} for theme in question.themes.all()],
        "status": question.status,
        "closed_reason": question.closed_reason or None,
        "locked": question.locked,
        "visibility": question.visibility,
        "answer_count": (answer_count if answer_count is not None else question.shown_answer_count),
        "created_at": question.created_at,
        "last_activity_at": question.last_activity_at,
    }


def _municipality(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"code": municipality.code, "name": municipality.name, "province": municipality.province}


def _name(user) -> str | None:
    return (user.get_full_name() or None) if user else None
