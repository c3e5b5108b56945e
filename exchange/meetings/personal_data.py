"""What the meetings app keeps about a member, and its part in their data rights.

Registered from MeetingsConfig.ready() (see exchange/core/personal_data.py). Registrations
and the calendar-feed key exist only for the member: they go with the account. A meeting the
member organised stays (it belongs to the municipality or the network); Wagtail's page owner
is covered by the practices app's declaration of `Page.owner`.
"""

from django.utils.translation import gettext as _

from exchange.core.personal_data import LINES, ExportSection, PersonalData, Relation, shown_date
from exchange.core.personal_data import Treatment as T

from .models import CalendarToken, Registration

RELATIONS = (
    Relation("meetings.Registration", "user", T.ERASED),
    Relation("meetings.CalendarToken", "user", T.ERASED),
)


def export(user) -> list[ExportSection]:
    """Each meeting the member registered for (also cancelled ones), in one query."""
    registrations = list(
        Registration.objects.filter(user=user)
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    data = [
        {
            "meeting": r.meeting.title,
            "starts_at": r.meeting.starts_at,
            "status": r.status,
            "registered_at": r.created_at,
            "promoted_at": r.promoted_at,
        }
        for r in registrations
    ]
    rows = [
        _("%(date)s, %(title)s: %(status)s")
        % {
            "date": shown_date(r.meeting.starts_at, time=True),
            "title": r.meeting.title,
            "status": r.get_status_display(),
        }
        for r in registrations
    ]
    if CalendarToken.objects.filter(user=user).exists():
        rows.append(_("U heeft een persoonlijke agendalink (de sleutel zelf bewaren wij niet)."))
    return [
        ExportSection(
            key="meetings",
            title=_("Aanmeldingen voor bijeenkomsten"),
            data={"meeting_registrations": data},
            rows=rows,
            layout=LINES,
            empty=_("Geen."),
        )
    ]


def erase(user) -> None:
    Registration.objects.filter(user=user).delete()
    CalendarToken.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(app="meetings", relations=RELATIONS, export=export, erase=erase)
