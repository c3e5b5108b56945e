"""Read paths for questionnaires and responses, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from .models import Answer, AnswerChange, Question, Questionnaire, Response
from .permissions import respondent_for


@dataclass
class Section:
    number: int
    title: str
    questions: list[Question]


def sections_of(questionnaire: Questionnaire) -> list[Section]:
    """Consecutive questions with the same section title, as numbered pages (one query)."""
    sections: list[Section] = []
    for question in questionnaire.questions.select_related("theme").order_by("sort_order", "pk"):
        if not sections or sections[-1].title != question.section:
            sections.append(Section(number=len(sections) + 1, title=question.section, questions=[]))
        sections[-1].questions.append(question)
    return sections


def questionnaire_list() -> list[Questionnaire]:
    return list(Questionnaire.objects.order_by("-opens_on", "title"))


def questionnaires_open(today=None) -> list[Questionnaire]:
    """The rounds taking answers today, closing soonest first (one query)."""
    today = today or timezone.localdate()
    return list(
        Questionnaire.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by(
            "closes_on", "title"
        )
    )


def own_response(user, questionnaire: Questionnaire) -> Response | None:
    """The response `user` works on (their municipality's or their own), with its answers."""
    respondent = respondent_for(user, questionnaire)
    lookup = {"questionnaire": questionnaire, "member": respondent["member"]}
    if respondent["member"] is None:
        lookup["municipality"] = respondent["municipality"]
    return (
        Response.objects.filter(**lookup)
        .select_related("municipality", "submitted_by")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.all()))
        .first()
    )


def answers_by_question(response: Response | None) -> dict[int, object]:
    if response is None:
        return {}
    return {answer.question_id: answer.value for answer in response.answers.all()}


def response_history(response: Response | None, *, limit: int = 50) -> list[AnswerChange]:
    if response is None:
        return []
    return list(response.changes.select_related("question", "changed_by")[:limit])
