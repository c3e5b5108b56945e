"""Reads of the meetings app, each in a fixed number of queries whatever the number of rows.

Visibility is decided by `exchange.visibility` alone: lists filter with `visible_q`, a single
meeting asks `MeetingPage.is_visible_to`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags

from exchange.core.links import absolute_url
from exchange.core.roles import is_moderator
from exchange.questions.models import Question
from exchange.themes.models import Theme
from exchange.visibility import Visibility, can_view, visible_q
from practices.models import PracticePage

from .models import CalendarToken, MeetingMaterial, MeetingPage, Registration
from .models.registrations import token_digest
from .permissions import can_edit

THEMES = Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug").order_by("name"))
REGISTERED = Registration.Status.REGISTERED
WAITING = Registration.Status.WAITING


def visible_meetings(user) -> QuerySet[MeetingPage]:
    """Live meetings `user` may see (the visibility module's filter)."""
    return MeetingPage.objects.live().filter(visible_q(user, model=MeetingPage))


def _listed(qs: QuerySet[MeetingPage]) -> QuerySet[MeetingPage]:
    return (
        qs.select_related("municipality")
        .prefetch_related(THEMES)
        .annotate(
            registered_count=Count("registrations", filter=Q(registrations__status=REGISTERED))
        )
    )


def upcoming_meetings(*, user, theme=None, municipality=None, limit: int = 5) -> list[MeetingPage]:
    """The next meetings `user` may see (not yet over, cancelled ones included and marked),
    soonest first; for a theme page or a municipality page pass `theme` or `municipality`.
    Two queries."""
    qs = visible_meetings(user).filter(ends_at__gte=timezone.now())
    if theme is not None:
        qs = qs.filter(
            pk__in=MeetingPage.themes.through.objects.filter(theme=theme).values("meetingpage_id")
        )
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return list(_listed(qs).order_by("starts_at", "pk")[:limit])


@dataclass(frozen=True)
class AgendaFilters:
    theme: Theme | None = None
    kind: str = ""
    municipality: object = None  # a Municipality, or None


def agenda(*, user, filters: AgendaFilters) -> tuple[QuerySet, QuerySet]:
    """(upcoming soonest first, past latest first) meetings for the index page."""
    qs = visible_meetings(user)
    if filters.theme is not None:
        qs = qs.filter(
            pk__in=MeetingPage.themes.through.objects.filter(theme=filters.theme).values(
                "meetingpage_id"
            )
        )
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.municipality is not None:
        qs = qs.filter(municipality=filters.municipality)
    now = timezone.now()
    upcoming = _listed(qs.filter(ends_at__gte=now)).order_by("starts_at", "pk")
    past = _listed(qs.filter(ends_at__lt=now)).order_by("-starts_at", "-pk")
    return upcoming, past


def my_meetings(*, user) -> dict[str, list]:
    """The member's registrations (registered and waiting): upcoming and past. Three queries."""
    registrations = list(
        Registration.objects.filter(user=user, status__in=[REGISTERED, WAITING])
        .filter(meeting__live=True)
        .select_related("meeting__municipality")
        .prefetch_related(
            Prefetch("meeting__themes", queryset=Theme.objects.only("id", "name", "slug"))
        )
        .order_by("meeting__starts_at", "meeting_id")
    )
    now = timezone.now()
    return {
        "upcoming": [r for r in registrations if r.meeting.ends_at >= now],
        "past": [r for r in registrations if r.meeting.ends_at < now][::-1],
    }


def waiting_place(registration: Registration) -> int:
    """Where a waiting member stands in line (1 = next to move up)."""
    return (
        Registration.objects.filter(
            meeting_id=registration.meeting_id, status=WAITING, position__lt=registration.position
        ).count()
        + 1
    )


def sees_online_link(user, meeting: MeetingPage, registration: Registration | None) -> bool:
    """The online link: registered participants, the organiser's members and moderators."""
    if not meeting.online_url:
        return False
    if registration is not None and registration.status == REGISTERED:
        return True
    return can_edit(user, meeting)


def visible_materials(*, meeting: MeetingPage, user) -> list:
    """The meeting's material `user` may download (one query)."""
    allowed_ids = meeting.allowed_municipality_ids()
    return [
        material
        for material in MeetingMaterial.objects.filter(meeting=meeting).select_related("document")
        if can_view(
            user,
            visibility=material.effective_visibility(meeting),
            municipality_id=meeting.municipality_id,
            allowed_municipality_ids=allowed_ids,
            owner_id=meeting.owner_id,
        )
    ]


def meeting_detail_context(*, meeting: MeetingPage, user) -> dict:
    """Everything the meeting page shows `user`, in a fixed number of queries."""
    meeting = (
        MeetingPage.objects.filter(pk=meeting.pk)
        .select_related("municipality")
        .prefetch_related(THEMES, "allowed_municipalities")
        .first()
    )
    registrations = list(
        meeting.registrations.filter(status__in=[REGISTERED, WAITING])
        .select_related("user__profile__municipality")
        .order_by("position", "pk")
    )
    own = None
    if user.is_authenticated:
        own = next((r for r in registrations if r.user_id == user.pk), None)
    registered = [r for r in registrations if r.status == REGISTERED]
    waiting = [r for r in registrations if r.status == WAITING]
    editor = can_edit(user, meeting)
    # Who comes: for those who organise and for registered participants, names only.
    sees_list = editor or (own is not None and own.status == REGISTERED)
    return {
        "meeting": meeting,
        "themes": list(meeting.themes.all()),
        "registration": own,
        "waiting_place": (waiting.index(own) + 1) if own in waiting else None,
        "registered_count": len(registered),
        "waiting_count": len(waiting),
        "places_left": (
            None if meeting.capacity is None else max(meeting.capacity - len(registered), 0)
        ),
        "shows_online_link": sees_online_link(user, meeting, own),
        # Names (never addresses) for those who organise; everyone else sees the count.
        "participants": registered if sees_list else None,
        "waiting_list": waiting if editor else None,
        "can_edit": editor,
        "materials": visible_materials(meeting=meeting, user=user),
        "practices": linked_practices(meeting=meeting, user=user),
        "questions": linked_questions(meeting=meeting, user=user),
        "public": meeting.visibility == Visibility.PUBLIC,
        "is_moderator": is_moderator(user),
    }


def linked_practices(*, meeting: MeetingPage, user) -> list[PracticePage]:
    """The practices that came up, those `user` may see (one query)."""
    linked = MeetingPage.practices.through.objects.filter(meetingpage_id=meeting.pk)
    return list(
        PracticePage.objects.live()
        .filter(pk__in=linked.values("practicepage_id"))
        .filter(visible_q(user, model=PracticePage))
        .select_related("municipality")
        .order_by("title")
    )


def linked_questions(*, meeting: MeetingPage, user) -> list[Question]:
    """The questions that came up, those `user` may see (one query)."""
    linked = MeetingPage.questions.through.objects.filter(meetingpage_id=meeting.pk)
    return list(
        Question.objects.filter(pk__in=linked.values("question_id"), hidden=False)
        .filter(visible_q(user, model=Question, owner_field="author"))
        .order_by("title")
    )


# -- calendar feeds -------------------------------------------------------------------------


def calendar_user_for(token: str):
    """The member whose feed key this is, or None (one query)."""
    if not token:
        return None
    row = (
        CalendarToken.objects.filter(token_hash=token_digest(token))
        .select_related("user__profile__municipality")
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    return row.user


def feed_meetings(*, user) -> list[tuple[MeetingPage, bool]]:
    """(meeting, registered) for the member's feed: the meetings they are registered for or
    wait for, that they may still see, cancelled ones included (as cancelled). Three queries."""
    since = timezone.now() - datetime.timedelta(days=365)
    registrations = list(
        Registration.objects.filter(user=user, status__in=[REGISTERED, WAITING])
        .filter(meeting__live=True, meeting__ends_at__gte=since)
        .select_related("meeting")
        .prefetch_related("meeting__allowed_municipalities")
        .order_by("meeting__starts_at", "meeting_id")
    )
    return [
        (r.meeting, r.status == REGISTERED) for r in registrations if r.meeting.is_visible_to(user)
    ]


def has_calendar_token(*, user) -> bool:
    return CalendarToken.objects.filter(user=user).exists()


# -- search (the coordinator's search documents) -------------------------------------------


def meeting_search_queryset() -> QuerySet[MeetingPage]:
    """Every live meeting, past ones included, with what a search document needs."""
    return (
        MeetingPage.objects.live()
        .select_related("municipality")
        .prefetch_related(THEMES, "allowed_municipalities")
        .order_by("pk")
    )


def meeting_search_fields(meeting: MeetingPage) -> dict:
    """A meeting's fields for a search document (from `meeting_search_queryset()`: no query).

    `allowed_municipality_codes` holds the organiser's code and the chosen municipalities',
    as practices' documents do.
    """
    codes = [m.code for m in meeting.allowed_municipalities.all()]
    if meeting.municipality_id:
        codes.insert(0, meeting.municipality.code)
    return {
        "title": meeting.title,
        "description": strip_tags(meeting.description_html),
        "report": strip_tags(meeting.report_html),
        "themes": [{"slug": t.slug, "name": t.name} for t in meeting.themes.all()],
        "municipality": (
            {"code": meeting.municipality.code, "name": meeting.municipality.name}
            if meeting.municipality_id
            else None
        ),
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "cancelled": meeting.is_cancelled,
        "visibility": meeting.visibility,
        "allowed_municipality_codes": codes,
        "url": meeting.url,
        "absolute_url": absolute_url(meeting),
    }
