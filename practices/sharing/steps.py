"""The steps of sharing a practice, in order: one topic each, with its form and template."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    form_class: type[forms.StepForm] | None  # None: a page without fields of its own

    @property
    def template(self) -> str:
        return f"practices/sharing/steps/{self.slug}.html"


STEPS = (
    Step("titel", _("Titel en samenvatting"), forms.TitleForm),
    Step("context", _("Context en doel"), forms.ContextForm),
    Step("doelgroepen", _("Doelgroepen en thema's"), forms.AudienceForm),
    Step("aanpak", _("Aanpak en partners"), forms.ApproachForm),
    Step("resultaten", _("Resultaten en bewijskracht"), forms.ResultsForm),
    Step("kosten", _("Kosten en inzet"), forms.CostsForm),
    Step("periode", _("Periode, status en contactpersoon"), forms.PeriodForm),
    Step("bijlagen", _("Bijlagen"), forms.AttachmentsForm),
    Step("zichtbaarheid", _("Zichtbaarheid"), forms.VisibilityForm),
    Step("voorbeeld", _("Voorbeeld"), None),
    Step("indienen", _("Indienen"), None),
)
BY_SLUG = {step.slug: step for step in STEPS}
FIRST = STEPS[0]
PREVIEW = BY_SLUG["voorbeeld"]
SUBMIT = BY_SLUG["indienen"]


def step_or_none(slug: str) -> Step | None:
    return BY_SLUG.get(slug)


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    index = STEPS.index(step)
    previous = STEPS[index - 1] if index > 0 else None
    following = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return previous, following
