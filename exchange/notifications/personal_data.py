"""What the notifications app keeps about a member, and its part in their data rights.

Registered from NotificationsConfig.ready() (see exchange/core/personal_data.py): everything
here exists only to reach the member, so it goes with the account; read notifications go after
RETENTION_NOTIFICATION_DAYS.
"""

from django.utils.translation import gettext as _

from exchange.core.personal_data import (
    FIELDS,
    ExportSection,
    PersonalData,
    Relation,
    RetentionStep,
    shown_date,
)
from exchange.core.personal_data import Treatment as T

from .models import (
    DEFAULT_RHYTHMS,
    EmailType,
    ExpertRouting,
    Kind,
    Notification,
    NotificationPreference,
    Rhythm,
)

RELATIONS = (
    Relation("notifications.Notification", "recipient", T.ERASED),
    Relation("notifications.NotificationPreference", "user", T.ERASED),
    Relation("notifications.ExpertRouting", "user", T.ERASED),
    Relation(
        "notifications.ExpertRouting",
        "routed_by",
        T.KEPT,
        "which moderator put a question before an expert (the expert's rows go with them)",
    ),
)


def export(user) -> list[ExportSection]:
    """E-mail preferences (the defaults where none were chosen), notifications, routings."""
    preference = NotificationPreference.objects.filter(user=user).first()
    preferences = {
        str(email_type): (
            getattr(preference, email_type) if preference else DEFAULT_RHYTHMS[email_type]
        )
        for email_type in EmailType.values
    }
    notifications = list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at", "pk")
        .values(
            "kind",
            "question_id",
            "answer_id",
            "practice_id",
            "contact_message__conversation_id",
            "questionnaire_id",
            "meeting_id",
            "text",
            "created_at",
            "read_at",
            "emailed_at",
        )
    )
    routings = list(
        ExpertRouting.objects.filter(user=user)
        .order_by("routed_at", "pk")
        .values("question_id", "routed_at")
    )
    email_types, rhythms = dict(EmailType.choices), dict(Rhythm.choices)
    return [
        ExportSection(
            key="preferences",
            title=_("E-mailvoorkeuren"),
            data={"notification_preferences": preferences},
            layout=FIELDS,
            rows=[
                (email_types.get(email_type, email_type), rhythms.get(rhythm, rhythm))
                for email_type, rhythm in preferences.items()
            ],
        ),
        ExportSection(
            key="notifications",
            title=_("Notificaties aan u"),
            data={"notifications": notifications},
            rows=[_notification_line(n) for n in notifications],
            empty=_("Geen."),
        ),
        ExportSection(
            key="routings",
            title=_("Vragen die u om uw expertise kreeg voorgelegd"),
            data={"expert_routings": routings},
            rows=[
                _("Vraag %(id)s, %(date)s")
                % {"id": r["question_id"], "date": shown_date(r["routed_at"])}
                for r in routings
            ],
            empty=_("Geen."),
        ),
    ]


def _notification_line(notification: dict) -> str:
    kind = dict(Kind.choices).get(notification["kind"], notification["kind"])
    if notification["question_id"]:
        about = _("vraag %(id)s") % {"id": notification["question_id"]}
    elif notification["practice_id"]:
        about = _("praktijk %(id)s") % {"id": notification["practice_id"]}
    elif notification["contact_message__conversation_id"]:
        about = _("gesprek %(id)s") % {"id": notification["contact_message__conversation_id"]}
    elif notification["questionnaire_id"]:
        about = _("vragenlijst %(id)s") % {"id": notification["questionnaire_id"]}
    elif notification["meeting_id"]:
        about = _("bijeenkomst %(id)s") % {"id": notification["meeting_id"]}
    elif notification["kind"] == Kind.NETWORK_CHECK:
        about = _("het netwerkregister van uw gemeente")
    else:
        about = _("uw account")
    line = "{} ({}), {}".format(kind, about, shown_date(notification["created_at"], time=True))
    return f"{line}, {_('gelezen')}" if notification["read_at"] else line


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    ExpertRouting.objects.filter(user=user).delete()


def _read_notifications(cutoff):
    # Unread ones stay until read (or until the member's account goes).
    return [Notification.objects.filter(read_at__isnull=False, created_at__lt=cutoff)]


RETENTION = (
    RetentionStep(
        key="notifications",
        period_setting="RETENTION_NOTIFICATION_DAYS",
        due=_read_notifications,
        planned="Zou {count} gelezen notificaties verwijderen (ouder dan {days} dagen).",
        done="Gelezen notificaties verwijderd: {count}",
    ),
)

PERSONAL_DATA = PersonalData(
    app="notifications", relations=RELATIONS, export=export, erase=erase, retention=RETENTION
)
