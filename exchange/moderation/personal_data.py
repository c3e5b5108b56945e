"""What moderation keeps about a member, and its part in their data rights.

Registered from ModerationConfig.ready() (see exchange/core/personal_data.py). Reports and the
audit trail (Wagtail's log entries, read by `audit.py`) record what happened and stay; once the
member is anonymised they name a "voormalig lid". The free-text reason of an audit entry goes
after RETENTION_AUDIT_DETAIL_DAYS.
"""

from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.core.personal_data import (
    ExportSection,
    PersonalData,
    Relation,
    RetentionStep,
    shown_date,
)
from exchange.core.personal_data import Treatment as T

from .models import Report, ReportReason, ReportStatus

AUDIT_TRAIL = (
    "the audit trail keeps action, object, actor and time; the actor is the anonymised "
    "account and labels about the member are rewritten (accounts), old reasons blanked"
)
AUDIT_BATCH = 500

RELATIONS = (
    Relation(
        "moderation.Report",
        "reporter",
        T.KEPT,
        "a report stays part of a post's moderation history; the reporter is a former member",
    ),
    Relation("moderation.Report", "resolved_by", T.KEPT, "which moderator settled a report"),
    Relation("wagtailcore.ModelLogEntry", "user", T.KEPT, AUDIT_TRAIL),
    Relation("wagtailcore.PageLogEntry", "user", T.KEPT, AUDIT_TRAIL),
)


def export(user) -> list[ExportSection]:
    """The posts the member reported, with their reason, explanation and the outcome."""
    reports = list(
        Report.objects.filter(reporter=user)
        .order_by("created_at", "pk")
        .values("question_id", "answer_id", "reason", "text", "created_at", "status")
    )
    return [
        ExportSection(
            key="reports",
            title=_("Bijdragen die u meldde"),
            data={"reports": reports},
            rows=[_report_line(r) for r in reports],
            empty=_("Geen."),
        )
    ]


def _report_line(report: dict) -> str:
    reason = dict(ReportReason.choices).get(report["reason"], report["reason"])
    status = dict(ReportStatus.choices).get(report["status"], report["status"])
    line = f"{capfirst(reason)}, {shown_date(report['created_at'])} ({status})"
    return f"{line}: {report['text']}" if report["text"] else line


def _entries_with_reason(cutoff) -> list[QuerySet]:
    return [
        model.objects.filter(timestamp__lt=cutoff, data__has_key="reason")
        .exclude(data__reason="")
        .order_by("pk")
        for model in (ModelLogEntry, PageLogEntry)
    ]


def _clear_reasons(entries: QuerySet) -> int:
    """Keep action, object, actor and time of old audit entries; blank their free-text reason."""
    cleared, batch = 0, []
    for entry in entries.only("pk", "data").iterator(chunk_size=AUDIT_BATCH):
        entry.data = {**entry.data, "reason": ""}
        batch.append(entry)
        if len(batch) == AUDIT_BATCH:
            cleared += entries.model.objects.bulk_update(batch, ["data"])
            batch = []
    if batch:
        cleared += entries.model.objects.bulk_update(batch, ["data"])
    return cleared


RETENTION = (
    RetentionStep(
        key="audit_entries",
        period_setting="RETENTION_AUDIT_DETAIL_DAYS",
        due=_entries_with_reason,
        apply=_clear_reasons,
        planned="Zou de reden wissen uit {count} auditregels (ouder dan {days} dagen).",
        done="Auditregels zonder reden: {count}",
    ),
)

PERSONAL_DATA = PersonalData(
    app="moderation", relations=RELATIONS, export=export, retention=RETENTION
)
