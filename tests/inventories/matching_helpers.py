"""A questionnaire with need, capacity and strength questions on themes, and answers to it."""

import datetime

from django.utils import timezone

from exchange.inventories.models import Answer, Dimension, Kind, Question, Questionnaire, Response
from exchange.themes.models import Theme


def make_matching_questionnaire(*, slug="behoeften", opens=-7, closes=14):
    today = timezone.localdate()
    questionnaire = Questionnaire.objects.create(
        title="Behoeften",
        slug=slug,
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=closes),
    )
    jongeren = Theme.objects.get(slug="jongeren")
    polarisatie = Theme.objects.get(slug="polarisatie")
    rows = [
        ("leren", Kind.MULTIPLE, Dimension.NEED, None, {"choices": "Jongeren\nPolarisatie"}),
        ("capaciteit", Kind.SCALE, Dimension.CAPACITY, polarisatie, {}),
        ("netwerk", Kind.SINGLE, Dimension.NETWORK, jongeren, {"choices": "Ja\nGedeeltelijk\nNee"}),
    ]
    for order, (code, kind, dimension, theme, extra) in enumerate(rows):
        Question.objects.create(
            questionnaire=questionnaire,
            sort_order=order,
            section="Eén",
            code=code,
            text=code,
            kind=kind,
            dimension=dimension,
            theme=theme,
            **extra,
        )
    return questionnaire


def respond(questionnaire, municipality, values, *, submitted=True, when=None):
    response = Response.objects.create(
        questionnaire=questionnaire,
        municipality=municipality,
        status=Response.Status.SUBMITTED if submitted else Response.Status.DRAFT,
        submitted_at=(when or timezone.now()) if submitted else None,
    )
    questions = {q.code: q for q in questionnaire.questions.all()}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], value=value)
        for code, value in values.items()
    )
    return response
