"""Facets of practices, for the catalogue and for search (see exchange.core.facets)."""

from django.utils.translation import gettext_lazy

from exchange.core.facets import SLUG, Choice, Facet

from .models import TargetGroup
from .models.pages import EvidenceLevel, PracticeStatus


def target_group_names(slugs) -> dict:
    return dict(TargetGroup.objects.filter(slug__in=slugs).values_list("slug", "name"))


# Target groups are free tags ("jongeren 14-18", "imam", "wijkagenten"): the filter shows
# them alphabetically under the kind of group their name says, the first kind whose word
# stems it holds ("jongerenwerkers" are professionals, not young people; "bestuur van de
# moskee" an organisation). A name matching no kind goes under "Overige doelgroepen".
TARGET_GROUP_KINDS = (
    (
        gettext_lazy("Professionals"),
        (
            "professional", "docent", "leerkracht", "leraar", "leraren", "mentor",
            "jongerenwerk", "agent", "politie", "zorg", "wijkteam", "straatwerk",
            "schoolleiding", "welzijn", "ketenpartner", "jeugdhulp", "trainer",
            "leidinggevend", "gespreksleider", "voorzitter", "casusoverleg", "hulpverlen",
            "medewerker", "coach", "handhav", "portier", "ambtena", "begeleider",
        ),
    ),
    (
        gettext_lazy("Ouders en gezinnen"),
        ("ouders", "moeder", "vader", "gezin", "famili", "opvoed"),
    ),
    (
        gettext_lazy("Jongeren en kinderen"),
        (
            "jongere", "jonge", "jongens", "meisje", "jeugd", "leerling", "scholier",
            "student", "kind", "tiener", "minderjarig",
        ),
    ),
    (
        gettext_lazy("Organisaties en bestuur"),
        (
            "organisat", "gemeente", "raad", "wethouder", "burgemeester", "bestuur", "school",
            "scholen", "onderwijs", "gebedshui", "moskee", "kerk", "vereniging", "club",
            "ondernemer", "bedrijf", "horeca", "verhuurder", "corporatie", "evenement",
        ),
    ),
    (
        gettext_lazy("Inwoners en gemeenschappen"),
        (
            "bewoner", "inwoner", "buurt", "wijk", "sleutelfigu", "imam", "voorganger", "religi",
            "gelovig", "migrant", "gemeenschap", "nieuwkomer", "statushouder", "vluchteling",
            "asielzoeker", "vrijwillig", "burger", "ouderen", "vrouwen", "mannen",
        ),
    ),
)  # fmt: skip
OTHER_TARGET_GROUPS = gettext_lazy("Overige doelgroepen")


def target_group_kind(name: str) -> tuple[int, str]:
    """(order, heading) of the kind of group a target group's name says."""
    folded = name.casefold()
    for order, (heading, stems) in enumerate(TARGET_GROUP_KINDS):
        if any(stem in folded for stem in stems):
            return order, heading
    return len(TARGET_GROUP_KINDS), OTHER_TARGET_GROUPS


TARGET_GROUP = Facet(
    "target_group",
    "doelgroep",
    gettext_lazy("Doelgroep"),
    SLUG,
    names=target_group_names,
    kind_of=target_group_kind,
)
EVIDENCE_LEVEL = Facet(
    "evidence_level",
    "bewijskracht",
    gettext_lazy("Bewijskracht"),
    Choice(EvidenceLevel.choices),
    old_params=("bewijs",),  # the catalogue's name until the list pages shared one module
)
STATUS = Facet("status", "status", gettext_lazy("Status"), Choice(PracticeStatus.choices))
