"""The agenda's filters, read from the address (?thema=&soort=&gemeente=)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme

from .models import MeetingKind
from .selectors import AgendaFilters


class AgendaFilterForm(forms.Form):
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle thema's"),
        error_messages={"invalid_choice": _("Dit thema bestaat niet (meer).")},
    )
    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[("", _("Alle soorten")), *MeetingKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een van de genoemde soorten.")},
    )
    gemeente = forms.ModelChoiceField(
        label=_("Organiserende gemeente"),
        queryset=Municipality.objects.filter(meetings__isnull=False).distinct().order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Alle organisatoren"),
        error_messages={"invalid_choice": _("Deze gemeente organiseert geen bijeenkomsten.")},
    )

    def filters(self) -> AgendaFilters:
        data = self.cleaned_data
        return AgendaFilters(
            theme=data.get("thema"), kind=data.get("soort") or "", municipality=data.get("gemeente")
        )
