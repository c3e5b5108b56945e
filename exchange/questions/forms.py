"""Forms for asking, answering, editing and closing questions; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.core.privacy_check import PersonalDataCheckMixin
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from exchange.visibility import Visibility

from .models import ClosedReason

MAX_BODY = 20_000
MARKDOWN_HELP = _(
    "U kunt Markdown gebruiken: **vet**, *cursief*, lijstjes (regels die beginnen met - of 1.), "
    "[linktekst](https://voorbeeld.nl), `code`, citaten (> tekst) en tabellen. Andere HTML, "
    "afbeeldingen en scripts worden weggelaten."
)


class QuestionForm(PersonalDataCheckMixin, forms.Form):
    personal_data_fields = ("title", "body")

    title = forms.CharField(
        label=_("Uw vraag"),
        max_length=200,
        help_text=_(
            "Eén zin, bijvoorbeeld: Hoe betrekken jullie sleutelfiguren bij het signaleren van "
            "spanningen?"
        ),
    )
    body = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Collega's die deze thema's volgen, krijgen uw vraag te zien."),
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag de vraag zien?"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    allowed_municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten die de vraag mogen zien"),
        queryset=Municipality.objects.active().order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Alleen bij 'beperkt tot gekozen gemeenten'. Kies een of meer gemeenten; houd Ctrl "
            "(of Cmd op een Mac) ingedrukt om er meer te kiezen. Moderatoren zien alles."
        ),
    )

    def clean(self):
        data = super().clean()
        if data.get("visibility") == Visibility.RESTRICTED and not data.get(
            "allowed_municipalities"
        ):
            self.add_error(
                "allowed_municipalities",
                _("Kies ten minste één gemeente die een beperkt zichtbare vraag mag zien."),
            )
        return data


class QuestionEditForm(QuestionForm):
    personal_data_fields = ("title", "body", "reason")

    reason = forms.CharField(
        label=_("Wat heeft u gewijzigd?"),
        max_length=300,
        required=False,
        help_text=_("Komt in de bewerkingsgeschiedenis."),
    )


class AnswerForm(PersonalDataCheckMixin, forms.Form):
    personal_data_fields = ("body",)

    body = forms.CharField(
        label=_("Uw antwoord"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=MARKDOWN_HELP,
    )


class AnswerEditForm(AnswerForm):
    personal_data_fields = ("body", "reason")

    reason = forms.CharField(
        label=_("Wat heeft u gewijzigd?"),
        max_length=300,
        required=False,
        help_text=_("Komt in de bewerkingsgeschiedenis."),
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"),
        choices=[(value, label) for value, label in ClosedReason.choices if value != "duplicate"],
    )


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label=_("Nummer van de vraag waarvan dit een dubbel is"),
        min_value=1,
        max_value=2**31 - 1,
        help_text=_("Het nummer staat in het webadres van de vraag: /vragen/123-… is vraag 123."),
    )
