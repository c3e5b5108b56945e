"""The ready-made quickscan: what a municipality needs against radicalisation and tensions.

`quickscan_ensure()` creates it once (the `create_quickscan` command and `seed_demo` call it);
run again it leaves an existing quickscan, and any answers to it, alone.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.themes.models import Theme

from .models import Audience, Dimension, Kind, Question, Questionnaire

SLUG = "quickscan-sociale-stabiliteit"
TITLE = "Quickscan sociale stabiliteit"
INTRODUCTION = (
    "Met deze quickscan brengen we in kaart wat gemeenten nodig hebben om radicalisering, "
    "polarisatie en maatschappelijke spanningen te herkennen en aan te pakken. Eén antwoord "
    "per gemeente: collega's van uw gemeente vullen dezelfde lijst aan. Het invullen kost "
    "ongeveer tien minuten; u kunt tussendoor stoppen en later verder. Anderen zien alleen "
    "cijfers over groepen van ten minste vijf gemeenten, nooit de antwoorden van uw gemeente."
)

YES_NO_PARTLY = "Ja\nGedeeltelijk\nNee\nWeet ik niet"
COOPERATION = "Structureel\nIncidenteel\nNiet"
THEME_CHOICES = [
    ("radicalisering", "Radicalisering"),
    ("polarisatie", "Polarisatie"),
    ("maatschappelijke-spanningen", "Maatschappelijke spanningen"),
    ("online-extremisme", "Online extremisme"),
    ("jongeren", "Jongeren"),
    ("vluchtelingen-en-azc", "Vluchtelingen en azc"),
    ("discriminatie", "Discriminatie"),
    ("communicatie-bij-incidenten", "Communicatie bij incidenten"),
]
THEME_LABELS = "\n".join(label for _slug, label in THEME_CHOICES)
UNSURE = "\n".join(
    [
        "Signalen van radicalisering bij jongeren",
        "Online extremisme en desinformatie",
        "Spanningen rond de komst van een azc",
        "Demonstraties en protesten",
        "Incidenten met discriminatie",
        "Gesprekken met religieuze organisaties",
        "Communicatie na een incident",
    ]
)

CAPACITY = "Capaciteit"
NETWORK = "Netwerk en samenwerking"
KNOWLEDGE = "Kennis en handelingsverlegenheid"
SHARING = "Leren en delen"

# (section, code, text, kind, options, theme slug, dimension); options: choices, or
# (low, high) for a scale, or the unit for a number.
QUESTIONS = [
    (
        CAPACITY,
        "fte-radicalisering",
        "Hoeveel formatie heeft uw gemeente voor de aanpak van radicalisering en polarisatie?",
        Kind.NUMBER,
        "FTE",
        "radicalisering",
        Dimension.CAPACITY,
    ),
    (
        CAPACITY,
        "fte-spanningen",
        (
            "Hoeveel formatie heeft uw gemeente voor het signaleren en dempen van "
            "maatschappelijke spanningen?"
        ),
        Kind.NUMBER,
        "FTE",
        "maatschappelijke-spanningen",
        Dimension.CAPACITY,
    ),
    (
        CAPACITY,
        "capaciteit-voldoende",
        "Is die capaciteit voldoende voor wat er in uw gemeente speelt?",
        Kind.SCALE,
        ("ruim onvoldoende", "ruim voldoende"),
        "",
        Dimension.CAPACITY,
    ),
    (
        CAPACITY,
        "coordinator",
        "Is er een vaste coördinator of aandachtsfunctionaris radicalisering?",
        Kind.SINGLE,
        YES_NO_PARTLY,
        "radicalisering",
        Dimension.CAPACITY,
    ),
    (
        CAPACITY,
        "budget",
        "Heeft uw gemeente eigen budget voor preventie van polarisatie en radicalisering?",
        Kind.SINGLE,
        YES_NO_PARTLY,
        "polarisatie",
        Dimension.CAPACITY,
    ),
    (
        NETWORK,
        "netwerk-sleutelfiguren",
        "Heeft uw gemeente een netwerk van sleutelfiguren in wijken en gemeenschappen?",
        Kind.SINGLE,
        YES_NO_PARTLY,
        "sleutelfiguren-netwerk",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "netwerk-actief",
        "Hoe actief is dat netwerk?",
        Kind.SCALE,
        ("slapend", "zeer actief"),
        "sleutelfiguren-netwerk",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "samenwerking-onderwijs",
        "Hoe werkt uw gemeente samen met scholen en onderwijs?",
        Kind.SINGLE,
        COOPERATION,
        "onderwijs",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "samenwerking-politie",
        "Hoe werkt uw gemeente samen met de politie op dit onderwerp?",
        Kind.SINGLE,
        COOPERATION,
        "",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "samenwerking-zorg",
        "Hoe werkt uw gemeente samen met zorg (GGZ, wijkteams, Veilig Thuis)?",
        Kind.SINGLE,
        COOPERATION,
        "casusoverleg",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "samenwerking-jongerenwerk",
        "Hoe werkt uw gemeente samen met het jongerenwerk?",
        Kind.SINGLE,
        COOPERATION,
        "jongeren",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "samenwerking-religieus",
        "Hoe werkt uw gemeente samen met religieuze en levensbeschouwelijke organisaties?",
        Kind.SINGLE,
        COOPERATION,
        "religieuze-organisaties",
        Dimension.NETWORK,
    ),
    (
        NETWORK,
        "casusoverleg",
        (
            "Neemt uw gemeente deel aan een casusoverleg radicalisering (bijvoorbeeld in het "
            "Zorg- en Veiligheidshuis)?"
        ),
        Kind.SINGLE,
        YES_NO_PARTLY,
        "casusoverleg",
        Dimension.NETWORK,
    ),
    (
        KNOWLEDGE,
        "handelingsverlegenheid",
        "Bij welke situaties voelt uw gemeente zich onzeker over hoe te handelen?",
        Kind.MULTIPLE,
        UNSURE,
        "",
        Dimension.KNOWLEDGE,
    ),
    (
        KNOWLEDGE,
        "kennis-signalering",
        "Hoe goed kunnen professionals in uw gemeente signalen van radicalisering herkennen?",
        Kind.SCALE,
        ("nauwelijks", "heel goed"),
        "training-professionals",
        Dimension.KNOWLEDGE,
    ),
    (
        KNOWLEDGE,
        "training",
        "Zijn er het afgelopen jaar professionals getraind in het herkennen van radicalisering?",
        Kind.SINGLE,
        YES_NO_PARTLY,
        "training-professionals",
        Dimension.KNOWLEDGE,
    ),
    (
        KNOWLEDGE,
        "grootste-zorg",
        "Wat is op dit moment de grootste zorg in uw gemeente op dit terrein?",
        Kind.SHORT_TEXT,
        "",
        "",
        Dimension.NEED,
    ),
    (
        SHARING,
        "leerthemas",
        "Over welke thema's wil uw gemeente leren van andere gemeenten?",
        Kind.MULTIPLE,
        THEME_LABELS,
        "",
        Dimension.NEED,
    ),
    (
        SHARING,
        "iets-te-delen",
        "Heeft uw gemeente een aanpak die andere gemeenten kunnen gebruiken?",
        Kind.SINGLE,
        "Ja, al beschreven\nJa, nog niet beschreven\nNee",
        "",
        Dimension.KNOWLEDGE,
    ),
    (
        SHARING,
        "aanpak-beschrijving",
        "Zo ja: welke aanpak, in een paar zinnen?",
        Kind.LONG_TEXT,
        "",
        "",
        Dimension.KNOWLEDGE,
    ),
    (
        SHARING,
        "contact-open",
        "Mogen andere gemeenten uw gemeente benaderen om ervaringen uit te wisselen?",
        Kind.SINGLE,
        "Ja\nNee",
        "",
        Dimension.NETWORK,
    ),
]


def quickscan_ensure(*, today: datetime.date | None = None) -> tuple[Questionnaire, bool]:
    """The quickscan, created (open for six weeks from `today`) if it does not exist yet."""
    existing = Questionnaire.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing, False
    today = today or timezone.localdate()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            title=TITLE,
            slug=SLUG,
            introduction=INTRODUCTION,
            audience=Audience.MUNICIPALITIES,
            opens_on=today - datetime.timedelta(days=14),
            closes_on=today + datetime.timedelta(days=28),
        )
        for order, (section, code, text, kind, options, theme, dimension) in enumerate(QUESTIONS):
            question = Question(
                questionnaire=questionnaire,
                sort_order=order,
                section=section,
                code=code,
                text=text,
                kind=kind,
                theme=themes.get(theme),
                dimension=dimension,
                required=kind in (Kind.SINGLE, Kind.SCALE),
            )
            if kind == Kind.SCALE:
                question.scale_low, question.scale_high = options
            elif kind == Kind.NUMBER:
                question.unit = options
            elif options:
                question.choices = options
            question.save()
    return questionnaire, True
