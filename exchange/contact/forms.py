"""Forms for writing to colleagues and replying; the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exchange.core.privacy_check import PersonalDataCheckMixin

from .models import MAX_BODY, MAX_SUBJECT

BODY_HELP = _(
    "Uw bericht gaat per e-mail en op de site naar de gekozen collega's. Zij zien uw "
    "e-mailadres niet; antwoorden komen hier, op de site, terug."
)


class RecipientChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        # Name and job title, never the e-mail address.
        name = user.get_full_name() or _("Collega")
        job_title = user.profile.job_title
        return f"{name} ({job_title})" if job_title else name


class ContactForm(PersonalDataCheckMixin, forms.Form):
    personal_data_fields = ("subject", "body")

    recipients = RecipientChoiceField(
        label=_("Aan wie schrijft u?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen collega's die hebben aangegeven open te staan voor contact."),
        error_messages={
            "required": _("Kies ten minste één collega aan wie u wilt schrijven."),
            "invalid_choice": _("Kies alleen collega's uit de lijst."),
            "invalid_pk_value": _("Kies alleen collega's uit de lijst."),
        },
    )
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=MAX_SUBJECT,
        error_messages={"required": _("Geef uw bericht een onderwerp.")},
    )
    body = forms.CharField(
        label=_("Bericht"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
        error_messages={"required": _("Schrijf uw bericht.")},
    )

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = recipients


class ReplyForm(PersonalDataCheckMixin, forms.Form):
    personal_data_fields = ("body",)

    body = forms.CharField(
        label=_("Uw antwoord"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Uw antwoord gaat naar de anderen in dit gesprek, per e-mail en op de site."),
        error_messages={"required": _("Schrijf uw antwoord.")},
    )
