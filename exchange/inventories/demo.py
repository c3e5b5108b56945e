"""Demo responses to the quickscan: about 100 municipalities, the same every time (seeded).

`seed_demo` calls `quickscan_demo_seed()`; it adds responses only to a quickscan without any,
so running it again changes nothing. A demo member's municipality is left to answer by hand
(`keep_free`), another has answered (`include`), so both sides can be tried.
"""

import random

from django.db import transaction
from django.utils import timezone

from exchange.municipalities.models import Municipality
from exchange.municipalities.size_classes import size_class

from .models import Answer, Kind, Response
from .quickscan import quickscan_ensure

SEED = 16
RESPONSES = 100

SHORT_TEXTS = [
    "Onrust rond de komst van een nieuwe opvanglocatie.",
    "Jongeren die online in extreme groepen belanden.",
    "Spanningen tussen groepen na incidenten in het buitenland.",
    "Te weinig zicht op wat er in wijken speelt.",
    "Polarisatie rond demonstraties en protesten.",
]
LONG_TEXTS = [
    "Een netwerk van sleutelfiguren dat elk kwartaal bijeenkomt met wijkagent en jongerenwerk.",
    "Trainingen voor docenten over lastige gesprekken in de klas, samen met twee scholen.",
    "Een vast omgevingsoverleg rond de opvanglocatie met bewoners, COA en politie.",
]


def _value(question, rng: random.Random, size: int):
    """A plausible answer; larger municipalities report more capacity."""
    if question.kind == Kind.NUMBER:
        base = {1: 0.1, 2: 0.2, 3: 0.3, 4: 0.5, 5: 1.0, 6: 1.5, 7: 2.5, 8: 5.0}.get(size, 0.5)
        return round(max(0.0, rng.gauss(base, base / 2)), 1)
    if question.kind == Kind.SCALE:
        return rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
    if question.kind == Kind.SINGLE:
        choices = question.choice_list
        weights = [len(choices) - n + 1 for n in range(len(choices))]
        return rng.choices(choices, weights=weights)[0]
    if question.kind == Kind.MULTIPLE:
        return sorted(
            rng.sample(question.choice_list, rng.randint(1, 3)), key=question.choice_list.index
        )
    if question.kind == Kind.SHORT_TEXT:
        return rng.choice(SHORT_TEXTS) if rng.random() < 0.6 else None
    return rng.choice(LONG_TEXTS) if rng.random() < 0.3 else None


def quickscan_demo_seed(
    *, keep_free: set[str] = frozenset(), include: set[str] = frozenset(), count: int = RESPONSES
) -> int:
    """Submitted responses from `count` municipalities (deterministic), always those in
    `include` and never those in `keep_free`; returns how many were added."""
    questionnaire, _created = quickscan_ensure()
    if questionnaire.responses.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    municipalities = list(
        Municipality.objects.active().exclude(code__in=keep_free).order_by("code")
    )
    chosen = [m for m in municipalities if m.code in include]
    rest = [m for m in municipalities if m.code not in include]
    chosen += rng.sample(rest, max(0, min(count - len(chosen), len(rest))))
    questions = list(questionnaire.questions.all())
    now = timezone.now()
    with transaction.atomic():
        responses = Response.objects.bulk_create(
            Response(
                questionnaire=questionnaire,
                municipality=municipality,
                status=Response.Status.SUBMITTED,
                submitted_at=now,
            )
            for municipality in chosen
        )
        answers = []
        for response, municipality in zip(responses, chosen, strict=True):
            size = size_class(municipality.population) or 4
            for question in questions:
                value = _value(question, rng, size)
                if value is not None:
                    answers.append(Answer(response=response, question=question, value=value))
        Answer.objects.bulk_create(answers, batch_size=1000)
    return len(responses)
