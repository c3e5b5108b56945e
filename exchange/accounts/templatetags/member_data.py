"""Readable labels for the codes in a member's data export (the JSON keeps the codes)."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


def _choices() -> dict[str, dict]:
    from exchange.moderation.models import ReportReason, ReportStatus
    from exchange.notifications.models import EmailType, Kind, Rhythm
    from exchange.questions.models import QuestionStatus
    from exchange.visibility import Visibility

    from ..models import Profile

    return {
        "visibility": dict(Visibility.choices),
        "question_status": dict(QuestionStatus.choices),
        "profile_status": dict(Profile.Status.choices),
        "email_type": dict(EmailType.choices),
        "rhythm": dict(Rhythm.choices),
        "notification_kind": dict(Kind.choices),
        "report_reason": dict(ReportReason.choices),
        "report_status": dict(ReportStatus.choices),
        "follow_kind": {
            "question": _("vraag"),
            "theme": _("thema"),
            "municipality": _("gemeente"),
        },
        "mfa_type": {"totp": _("authenticator-app"), "recovery_codes": _("herstelcodes")},
    }


@register.filter
def label(value, kind: str):
    """The human label of a stored code, e.g. `{{ q.visibility|label:"visibility" }}`."""
    return _choices().get(kind, {}).get(value, value)
