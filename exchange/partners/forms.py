"""Forms of the network register. Services enforce the rules again; forms explain them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.core.forms import ErrorSummaryMixin
from exchange.core.privacy_check import PersonalDataCheckMixin
from exchange.themes.models import OrganisationKind, Theme
from practices.models import PracticePage

from .models import ConsentMethod, Cooperation, KeyFigure, Organisation

MAX_UPLOAD = 1024 * 1024  # one megabyte of CSV is thousands of entries


def kind_choices(current=None):
    """Active kinds, and the entry's own kind even when it was retired since."""
    kinds = OrganisationKind.objects.filter(active=True)
    if current is not None:
        kinds = OrganisationKind.objects.filter(active=True) | OrganisationKind.objects.filter(
            pk=current
        )
    return kinds.order_by("position", "name")


class OrganisationForm(ErrorSummaryMixin, PersonalDataCheckMixin, forms.ModelForm):
    # People belong in key figures, with consent; an entry's free text is checked for them.
    personal_data_fields = ("name", "neighbourhoods", "contact_role")

    practices = forms.ModelMultipleChoiceField(
        label=_("Praktijken waaraan de organisatie meedeed"),
        queryset=PracticePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Gedeelde praktijken van uw gemeente."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "neighbourhoods",
            "themes",
            "cooperation",
            "contact_role",
            "shareable",
            "last_checked_on",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "cooperation": forms.RadioSelect,
            "last_checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kind_choices(self.instance.kind_id)
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["cooperation"].choices = Cooperation.choices
        self.fields["last_checked_on"].required = False
        self.fields["last_checked_on"].help_text = _("Leeg: vandaag.")
        self.fields["practices"].queryset = PracticePage.objects.filter(
            municipality=municipality, live=True
        ).order_by("title")
        if self.instance.pk:
            self.initial["practices"] = [p.practice_id for p in self.instance.participations.all()]
        if not self.fields["practices"].queryset.exists():
            del self.fields["practices"]


class KeyFigureForm(ErrorSummaryMixin, PersonalDataCheckMixin, forms.ModelForm):
    # A name or number in the role would dodge the consent the detail fields require.
    personal_data_fields = ("role", "consent_note")

    consent_method = forms.ChoiceField(
        label=_("Toestemming nu vastleggen: hoe gaf de sleutelfiguur toestemming?"),
        choices=[("", _("geen nieuwe toestemming")), *ConsentMethod.choices],
        required=False,
        help_text=_(
            "Nodig om een naam, e-mailadres of telefoonnummer op te slaan, tenzij er al "
            "toestemming is. U legt vast dat u die toestemming heeft gekregen, vandaag."
        ),
    )
    consent_note = forms.CharField(
        label=_("Toelichting bij de toestemming"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld waar het schriftelijke akkoord is opgeslagen."),
    )

    class Meta:
        model = KeyFigure
        fields = ["organisation", "role", "name", "email", "phone"]

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["organisation"].required = False
        for name in ("name", "email", "phone"):
            self.fields[name].help_text = _("Alleen met toestemming van de sleutelfiguur.")

    def clean(self):
        data = super().clean()
        details = any(data.get(name) for name in ("name", "email", "phone"))
        if details and not data.get("consent_method") and not self.instance.has_consent:
            self.add_error(
                "consent_method",
                _(
                    "Een naam of contactgegevens slaat u alleen op met toestemming: kies hoe "
                    "die is gegeven, of laat naam, e-mailadres en telefoonnummer leeg."
                ),
            )
        return data


class RegisterFilterForm(forms.Form):
    soort = forms.ModelChoiceField(
        label=_("Soort organisatie"),
        queryset=OrganisationKind.objects.order_by("position", "name"),
        required=False,
        empty_label=_("alle soorten"),
        to_field_name="slug",
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        empty_label=_("alle thema's"),
        to_field_name="slug",
    )


class ImportForm(ErrorSummaryMixin, forms.Form):
    bestand = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: naam, soort, wijken, themas, samenwerking, contactrol, deelbaar, "
            "laatst_gecontroleerd. Thema's gescheiden door ';'. Eerst wordt alles "
            "gecontroleerd; bij een fout wordt niets opgeslagen."
        ),
    )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Het bestand is groter dan 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("Sla het bestand op als CSV met UTF-8-codering en probeer het opnieuw.")
            ) from error
