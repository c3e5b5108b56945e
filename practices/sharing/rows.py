"""Rows in a step (the approach's steps, partners, attachments): small formsets without JavaScript.

A formset shows the rows there are plus a few blank ones; a blank row is left out, so clearing
a row removes it and "save" gives room for more. The approach's steps carry an order number,
which is how they are reordered without scripts.
"""

import uuid

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from exchange.themes.models import OrganisationKind
from practices.models import PracticeAttachment

from .markup import markdown_to_rich_text, rich_text_to_markdown

BLANK_ROWS = 2
MAX_ROWS = 50


class RowForm(forms.Form):
    """A row counts only when one of `content_fields` is filled."""

    content_fields: tuple[str, ...] = ()
    row_label = _("Rij")

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {}) or {}
        return not any((data.get(name) or "").strip() for name in self.content_fields)


class StepRowForm(RowForm):
    content_fields = ("title", "text")
    row_label = _("Stap")

    title = forms.CharField(
        label=_("Stap"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Houd de stap kort: maximaal %(limit_value)d tekens.")},
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Deze toelichting is te lang: maximaal %(limit_value)d tekens.")
        },
    )

    def clean(self):
        data = super().clean()
        if (data.get("text") or "").strip() and not (data.get("title") or "").strip():
            self.add_error("title", _("Geef deze stap een korte titel."))
        return data


def kinds_offered(chosen_ids=()) -> list[OrganisationKind]:
    """The kinds a partner row offers: those in use, and retired ones the draft already has."""
    chosen = [pk for pk in chosen_ids if pk]
    return list(OrganisationKind.objects.filter(Q(active=True) | Q(pk__in=chosen)))


def kind_choices(kinds) -> list:
    """Choices for the kind field, grouped ('Onderwijs', 'Veiligheid', …) as <optgroup>s."""
    groups: dict[str, list] = {}
    for kind in kinds:
        groups.setdefault(kind.group, []).append((kind.slug, kind.name))
    choices: list = [("", "—")]
    for group, options in groups.items():
        if group:
            choices.append((group, options))
        else:
            choices.extend(options)
    return choices


class PartnerRowForm(RowForm):
    content_fields = ("name", "role", "kind")
    row_label = _("Partner")

    kind = forms.ChoiceField(
        label=_("Soort organisatie"),
        required=False,
        error_messages={"invalid_choice": _("Kies een soort organisatie uit de lijst.")},
    )
    name = forms.CharField(label=_("Naam (optioneel)"), required=False, max_length=200)
    role = forms.CharField(label=_("Rol"), required=False, max_length=300)

    def __init__(self, *args, kind_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Built once per formset (one query), not once per row.
        self.fields["kind"].choices = kind_choices

    def clean(self):
        data = super().clean()
        if (data.get("name") or data.get("role")) and not data.get("kind"):
            self.add_error("kind", _("Kies wat voor organisatie dit is."))
        return data


class AttachmentRowForm(RowForm):
    content_fields = ()
    row_label = _("Bijlage")

    # Which attachment the row is about, so a colleague's upload in the meantime stays.
    document = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef de bijlage een titel.")},
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag deze bijlage zien?"),
        required=False,
        choices=PracticeAttachment._meta.get_field("visibility").choices,
        error_messages={"invalid_choice": _("Kies een van de genoemde mogelijkheden.")},
    )
    remove = forms.BooleanField(label=_("Verwijderen"), required=False)


class RowFormSet(forms.BaseFormSet):
    def filled(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if not form.is_blank]

    def ordered_forms_filled(self) -> list:
        """Filled rows by their order number (rows without one keep their place, after)."""
        forms_ = [form for form in self.forms if not form.is_blank]
        if not self.can_order:
            return forms_
        positions = {id(form): index for index, form in enumerate(forms_)}
        return sorted(
            forms_,
            key=lambda form: (
                form.cleaned_data.get("ORDER") is None,
                form.cleaned_data.get("ORDER") or 0,
                positions[id(form)],
            ),
        )

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Volgorde")
            form.fields["ORDER"].validators.append(MinValueValidator(1))
            form.fields["ORDER"].error_messages.update(
                {
                    "invalid": _("Vul een volgnummer in."),
                    "min_value": _("Vul een volgnummer vanaf 1 in."),
                }
            )


def row_formset(
    form_class, prefix: str, data, initial: list[dict], *, extra=BLANK_ROWS, form_kwargs=None, **kw
):
    """A formset of `form_class` rows: the existing ones plus `extra` blank ones.

    With blank rows every row may be left empty (it is then left out); without, each row is
    an existing item and is always validated.
    """
    FormSet = formset_factory(
        form_class,
        formset=RowFormSet,
        extra=extra,
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS + BLANK_ROWS,
        validate_max=True,
        **kw,
    )
    if kw.get("can_order"):
        initial = [{**row, "ORDER": position} for position, row in enumerate(initial, start=1)]
    formset = FormSet(
        data,
        initial=initial,
        prefix=prefix,
        form_kwargs={
            "empty_permitted": extra > 0,
            "use_required_attribute": False,
            **(form_kwargs or {}),
        },
        error_messages={
            "too_many_forms": _("Hoogstens %(num)d rijen.") % {"num": MAX_ROWS},
            "missing_management_form": _(
                "Het formulier is onvolledig verstuurd. Laad de pagina opnieuw."
            ),
        },
    )
    return formset


# -- the approach StreamField as an introduction plus ordered steps ---------------------------


def approach_to_rows(approach) -> tuple[str, list[dict]]:
    """(introduction as Markdown, [{title, text}]) from the approach's text and steps blocks."""
    texts, steps = [], []
    for block in approach or []:
        if block.block_type == "text":
            texts.append(rich_text_to_markdown(block.value.source))
        elif block.block_type == "steps":
            for item in block.value:
                text = item.get("text")
                steps.append(
                    {
                        "title": item.get("title") or "",
                        "text": rich_text_to_markdown(text.source if text else ""),
                    }
                )
    return "\n\n".join(text for text in texts if text), steps


def approach_from_rows(approach, intro: str, steps: list[dict]) -> list[dict]:
    """The approach's raw data: the introduction, the steps, then any other blocks it had."""
    kept = [
        dict(block)
        for block in (approach.raw_data if approach else [])
        if block["type"] not in ("text", "steps")
    ]
    blocks = []
    if html := markdown_to_rich_text(intro):
        blocks.append({"type": "text", "value": html, "id": str(uuid.uuid4())})
    if steps:
        items = [
            {
                "type": "item",
                "value": {
                    "title": step["title"].strip(),
                    "text": markdown_to_rich_text(step.get("text") or ""),
                },
                "id": str(uuid.uuid4()),
            }
            for step in steps
        ]
        blocks.append({"type": "steps", "value": items, "id": str(uuid.uuid4())})
    return blocks + kept
