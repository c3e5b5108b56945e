"""What the inventories app keeps about a member, and its part in their data rights.

Registered from InventoriesConfig.ready() (see exchange/core/personal_data.py). Answers are
the municipality's (or the network's) figures and stay; who changed them stays in the history,
shown as "voormalig lid van <gemeente>" once the member is anonymised.
"""

from django.utils.translation import gettext as _

from exchange.core.personal_data import LINES, ExportSection, PersonalData, Relation, shown_date
from exchange.core.personal_data import Treatment as T

from .models import AnswerChange

KEPT_FOR_FIGURES = "the network's figures stay true; an anonymised account names no one"

RELATIONS = (
    Relation("inventories.Response", "member", T.KEPT, KEPT_FOR_FIGURES),
    Relation("inventories.Response", "submitted_by", T.KEPT, "who submitted, as above"),
    Relation("inventories.AnswerChange", "changed_by", T.KEPT, "the response's history, as above"),
)


def export(user) -> list[ExportSection]:
    """Every answer the member gave or changed in a questionnaire, newest first (one query).

    The answers themselves are the municipality's; the export shows the member's part in them.
    """
    changes = list(
        AnswerChange.objects.filter(changed_by=user)
        .select_related("question__questionnaire", "response__municipality")
        .order_by("-changed_at", "-pk")
    )
    data = [
        {
            "questionnaire": change.question.questionnaire.title,
            "municipality": getattr(change.response.municipality, "name", ""),
            "question": change.question.code,
            "changed_at": change.changed_at,
            "old_value": change.old_value,
            "new_value": change.new_value,
        }
        for change in changes
    ]
    rows = [
        _("%(date)s, %(questionnaire)s: %(question)s → %(value)s")
        % {
            "date": shown_date(change.changed_at, time=True),
            "questionnaire": change.question.questionnaire.title,
            "question": change.question.text,
            "value": change.new_value if change.new_value not in (None, "") else "—",
        }
        for change in changes
    ]
    return [
        ExportSection(
            key="inventories",
            title=_("Antwoorden in inventarisaties"),
            data={"inventory_answer_changes": data},
            rows=rows,
            layout=LINES,
            empty=_("Geen."),
        )
    ]


PERSONAL_DATA = PersonalData(app="inventories", relations=RELATIONS, export=export)
