"""The quickscan API: aggregated results of closed rounds only, under the small-group rule.

Read by verified members (a session or a personal API token), as the members' results page:
rounds that have closed, every figure through `exchange.core.small_groups` (a suppressed
group or cell is `null`), never free text and never one municipality's answers, also for a
moderator's session. Anyone else gets an empty list and a 404, as for members-only content.
"""

import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema

from exchange.core.roles import is_verified_member

from . import results as results_module
from .models import Questionnaire

router = Router(tags=["inventories"])


class QuestionnaireOut(Schema):
    slug: str
    title: str
    round_number: int
    opens_on: datetime.date
    closes_on: datetime.date
    results_url: str


class RowOut(Schema):
    label: str
    count: int | None = Field(description="Aantal gemeenten; null als het is afgeschermd.")
    share: float | None = Field(description="Aandeel in procenten; null als het is afgeschermd.")


class GroupOut(Schema):
    key: str = Field(description="nl, province:<naam> of size:<CBS-grootteklasse 1–8>.")
    label: str
    size: int | None = Field(description="Gemeenten die antwoordden; null: afgeschermd.")
    median: float | None
    rows: list[RowOut]


class QuestionResultOut(Schema):
    code: str
    text: str
    kind: str
    theme: str | None = Field(description="Thema (slug).")
    dimension: str
    groups: list[GroupOut]


class ResultsOut(Schema):
    questionnaire: QuestionnaireOut
    minimum: int = Field(description="Het kleinste aantal gemeenten achter een getoond cijfer.")
    respondents: int | None = Field(description="Gemeenten die indienden; null: afgeschermd.")
    questions: list[QuestionResultOut]


def _closed(user):
    if not is_verified_member(user):
        return Questionnaire.objects.none()
    return Questionnaire.objects.filter(closes_on__lt=timezone.localdate()).order_by(
        "-closes_on", "title"
    )


def _questionnaire(questionnaire: Questionnaire) -> dict:
    return {
        "slug": questionnaire.slug,
        "title": questionnaire.title,
        "round_number": questionnaire.round_number,
        "opens_on": questionnaire.opens_on,
        "closes_on": questionnaire.closes_on,
        "results_url": f"{questionnaire.get_absolute_url()}resultaten/",
    }


def _key(key: tuple) -> str:
    return ":".join(str(part) for part in key)


@router.get("/inventories", response=list[QuestionnaireOut], summary="Gesloten inventarisaties")
def inventories(request):
    """Closed quickscan rounds whose aggregated results the caller may read."""
    return [_questionnaire(q) for q in _closed(request.auth)]


@router.get(
    "/inventories/{slug}/results",
    response=ResultsOut,
    summary="Geaggregeerde resultaten van een gesloten ronde",
)
def inventory_results(request, slug: str):
    """Per question and group (nation, provinces, size classes): counts, shares and medians,
    with every figure covering fewer than `minimum` municipalities (or computable from others)
    suppressed as `null`. Free text is never included."""
    questionnaire = _closed(request.auth).filter(slug=slug[:100]).first()
    if questionnaire is None:
        raise Http404
    results = results_module.questionnaire_results(questionnaire, full=False)
    # As the members' results page says it: the number of municipalities that submitted.
    national_shown = results.respondents >= results.minimum
    return {
        "questionnaire": _questionnaire(questionnaire),
        "minimum": results.minimum,
        "respondents": results.respondents if national_shown else None,
        "questions": [
            {
                "code": result.question.code,
                "text": result.question.text,
                "kind": result.question.kind,
                "theme": result.question.theme.slug if result.question.theme else None,
                "dimension": result.question.dimension,
                "groups": [
                    {
                        "key": _key(group.key),
                        "label": group.label,
                        "size": group.size,
                        "median": group.median if group.shown else None,
                        "rows": [
                            {"label": row.label, "count": row.count, "share": row.share}
                            for row in group.rows
                        ]
                        if group.shown
                        else [],
                    }
                    for group in result.groups
                ],
            }
            for result in results.questions
            if not result.question.is_text
        ],
    }
