"""Facets of practices, for the catalogue and for search (see exchange.core.facets)."""

from django.utils.translation import gettext_lazy

from exchange.core.facets import SLUG, Choice, Facet

from .models import TargetGroup
from .models.pages import EvidenceLevel, PracticeStatus


def target_group_names(slugs) -> dict:
    return dict(TargetGroup.objects.filter(slug__in=slugs).values_list("slug", "name"))


TARGET_GROUP = Facet(
    "target_group", "doelgroep", gettext_lazy("Doelgroep"), SLUG, names=target_group_names
)
EVIDENCE_LEVEL = Facet(
    "evidence_level",
    "bewijskracht",
    gettext_lazy("Bewijskracht"),
    Choice(EvidenceLevel.choices),
    old_params=("bewijs",),  # the catalogue's name until the list pages shared one module
)
STATUS = Facet("status", "status", gettext_lazy("Status"), Choice(PracticeStatus.choices))
