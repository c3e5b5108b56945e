"""A small questionnaire with every kind of question, and municipalities that answered it."""

import datetime

import pytest
from django.utils import timezone

from exchange.inventories.models import Answer, Kind, Question, Questionnaire, Response
from tests.factories import MunicipalityFactory

QUESTIONS = [
    ("Capaciteit", "fte", "Hoeveel FTE?", Kind.NUMBER, {"unit": "FTE"}),
    (
        "Capaciteit",
        "voldoende",
        "Is het voldoende?",
        Kind.SCALE,
        {"scale_low": "nee", "scale_high": "ja", "required": True},
    ),
    (
        "Netwerk",
        "netwerk",
        "Is er een netwerk?",
        Kind.SINGLE,
        {"choices": "Ja\nNee", "required": True},
    ),
    ("Netwerk", "partners", "Met wie?", Kind.MULTIPLE, {"choices": "Politie\nOnderwijs\nZorg"}),
    ("Delen", "zorg", "Grootste zorg?", Kind.SHORT_TEXT, {}),
    ("Delen", "aanpak", "Welke aanpak?", Kind.LONG_TEXT, {}),
]


def make_questionnaire(*, slug="scan", opens=-7, closes=14, previous=None, round_number=1):
    today = timezone.localdate()
    questionnaire = Questionnaire.objects.create(
        title="Scan",
        slug=slug,
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=closes),
        previous_round=previous,
        round_number=round_number,
    )
    for order, (section, code, text, kind, extra) in enumerate(QUESTIONS):
        Question.objects.create(
            questionnaire=questionnaire,
            sort_order=order,
            section=section,
            code=code,
            text=text,
            kind=kind,
            **extra,
        )
    return questionnaire


def answer_all(questionnaire, municipality, *, netwerk="Ja", fte=1.0, voldoende=3, zorg="Onrust"):
    response = Response.objects.create(
        questionnaire=questionnaire,
        municipality=municipality,
        status=Response.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    values = {
        "fte": fte,
        "voldoende": voldoende,
        "netwerk": netwerk,
        "partners": ["Politie", "Zorg"],
        "zorg": zorg,
    }
    questions = {q.code: q for q in questionnaire.questions.all()}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], value=value)
        for code, value in values.items()
    )
    return response


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()


@pytest.fixture
def closed_questionnaire(db):
    return make_questionnaire(slug="gesloten", opens=-60, closes=-1)


@pytest.fixture
def network(db):
    """Municipalities in three provinces and several size classes, not yet answering."""
    made = []
    for n in range(12):
        made.append(
            MunicipalityFactory(
                code=f"GM80{n:02d}", name=f"Gelders {n}", province="Gelderland", population=30_000
            )
        )
    for n in range(8):
        made.append(
            MunicipalityFactory(
                code=f"GM81{n:02d}",
                name=f"Brabants {n}",
                province="Noord-Brabant",
                population=60_000,
            )
        )
    made.append(
        MunicipalityFactory(code="GM8200", name="Eiland", province="Fryslân", population=900)
    )
    return made
