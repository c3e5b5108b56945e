"""Which app keeps which personal data, and each app's part in members' data rights.

Every app that stores something about a member declares it in its own `personal_data.py` and
registers that from `AppConfig.ready()`, as each Misago app adds its own receiver to
`anonymize_user_data`: the relations to the user it covers and what becomes of each, its
sections of the member's data export, its part of anonymising a member and its retention
steps. The accounts app asks this registry (export, anonymise, `apply_retention`) and never
imports the apps above it. `uncovered_relations()` names every relation to the user that no
declaration covers; a test keeps that list empty, so a new one cannot be forgotten.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format


class Treatment(StrEnum):
    ERASED = "erased"  # deleted, emptied or unlinked when the member is anonymised
    ANONYMISED = "anonymised"  # kept, with what identified the member blanked or relabelled
    KEPT = "kept"  # kept as it is, for the reason given


@dataclass(frozen=True)
class Relation:
    """One relation to the user (`"app_label.Model"`, field) and what becomes of it."""

    model: str
    field: str
    treatment: Treatment
    reason: str = ""  # why it stays; required unless erased

    def __post_init__(self):
        if self.treatment != Treatment.ERASED and not self.reason:
            raise ImproperlyConfigured(f"{self.name} is kept: say why.")

    @property
    def name(self) -> str:
        return f"{self.model}.{self.field}"


# How the export page shows a section's rows.
FIELDS = "fields"  # (label, value) pairs
LINES = "lines"  # one string per item
CARDS = "cards"  # Card()s: the member's own posts


@dataclass(frozen=True)
class Card:
    heading: str
    url: str = ""
    meta: Sequence[str] = ()
    body: str = ""


@dataclass(frozen=True)
class ExportSection:
    """One part of a member's data export: plain data for the JSON, readable rows for the page.

    `data` maps top-level JSON keys to JSON-ready values (codes, ids, dates); `rows` are the
    same facts as text, already translated, in the section's `layout`.
    """

    key: str
    title: str
    data: dict[str, Any]
    rows: Sequence = ()
    layout: str = LINES
    intro: str = ""
    empty: str = ""  # shown instead of rows when there are none


def _delete(rows: QuerySet) -> int:
    deleted, _detail = rows.delete()
    return deleted


@dataclass(frozen=True)
class RetentionStep:
    """Rows an app clears once they are older than the period in `period_setting` (days).

    `due(cutoff)` only reads; `apply` handles one of its querysets and says how many rows it
    handled. `planned` (dry run) and `done` are the command's lines, with {count} and {days}.
    """

    key: str
    period_setting: str
    due: Callable[[datetime.datetime], Sequence[QuerySet]]
    planned: str
    done: str
    apply: Callable[[QuerySet], int] = _delete

    @property
    def days(self) -> int:
        return getattr(settings, self.period_setting)

    def due_at(self, now: datetime.datetime) -> list[QuerySet]:
        return list(self.due(now - datetime.timedelta(days=self.days)))


@dataclass(frozen=True)
class PersonalData:
    """An app's declaration: what it keeps about members and how it takes part in their rights."""

    app: str
    relations: Sequence[Relation] = ()
    export: Callable[[Any], Sequence[ExportSection]] | None = None  # (user) -> sections
    erase: Callable[[Any], None] | None = None  # (user): runs inside member_anonymise
    retention: Sequence[RetentionStep] = ()


_declarations: dict[str, PersonalData] = {}


def register(declaration: PersonalData) -> None:
    """Called from the declaring app's AppConfig.ready(); registering again replaces it."""
    _declarations[declaration.app] = declaration


def declarations() -> list[PersonalData]:
    """Every app's declaration, in the order of INSTALLED_APPS (the order ready() runs)."""
    return list(_declarations.values())


@dataclass(frozen=True)
class MemberExport:
    generated_at: datetime.datetime
    sections: list[ExportSection]

    def as_json(self) -> dict:
        data = {"generated_at": self.generated_at}
        for section in self.sections:
            data.update(section.data)
        return data


def export(*, user) -> MemberExport:
    """Every app's sections of `user`'s data export."""
    sections = [s for d in declarations() if d.export for s in d.export(user)]
    keys = [key for section in sections for key in section.data]
    if len(keys) != len(set(keys)):  # one app's data must never overwrite another's
        raise ImproperlyConfigured(f"Two export sections share a key: {sorted(keys)}")
    return MemberExport(generated_at=timezone.now(), sections=sections)


def erase(*, user) -> None:
    """Every app's part of anonymising `user`; the caller holds the transaction."""
    for declaration in declarations():
        if declaration.erase:
            declaration.erase(user)


def retention_steps() -> list[RetentionStep]:
    return [step for declaration in declarations() for step in declaration.retention]


# -- nothing forgotten ----------------------------------------------------------------------


def user_relations() -> set[str]:
    """Every relation to the user model, as "app_label.Model.field".

    A field inherited from a parent model counts once, on the parent (Page.owner covers every
    page type); a many-to-many's own table counts as the many-to-many field (User.groups).
    """
    user_model = get_user_model()
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields(include_hidden=True):
            if field.auto_created or not field.is_relation or field.related_model is not user_model:
                continue
            if field.model is not model:
                continue
            owner, name = model, field.name
            if model._meta.auto_created:
                owner = model._meta.auto_created
                name = next(
                    m2m.name
                    for m2m in owner._meta.many_to_many
                    if m2m.remote_field.through is model
                )
            found.add(f"{owner._meta.label}.{name}")
    return found


def _declared(declared: Sequence[PersonalData] | None) -> set[str]:
    chosen = declarations() if declared is None else declared
    return {relation.name for declaration in chosen for relation in declaration.relations}


def uncovered_relations(declared: Sequence[PersonalData] | None = None) -> list[str]:
    """Relations to the user that no declaration covers."""
    return sorted(user_relations() - _declared(declared))


def unknown_relations(declared: Sequence[PersonalData] | None = None) -> list[str]:
    """Declared relations that do not exist (a typo, or a model that went)."""
    return sorted(_declared(declared) - user_relations())


# -- for the export's rows -------------------------------------------------------------------


def shown_date(value, *, time: bool = False) -> str:
    """A date as the export page shows it ("3 maart 2025", with "14:05" when `time`)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y H:i" if time else "j F Y")
