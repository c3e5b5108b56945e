"""The response form: one section of a questionnaire per page."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy

from exchange.core.forms import ErrorSummaryMixin
from exchange.core.privacy_check import PersonalDataCheckMixin

from .models import Kind, Question

NUMBER_MAX = Decimal("100000")
REQUIRED_TO_SUBMIT = gettext_lazy("Nodig om in te dienen.")


def field_name(question: Question) -> str:
    return f"vraag_{question.code}"


def _field_for(question: Question) -> forms.Field:
    # Answers may stay empty while saving; required questions are checked on submitting.
    help_text = question.help_text
    if question.required:
        help_text = f"{help_text} {REQUIRED_TO_SUBMIT}".strip()
    common = {"label": question.text, "help_text": help_text, "required": False}
    if question.kind == Kind.SINGLE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common
        )
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choice_list],
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if question.kind == Kind.SCALE:
        labels = {1: question.scale_low, 5: question.scale_high}
        choices = [(str(n), f"{n} – {labels[n]}" if labels.get(n) else str(n)) for n in range(1, 6)]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, widget=forms.RadioSelect, **common
        )
    if question.kind == Kind.NUMBER:
        if question.unit:
            common["label"] = f"{question.text} ({question.unit})"
        return forms.DecimalField(
            min_value=Decimal(0),
            max_value=NUMBER_MAX,
            max_digits=9,
            decimal_places=2,
            localize=True,
            error_messages={
                "invalid": gettext_lazy("Vul een getal in, bijvoorbeeld 2,5."),
                "min_value": gettext_lazy("Vul 0 of meer in."),
                "max_value": gettext_lazy("Vul een getal tot 100.000 in."),
                "max_decimal_places": gettext_lazy(
                    "Gebruik hoogstens twee cijfers achter de komma."
                ),
            },
            **common,
        )
    max_length = 200 if question.kind == Kind.SHORT_TEXT else 3000
    widget = forms.Textarea(attrs={"rows": 5}) if question.kind == Kind.LONG_TEXT else None
    return forms.CharField(
        max_length=max_length,
        widget=widget,
        error_messages={
            "max_length": gettext_lazy(
                "Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d)."
            )
        },
        **common,
    )


class SectionForm(ErrorSummaryMixin, PersonalDataCheckMixin, forms.Form):
    """The questions of one section; empty answers are allowed until the response is submitted."""

    def __init__(self, *args, questions: list[Question], initial_values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = field_name(question)
            self.fields[name] = _field_for(question)
            value = initial_values.get(question.pk)
            if value is not None:
                self.initial[name] = str(value) if question.kind == Kind.SCALE else value
        self.personal_data_fields = tuple(field_name(q) for q in questions if q.is_text)
        # The check's own fields go last, after the questions.
        for name in self.CHECK_FIELDS:
            self.fields[name] = self.fields.pop(name)

    def question_fields(self):
        return [self[field_name(question)] for question in self.questions]

    def values(self) -> dict:
        """question -> the value to store (None clears an answer)."""
        values = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value in (None, "", []):
                values[question] = None
            elif question.kind == Kind.NUMBER:
                values[question] = float(value)
            elif question.is_text:
                values[question] = value.strip() or None
            else:
                values[question] = value
        return values
