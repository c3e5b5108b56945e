"""Import an earlier round from CSV: one row per municipality, a column per question code.

Every line is validated first (the same checks as the response form, including the
personal-data check on text); on any error nothing is written and every error is reported with
its line number. Multiple choices are separated by "|"; numbers may use a decimal comma.
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exchange.municipalities.models import Municipality

from .forms import SectionForm, field_name
from .models import Answer, AnswerChange, Kind, Questionnaire, Response

MUNICIPALITY_COLUMN = "gemeente"


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    municipality: Municipality
    values: dict


def _read(text: str) -> list[dict]:
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,") if text.strip() else None
    reader = csv.DictReader(io.StringIO(text), dialect=dialect) if dialect else []
    return list(reader)


def responses_validate(*, questionnaire: Questionnaire, text: str) -> list[Row]:
    """Every line checked; raises ImportRefused with all errors, or returns the rows."""
    questions = list(questionnaire.questions.all())
    lines = _read(text.lstrip("\ufeff"))
    if not lines:
        raise ImportRefused([_("Het bestand is leeg.")])
    columns = set(lines[0].keys())
    errors = []
    if MUNICIPALITY_COLUMN not in columns:
        errors.append(_("De kolom '%(column)s' ontbreekt.") % {"column": MUNICIPALITY_COLUMN})
    unknown = columns - {MUNICIPALITY_COLUMN} - {q.code for q in questions}
    if unknown:
        errors.append(
            _("Onbekende kolommen: %(columns)s.") % {"columns": ", ".join(sorted(unknown))}
        )
    if errors:
        raise ImportRefused(errors)
    municipalities = {m.code: m for m in Municipality.objects.all()}
    answered = set(questionnaire.responses.values_list("municipality__code", flat=True))
    seen, rows = set(), []
    for number, line in enumerate(lines, start=2):
        code = (line.get(MUNICIPALITY_COLUMN) or "").strip().upper()
        municipality = municipalities.get(code)
        if municipality is None:
            errors.append(
                _("Regel %(line)s: onbekende gemeente '%(code)s'.") % {"line": number, "code": code}
            )
            continue
        if code in seen:
            errors.append(
                _("Regel %(line)s: %(code)s staat er twee keer in.")
                % {"line": number, "code": code}
            )
        if code in answered:
            errors.append(
                _("Regel %(line)s: %(code)s heeft al een antwoord op deze vragenlijst.")
                % {"line": number, "code": code}
            )
        seen.add(code)
        data = {}
        for question in questions:
            raw = (line.get(question.code) or "").strip()
            name = field_name(question)
            if question.kind == Kind.MULTIPLE:
                data[name] = [part.strip() for part in raw.split("|") if part.strip()]
            else:
                data[name] = raw
        form = SectionForm(_MultiDict(data), questions=questions, initial_values={})
        if not form.is_valid():
            for question in questions:
                for error in form.errors.get(field_name(question), []):
                    errors.append(
                        _("Regel %(line)s, %(code)s: %(error)s")
                        % {"line": number, "code": question.code, "error": error}
                    )
            if form.errors.get("privacy_confirmed"):
                errors.append(
                    _("Regel %(line)s: de tekst lijkt persoonsgegevens te bevatten.")
                    % {"line": number}
                )
            continue
        rows.append(Row(line=number, municipality=municipality, values=form.values()))
    if errors:
        raise ImportRefused(errors)
    return rows


class _MultiDict(dict):
    """The form's data: lists for multiple choice, as a QueryDict would give them."""

    def getlist(self, key, default=None):
        value = self.get(key, default)
        return value if isinstance(value, list) else [value]


def responses_import(*, questionnaire: Questionnaire, text: str, user=None) -> int:
    """Validate everything, then write all responses as submitted in one transaction."""
    if not questionnaire.per_municipality:
        raise ValidationError(_("Alleen vragenlijsten met één antwoord per gemeente."))
    with translation.override("nl"):
        rows = responses_validate(questionnaire=questionnaire, text=text)
    now = timezone.now()
    with transaction.atomic():
        for row in rows:
            response = Response.objects.create(
                questionnaire=questionnaire,
                municipality=row.municipality,
                status=Response.Status.SUBMITTED,
                submitted_at=now,
                submitted_by=user,
            )
            given = {q: v for q, v in row.values.items() if v is not None}
            Answer.objects.bulk_create(
                Answer(response=response, question=q, value=v) for q, v in given.items()
            )
            AnswerChange.objects.bulk_create(
                AnswerChange(response=response, question=q, changed_by=user, new_value=v)
                for q, v in given.items()
            )
    return len(rows)
