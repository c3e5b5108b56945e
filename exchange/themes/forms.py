"""The moderators' merge form: what goes, into which theme, and why."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Theme
from .selectors import merge_source_choices, merge_source_get
from .services import REASON_MAX_LENGTH


class MergeForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Samenvoegen"),
        help_text=_("Het thema of de tag die verdwijnt; alles wat ermee getagd is, gaat mee."),
    )
    target = forms.ModelChoiceField(
        label=_("In thema"),
        queryset=Theme.objects.all(),
        help_text=_("Het thema dat blijft."),
    )
    reason = forms.CharField(
        label=_("Reden"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht; de reden komt in het logboek."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "---------"), *merge_source_choices()]
        for name, field in self.fields.items():
            field.widget.attrs["aria-describedby"] = f"id_{name}_helptext"

    def clean(self):
        cleaned = super().clean()
        source = merge_source_get(cleaned.get("source", ""))
        target = cleaned.get("target")
        if cleaned.get("source") and source is None:
            self.add_error("source", _("Dit thema of deze tag bestaat niet meer."))
        elif source and target and source == ("theme", target):
            self.add_error("target", _("Kies een ander thema: een thema gaat niet in zichzelf op."))
        cleaned["source_object"] = source
        return cleaned
