"""Questions and answers for tests, written straight to the database (no rate limits).

Tests of the rules themselves go through exchange.questions.services.
"""

from django.db.models import F
from django.utils import timezone

from exchange.core.markdown import render_markdown
from exchange.questions.models import Answer, Question
from exchange.themes.models import Theme


def make_question(
    *,
    author,
    title="Hoe gaan jullie om met spanningen in de wijk?",
    body="Wij zoeken *ervaringen* van andere gemeenten.",
    visibility="public",
    allowed=(),
    themes=("jongeren",),
    hidden=False,
    **fields,
) -> Question:
    profile = getattr(author, "profile", None)
    question = Question.objects.create(
        title=title,
        body_markdown=body,
        body_html=render_markdown(body),
        author=author,
        municipality=fields.pop("municipality", profile.municipality if profile else None),
        visibility=visibility,
        hidden=hidden,
        **fields,
    )
    question.themes.set(Theme.objects.filter(slug__in=themes))
    question.allowed_municipalities.set(allowed)
    return question


def make_answer(*, question, author, body="Bij ons werkte een vast overleg.", **fields) -> Answer:
    profile = getattr(author, "profile", None)
    answer = Answer.objects.create(
        question=question,
        author=author,
        municipality=profile.municipality if profile else None,
        body_markdown=body,
        body_html=render_markdown(body),
        **fields,
    )
    Question.objects.filter(pk=question.pk).update(
        answer_count=F("answer_count") + 1, last_activity_at=timezone.now()
    )
    return answer
