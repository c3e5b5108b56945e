from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.themes.models import Theme

from .models import Profile


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    job_title = forms.CharField(
        label=_("Functie"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld: beleidsadviseur radicalisering."),
    )
    organisation = forms.CharField(
        label=_("Partnerorganisatie"),
        max_length=150,
        required=False,
        help_text=_("Alleen invullen als u niet bij een gemeente werkt."),
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        profile = user.profile
        profile.job_title = self.cleaned_data["job_title"]
        profile.organisation = self.cleaned_data["organisation"]
        profile.save(update_fields=["job_title", "organisation"])


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    expertise_themes = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Thema's waarover collega's u mogen bellen."),
    )

    class Meta:
        model = Profile
        fields = ["job_title", "organisation", "bio", "expertise_themes", "open_to_contact"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "bio": _(
                "Wat doet u en waarover kunnen collega's u benaderen? Geen persoonsgegevens "
                "over casussen."
            )
        }
