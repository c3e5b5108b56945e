from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailType, NotificationPreference, Rhythm


class PreferenceForm(forms.Form):
    """One group of radio buttons per e-mail type."""

    def __init__(self, *args, preference: NotificationPreference, **kwargs):
        initial = {email_type: getattr(preference, email_type) for email_type in EmailType.values}
        super().__init__(*args, initial=initial, **kwargs)
        for email_type in EmailType:
            self.fields[email_type.value] = forms.ChoiceField(
                label=email_type.label,
                choices=Rhythm.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies hoe vaak u hierover e-mail wilt.")},
            )
