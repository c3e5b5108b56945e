"""Forms of moderation: the members' report form and the moderators' action forms."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import MESSAGE_MAX_LENGTH

RADIO_CLASS = "utrecht-radio-button utrecht-radio-button--html-input"


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom meldt u dit bericht?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect(attrs={"class": RADIO_CLASS}),
        error_messages={"required": _("Kies een reden."), "invalid_choice": _("Kies een reden.")},
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Verplicht bij ‘anders’. Noem geen namen of andere persoonsgegevens; "
            "alleen moderatoren lezen uw melding."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("text", "").strip():
            self.add_error("text", _("Licht toe wat er aan dit bericht niet klopt."))
        return cleaned


class ModerationActionForm(forms.Form):
    ACTIONS = [
        ("dismiss", _("Meldingen afwijzen")),
        ("hide", _("Verbergen")),
        ("restore", _("Weer tonen")),
        ("warn", _("Auteur waarschuwen")),
        ("suspend", _("Auteur schorsen")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(required=False, max_length=1000)
    message = forms.CharField(required=False, max_length=MESSAGE_MAX_LENGTH)


class RedactForm(forms.Form):
    title = forms.CharField(label=_("Vraag"), max_length=200)
    body = forms.CharField(
        label=_("Tekst"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    reason = forms.CharField(
        label=_("Reden van de aanpassing"),
        max_length=300,
        help_text=_("Wordt bewaard in de bewerkingsgeschiedenis en het logboek."),
    )

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if kind == "answer":
            # Answers have no title, and an empty answer is not an answer.
            del self.fields["title"]
            self.fields["body"].required = True
            self.fields["body"].error_messages["required"] = _("Een antwoord mag niet leeg zijn.")


class PostKeysField(forms.MultipleChoiceField):
    """Posts as "question-12" / "answer-5"; cleaned to (kind, pk) pairs."""

    KEY = re.compile(r"^(question|answer)-([1-9][0-9]{0,17})$")

    def valid_value(self, value):
        return bool(self.KEY.match(str(value)))

    def clean(self, value):
        keys = super().clean(value)
        return [(match[1], int(match[2])) for match in map(self.KEY.match, keys)]


class BulkDismissForm(forms.Form):
    posts = PostKeysField(error_messages={"required": _("Kies minstens één bericht.")})
    reason = forms.CharField(required=False, max_length=1000)


class RouteForm(forms.Form):
    """A moderator puts an unanswered question before chosen experts."""

    experts = forms.ModelMultipleChoiceField(
        label=_("Deskundigen"),
        queryset=get_user_model().objects.filter(is_active=True),
        error_messages={
            "required": _("Kies minstens één deskundige."),
            "invalid_choice": _("Een gekozen deskundige bestaat niet (meer)."),
            "invalid_pk_value": _("Een gekozen deskundige bestaat niet (meer)."),
            "invalid_list": _("Kies minstens één deskundige."),
        },
    )
    reason = forms.CharField(label=_("Toelichting (optioneel)"), required=False, max_length=1000)


class PracticeReviewForm(forms.Form):
    practice = forms.IntegerField(min_value=1)
    reason = forms.CharField(required=False, max_length=1000)
