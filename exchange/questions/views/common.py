"""What every question view shares: fetching what the user may see, and running a service."""

from django.http import Http404

from exchange.core.roles import is_moderator

from ..models import Answer, Question
from ..selectors import question_for_view


def visible_question_or_404(user, pk: int) -> Question:
    question = question_for_view(pk=pk)
    if question is None or not question.is_visible_to(user):
        raise Http404
    return question


def visible_answer_or_404(user, pk: int) -> Answer:
    answer = Answer.objects.select_related("question").filter(pk=pk).first()
    if (
        answer is None
        or (answer.hidden and not is_moderator(user))
        or not answer.question.is_visible_to(user)
    ):
        raise Http404
    return answer
