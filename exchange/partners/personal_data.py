"""What the network register keeps about members, and its retention of key figures' details.

Registered from PartnersConfig.ready() (see exchange/core/personal_data.py). Register entries
are the municipality's, not the member's: who created or changed one is unlinked when the
member is anonymised. The log of who saw key figures' details stays for moderators to audit
(an anonymised account names no one) until its period ends. Key figures are no members, so
their details are handled by retention steps: erased once their entry was not checked for
RETENTION_KEY_FIGURE_DAYS (default 730), log rows deleted after RETENTION_KEY_FIGURE_LOG_DAYS.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from exchange.core.personal_data import (
    LINES,
    ExportSection,
    PersonalData,
    Relation,
    RetentionStep,
    shown_date,
)
from exchange.core.personal_data import Treatment as T

from .models import KeyFigure, KeyFigureLog, Organisation
from .services import key_figure_details_erase, key_figures_due_for_erasure

RELATIONS = (
    Relation("partners.Organisation", "created_by", T.ERASED),
    Relation("partners.Organisation", "updated_by", T.ERASED),
    Relation("partners.KeyFigure", "created_by", T.ERASED),
    Relation(
        "partners.KeyFigure",
        "consent_recorded_by",
        T.KEPT,
        "proof of a key figure's consent (who recorded it); the account is anonymised",
    ),
    Relation(
        "partners.KeyFigureLog",
        "actor",
        T.KEPT,
        "the audit of who saw special-category details; deleted after its retention period",
    ),
)

DEFAULT_DAYS = {"RETENTION_KEY_FIGURE_DAYS": 730, "RETENTION_KEY_FIGURE_LOG_DAYS": 730}


@dataclass(frozen=True)
class _Step(RetentionStep):
    # The periods have defaults until settings/base.py reads them from the environment.
    @property
    def days(self) -> int:
        return int(getattr(settings, self.period_setting, DEFAULT_DAYS[self.period_setting]))


def export(user) -> list[ExportSection]:
    """What the member did with key figures' personal details: views and changes (one query)."""
    entries = list(
        KeyFigureLog.objects.filter(actor=user).select_related("municipality").order_by("-at")
    )
    return [
        ExportSection(
            key="partners",
            title=_("Lokaal netwerk: inzage in gegevens van sleutelfiguren"),
            data={
                "network_key_figure_log": [
                    {
                        "action": entry.action,
                        "role": entry.role,
                        "municipality": entry.municipality.code,
                        "at": entry.at,
                    }
                    for entry in entries
                ]
            },
            rows=[
                f"{shown_date(entry.at, time=True)}: {entry.get_action_display()} "
                f"({entry.role}, {entry.municipality.name})"
                for entry in entries
            ],
            layout=LINES,
            empty=_("Geen."),
        )
    ]


def erase(user) -> None:
    Organisation.objects.filter(created_by=user).update(created_by=None)
    Organisation.objects.filter(updated_by=user).update(updated_by=None)
    KeyFigure.objects.filter(created_by=user).update(created_by=None)


def _unchecked_key_figures(cutoff):
    return [key_figures_due_for_erasure(cutoff=cutoff.date())]


def _old_log_entries(cutoff):
    return [KeyFigureLog.objects.filter(at__lt=cutoff)]


RETENTION = (
    _Step(
        key="partners_key_figures",
        period_setting="RETENTION_KEY_FIGURE_DAYS",
        due=_unchecked_key_figures,
        planned="Zou naam en contactgegevens van {count} sleutelfiguren wissen (niet "
        "gecontroleerd in {days} dagen).",
        done="Gegevens van sleutelfiguren gewist: {count}",
        apply=key_figure_details_erase,
    ),
    _Step(
        key="partners_key_figure_log",
        period_setting="RETENTION_KEY_FIGURE_LOG_DAYS",
        due=_old_log_entries,
        planned="Zou {count} regels uit het inzagelog van sleutelfiguren verwijderen (ouder dan "
        "{days} dagen).",
        done="Regels uit het inzagelog van sleutelfiguren verwijderd: {count}",
    ),
)

PERSONAL_DATA = PersonalData(
    app="partners", relations=RELATIONS, export=export, erase=erase, retention=RETENTION
)
