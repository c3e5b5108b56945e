"""One form per step of sharing a practice. Each reads its part of a draft and writes it back.

A step form knows which fields of the `PracticePage` it covers: `initial_for(draft)` fills it
from the latest revision, `apply(draft)` writes the cleaned data onto that revision's object
(the service then saves a new revision). Free text is Markdown, as everywhere on the site.
Every refusal is a Dutch message on its field; rows (steps, partners, attachments) are
formsets whose blank rows are left out.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exchange.accounts.models import Profile
from exchange.core.privacy_check import PersonalDataCheckMixin
from exchange.municipalities.models import Municipality
from exchange.questions.forms import MARKDOWN_HELP
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models import PracticeAttachment, PracticePartner, TargetGroup
from practices.models.pages import CostRange, EvidenceLevel, PracticeStatus
from practices.permissions import user_municipality_id

from .markup import markdown_to_rich_text, rich_text_to_markdown
from .rows import (
    AttachmentRowForm,
    PartnerRowForm,
    StepRowForm,
    approach_from_rows,
    approach_to_rows,
    kind_choices,
    kinds_offered,
    row_formset,
)

MAX_TEXT = 20_000
MAX_TARGET_GROUPS = 12
SUGGESTED_TARGET_GROUPS = 30
REQUIRED = {"required": _("Dit veld is verplicht.")}


def _anchor(bound_field) -> str:
    """The element an error links to: the input, or the first choice of a group."""
    if bound_field.id_for_label:
        return bound_field.id_for_label
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id


def _said(field, error) -> str:
    return f"{field.label}: {error}"


def markdown_field(label, help_text=MARKDOWN_HELP, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"max_length": _("Deze tekst is te lang: maximaal %(limit_value)d tekens.")},
    )


class StepForm(PersonalDataCheckMixin, forms.Form):
    """Base of every step: the fields it maps straight onto the page, and its Markdown.

    Its free text (`personal_data_fields`) goes through the site's personal-data check: a
    finding is shown and must be removed or confirmed before the step is saved.
    """

    plain_fields: tuple[str, ...] = ()
    markdown_fields: tuple[str, ...] = ()

    def __init__(self, *args, draft, user, **kwargs):
        self.draft, self.user = draft, user
        kwargs.setdefault("initial", self.initial_for(draft))
        super().__init__(*args, **kwargs)

    def initial_for(self, draft) -> dict:
        initial = {name: getattr(draft, name) for name in self.plain_fields}
        for name in self.markdown_fields:
            initial[name] = rich_text_to_markdown(getattr(draft, name))
        return initial

    def apply(self, draft) -> None:
        for name in self.plain_fields:
            setattr(draft, name, self.cleaned_data[name])
        for name in self.markdown_fields:
            setattr(draft, name, markdown_to_rich_text(self.cleaned_data[name]))

    # -- formsets, for steps with rows -------------------------------------------------------

    def formsets(self) -> dict:
        return {}

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return all([valid, *(formset.is_valid() for formset in self.formsets().values())])

    def error_summary(self) -> list[tuple[str, str]]:
        """(link to the field, message) for every error, in the order of the page."""
        links = [("", str(error)) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            for error in self.errors.get(name, []):
                links.append(
                    (f"#{self[name].id_for_label or self[name].auto_id}", _said(field, error))
                )
        for formset in self.formsets().values():
            links.extend(("", str(error)) for error in formset.non_form_errors())
            for number, row in enumerate(formset.forms, start=1):
                for name, errors in row.errors.items():
                    anchor = f"#{row[name].auto_id}" if name in row.fields else ""
                    for error in errors:
                        links.append((anchor, f"{row.row_label} {number}: {error}"))
        return links

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(
            formset.total_error_count() for formset in self.formsets().values()
        )


class TitleForm(StepForm):
    plain_fields = ("title", "summary")
    personal_data_fields = ("title", "summary")

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_(
            "Kort en beschrijvend, bijvoorbeeld: Sleutelfiguren in de wijk signaleren spanningen."
        ),
        error_messages={
            **REQUIRED,
            "max_length": _("De titel is te lang: maximaal %(limit_value)d tekens."),
        },
    )
    summary = forms.CharField(
        label=_("Samenvatting"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Twee of drie zinnen: wat deed uw gemeente en waarom? Maximaal 600 tekens."),
        error_messages={
            **REQUIRED,
            "max_length": _("De samenvatting is te lang: maximaal %(limit_value)d tekens."),
        },
    )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not any(character.isalnum() for character in title):
            raise forms.ValidationError(_("Geef een titel met woorden, niet alleen leestekens."))
        return title

    def clean_summary(self):
        return self.cleaned_data["summary"].strip()


class ContextForm(StepForm):
    markdown_fields = ("context_problem", "goal", "description")
    personal_data_fields = markdown_fields

    context_problem = markdown_field(
        _("Context en probleem"),
        _("Wat speelde er in uw gemeente? Beschrijf de situatie, niet de personen.")
        + " "
        + str(MARKDOWN_HELP),
    )
    goal = markdown_field(_("Doel"), _("Wat wilde u bereiken?"), rows=4)
    description = markdown_field(
        _("Beschrijving"), _("Wat is er gedaan en waarom, in een paar alinea's."), rows=6
    )


class AudienceForm(StepForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies ten minste één thema; collega's vinden uw praktijk via de thema's."),
        error_messages={
            "required": _("Kies ten minste één thema."),
            "invalid_choice": _("Kies thema's uit de lijst."),
            "invalid_pk_value": _("Kies thema's uit de lijst."),
        },
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies doelgroepen uit de lijst.")},
    )
    other_target_groups = forms.CharField(
        label=_("Andere doelgroepen"),
        required=False,
        max_length=500,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: ouders, docenten mbo."),
    )
    personal_data_fields = ("other_target_groups",)

    def __init__(self, *args, **kwargs):
        self.suggested = suggested_target_groups()
        super().__init__(*args, **kwargs)
        self.fields["target_groups"].choices = [(name, name) for name in self.suggested]

    def initial_for(self, draft) -> dict:
        current = [tag.name for tag in draft.target_groups.all()]
        suggested = set(getattr(self, "suggested", ()))
        return {
            "themes": [theme.pk for theme in draft.themes.all()],
            "target_groups": [name for name in current if name in suggested],
            "other_target_groups": ", ".join(name for name in current if name not in suggested),
        }

    def clean_other_target_groups(self):
        names = [
            " ".join(part.split())
            for part in self.cleaned_data["other_target_groups"].split(",")
            if part.strip()
        ]
        too_long = [name for name in names if len(name) > 100]
        if too_long:
            raise forms.ValidationError(
                _("Een doelgroep mag hoogstens 100 tekens lang zijn: %(name)s")
                % {"name": too_long[0][:40] + "…"}
            )
        return names

    def clean(self):
        data = super().clean()
        chosen = list(data.get("target_groups") or []) + list(data.get("other_target_groups") or [])
        unique = list(dict.fromkeys(name for name in chosen))
        if len(unique) > MAX_TARGET_GROUPS:
            self.add_error(
                "other_target_groups",
                _("Kies hoogstens %(count)d doelgroepen.") % {"count": MAX_TARGET_GROUPS},
            )
        data["all_target_groups"] = unique
        return data

    def apply(self, draft) -> None:
        draft.themes = list(self.cleaned_data["themes"])
        wanted = self.cleaned_data["all_target_groups"]
        # "Jongeren" and "jongeren" are one target group: reuse the spelling there is.
        same = Q(pk__in=[])
        for name in wanted:
            same |= Q(name__iexact=name)
        existing = {tag.name.lower(): tag.name for tag in TargetGroup.objects.filter(same)}
        draft.target_groups.set([existing.get(name.lower(), name) for name in wanted])


def suggested_target_groups() -> list[str]:
    """The target groups practices use most, alphabetically (one query)."""
    used = (
        TargetGroup.objects.annotate(uses=Count("tagged_practices"))
        .filter(uses__gt=0)
        .order_by("-uses", "name")
        .values_list("name", flat=True)[:SUGGESTED_TARGET_GROUPS]
    )
    return sorted(used, key=str.lower)


class ApproachForm(StepForm):
    """The approach as an introduction and ordered steps, and the partners who took part.

    Other blocks a moderator may have added in the admin (quotes, images, documents) stay
    where they are; this step edits the text and the steps.
    """

    approach_intro = markdown_field(_("Inleiding op de aanpak"), rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        intro, steps = approach_to_rows(self.draft.approach)
        if not self.is_bound:
            self.initial["approach_intro"] = intro
        self.steps = row_formset(StepRowForm, "stappen", data, steps, can_order=True)
        draft_partners = list(self.draft.partners.all())
        offered = kinds_offered([p.kind_id for p in draft_partners])
        slugs = {kind.pk: kind.slug for kind in offered}
        self.kinds = {kind.slug: kind for kind in offered}
        partners = [
            {"kind": slugs.get(p.kind_id, ""), "name": p.name, "role": p.role}
            for p in draft_partners
        ]
        self.partners = row_formset(
            PartnerRowForm,
            "partners",
            data,
            partners,
            form_kwargs={"kind_choices": kind_choices(self.kinds.values())},
        )

    def initial_for(self, draft) -> dict:
        return {}

    def formsets(self) -> dict:
        return {"stappen": self.steps, "partners": self.partners}

    # The rows' text is checked for personal data too, as one text.
    personal_data_fields = ("approach_intro", "rows_text")

    @cached_property
    def privacy_field_labels(self) -> dict[str, str]:
        return {
            "approach_intro": self.fields["approach_intro"].label,
            "rows_text": str(_("Stappen en partners")),
        }

    def clean(self):
        texts = []
        for formset in self.formsets().values():
            if formset.is_valid():
                for row in formset.filled():
                    texts.extend(
                        str(row.get(name) or "") for name in ("title", "text", "name", "role")
                    )
        self.cleaned_data["rows_text"] = "\n".join(texts)
        return super().clean()

    def apply(self, draft) -> None:
        steps = [form.cleaned_data for form in self.steps.ordered_forms_filled()]
        draft.approach = approach_from_rows(
            draft.approach, self.cleaned_data["approach_intro"], steps
        )
        draft.partners = [
            PracticePartner(kind=self.kinds[row["kind"]], name=row["name"], role=row["role"])
            for row in self.partners.filled()
        ]


class ResultsForm(StepForm):
    plain_fields = ("evidence_level", "evidence_assessed_at", "evidence_assessed_by")
    markdown_fields = ("results", "transferability")
    personal_data_fields = ("results", "transferability", "evidence_assessed_by")

    results = markdown_field(_("Resultaten en evaluatie"))
    evidence_level = forms.ChoiceField(
        label=_("Bewijskracht"),
        required=False,
        choices=[("", _("weet ik (nog) niet")), *EvidenceLevel.choices],
        widget=forms.RadioSelect,
        help_text=_(
            "Idee: nog niet uitgevoerd. Goed beschreven: uitgevoerd en vastgelegd. Theoretisch "
            "onderbouwd: er is een verantwoording waarom het werkt. Effectief gebleken: "
            "onderzoek laat effect zien."
        ),
        error_messages={"invalid_choice": _("Kies een van de genoemde niveaus.")},
    )
    evidence_assessed_at = forms.DateField(
        label=_("Beoordeeld op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
    )
    evidence_assessed_by = forms.CharField(
        label=_("Beoordeeld door"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld een onderzoeksbureau of de erkenningscommissie."),
    )
    transferability = markdown_field(
        _("Overdraagbaarheid en randvoorwaarden"),
        _("Wat heeft een andere gemeente nodig om dit ook te doen?"),
        rows=4,
    )

    def clean_evidence_assessed_at(self):
        value = self.cleaned_data["evidence_assessed_at"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("De datum van beoordeling ligt in de toekomst."))
        return value


class CostsForm(StepForm):
    plain_fields = ("cost_range", "staffing_fte", "funding")
    personal_data_fields = ("funding",)

    cost_range = forms.ChoiceField(
        label=_("Kosten"),
        required=False,
        choices=CostRange.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de genoemde bedragen.")},
    )
    staffing_fte = forms.DecimalField(
        label=_("Inzet in fte"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("999.99"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        help_text=_("Bijvoorbeeld 0,5 voor een halve baan."),
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 0,5."),
            "min_value": _("De inzet kan niet negatief zijn."),
            "max_value": _("Vul de inzet in fte in (hoogstens 999,99)."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
            "max_digits": _("Vul de inzet in fte in (hoogstens 999,99)."),
        },
    )
    funding = forms.CharField(
        label=_("Financiering"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: eigen middelen, rijksbijdrage, subsidie van de provincie."),
    )

    def clean_cost_range(self):
        return self.cleaned_data["cost_range"] or ""


class PeriodForm(StepForm):
    plain_fields = ("start_date", "end_date", "ongoing", "status", "contact_person")

    start_date = forms.DateField(
        label=_("Start"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
    )
    end_date = forms.DateField(
        label=_("Einde"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
    )
    ongoing = forms.BooleanField(label=_("Loopt door zonder einddatum"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PracticeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de genoemde statussen.")},
    )
    contact_person = forms.ModelChoiceField(
        label=_("Contactpersoon"),
        required=False,
        queryset=get_user_model().objects.none(),
        empty_label=_("(geen vaste contactpersoon)"),
        help_text=_(
            "Een geverifieerde collega van uw gemeente die vragen over deze praktijk beantwoordt."
        ),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = contact_candidates(self.draft, self.user)
        self.fields["contact_person"].label_from_instance = _contact_label

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
        if data.get("ongoing") and end:
            self.add_error("end_date", _("Een praktijk die doorloopt heeft geen einddatum."))
        if end and not start:
            self.add_error("start_date", _("Vul ook de startdatum in."))
        return data


def contact_candidates(draft, user):
    """Verified, active members of the practice's municipality; a contact set before stays."""
    User = get_user_model()
    municipality_id = draft.municipality_id or user_municipality_id(user)
    candidates = User.objects.filter(
        is_active=True,
        profile__status=Profile.Status.VERIFIED,
        profile__municipality_id=municipality_id,
    )
    if draft.contact_person_id:
        candidates = candidates | User.objects.filter(pk=draft.contact_person_id)
    return candidates.select_related("profile").order_by("first_name", "last_name", "email")


def _contact_label(user) -> str:
    job = user.profile.job_title if hasattr(user, "profile") else ""
    name = user.get_full_name() or user.email
    return f"{name} ({job})" if job else name


class AttachmentsForm(StepForm):
    """The practice's attachments (title, who sees each, remove) and one new upload."""

    file = forms.FileField(
        label=_("Nieuwe bijlage"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint, OpenDocument, platte tekst, CSV, PNG of JPEG; "
            "hoogstens 10 MB. Geen documenten met gegevens over personen."
        ),
        error_messages={"invalid": _("Dit is geen bestand. Kies het bestand opnieuw.")},
    )
    title = forms.CharField(label=_("Titel van de nieuwe bijlage"), required=False, max_length=200)
    visibility = forms.ChoiceField(
        label=_("Wie mag de nieuwe bijlage zien?"),
        required=False,
        choices=PracticeAttachment._meta.get_field("visibility").choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een van de genoemde mogelijkheden.")},
    )
    personal_data_fields = ("title",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = self.data if self.is_bound else None
        self.attachments = list(self.draft.attachments.all())
        rows = [
            {
                "document": a.document_id,
                "title": a.title or a.document.title,
                "visibility": a.visibility,
            }
            for a in self.attachments
        ]
        self.rows = row_formset(AttachmentRowForm, "bijlagen", data, rows, extra=0)
        for form, attachment in zip(self.rows.forms, self.attachments, strict=False):
            form.attachment = attachment

    def initial_for(self, draft) -> dict:
        return {"visibility": ""}

    def formsets(self) -> dict:
        return {"bijlagen": self.rows}

    def clean_file(self):
        from exchange.core.uploads import validate_upload

        file = self.cleaned_data.get("file")
        if file:
            validate_upload(file)
        return file

    def clean(self):
        data = super().clean()
        if data.get("file") and not (data.get("title") or "").strip():
            data["title"] = data["file"].name.rsplit("/", 1)[-1][:200]
        return data


class VisibilityForm(StepForm):
    plain_fields = ("visibility",)

    visibility = forms.ChoiceField(
        label=_("Wie mag de praktijk zien?"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Openbaar: iedereen, ook zoekmachines. Leden: alle geverifieerde leden van het "
            "netwerk. Beperkt: uw eigen gemeente, de gemeenten die u kiest en de moderatoren."
        ),
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de genoemde mogelijkheden.")},
    )
    allowed_municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten die de praktijk mogen zien"),
        queryset=Municipality.objects.active().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Alleen bij 'beperkt'. Kies een of meer gemeenten; houd Ctrl (of Cmd op een Mac) "
            "ingedrukt om er meer te kiezen."
        ),
        error_messages={
            "invalid_choice": _("Kies gemeenten uit de lijst."),
            "invalid_pk_value": _("Kies gemeenten uit de lijst."),
        },
    )

    def initial_for(self, draft) -> dict:
        return {
            "visibility": draft.visibility,
            "allowed_municipalities": [m.pk for m in draft.allowed_municipalities.all()],
        }

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.RESTRICTED and not data.get(
            "allowed_municipalities"
        ):
            self.add_error(
                "allowed_municipalities",
                _("Kies ten minste één gemeente die een beperkt zichtbare praktijk mag zien."),
            )
        return data

    def apply(self, draft) -> None:
        draft.visibility = self.cleaned_data["visibility"]
        chosen = self.cleaned_data["allowed_municipalities"]
        restricted = draft.visibility == Visibility.RESTRICTED
        draft.allowed_municipalities = list(chosen) if restricted else []


def missing_for_submission(draft) -> list[tuple[str, str]]:
    """(step slug, what is missing) before the moderators can judge a practice."""
    missing = []
    if not (draft.title or "").strip() or not (draft.summary or "").strip():
        missing.append(("titel", gettext("een titel en een samenvatting")))
    if not (draft.context_problem or draft.goal or draft.description):
        missing.append(("context", gettext("de context, het doel of een beschrijving")))
    if not draft.themes.all():
        missing.append(("doelgroepen", gettext("ten minste één thema")))
    if not draft.approach:
        missing.append(("aanpak", gettext("de aanpak")))
    return missing
