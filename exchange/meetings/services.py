"""Writes of the meetings app: organising, cancelling, the report, registrations, feed keys.

Every registration change locks the meeting's row (`select_for_update`) first, so two members
who cancel at the same moment each free their own place and the waiting list moves up exactly
once per free place. Events go out after commit (`events.py`).
"""

import secrets
from functools import partial

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from exchange.core.markdown import render_markdown
from exchange.core.privacy_check import record_override
from exchange.core.roles import is_moderator
from exchange.visibility import Visibility, viewer_for

from . import events
from .models import CalendarToken, MeetingIndexPage, MeetingMaterial, MeetingPage, Registration
from .models.registrations import token_digest
from .permissions import (
    check_meeting_create_permission,
    check_meeting_edit_permission,
    check_registration_permission,
)

INDEX_SLUG = "bijeenkomsten"
# App pages under /bijeenkomsten/ that a meeting's slug must never shadow.
RESERVED_SLUGS = {"nieuw", "mijn"}
SLUG_MAX = 60

MEETING_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "audience",
    "visibility",
    "capacity",
    "description",
)


def meeting_index_ensure() -> MeetingIndexPage | None:
    """The agenda at /bijeenkomsten/, created under the site's home page when missing."""
    index = MeetingIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    index = MeetingIndexPage(
        title=gettext_noop("Bijeenkomsten"),
        slug=INDEX_SLUG,
        intro=gettext_noop(
            "Netwerkbijeenkomsten, intervisie en webinars: leer van collega's van andere "
            "gemeenten, ook na afloop met verslag en materiaal."
        ),
    )
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def setup_after_migrate(sender, using="default", **kwargs):
    """post_migrate: the agenda page exists in every database (not while the schema stands
    before the meetings app, as in a test that migrates back and forth)."""
    tables = connections[using].introspection.table_names()
    if MeetingIndexPage._meta.db_table in tables:
        meeting_index_ensure()


# -- organising -----------------------------------------------------------------------------


def _slug_for(title: str, starts_at, taken: set[str]) -> str:
    base = slugify(title)[:SLUG_MAX].rstrip("-") or "bijeenkomst"
    base = f"{base}-{timezone.localtime(starts_at):%Y-%m-%d}"
    slug, suffix = base, 1
    while slug in taken or slug in RESERVED_SLUGS:
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def _check_data(*, data: dict, organiser) -> None:
    errors = {}
    if data["ends_at"] <= data["starts_at"]:
        errors["ends_at"] = _("Het einde moet na het begin liggen.")
    if not (data.get("place") or "").strip() and not (data.get("online_url") or "").strip():
        errors["place"] = _("Vul een plaats in, een link om online deel te nemen, of beide.")
    restricted = data["visibility"] == Visibility.RESTRICTED
    if restricted and organiser is None and not data.get("allowed_municipalities"):
        errors["allowed_municipalities"] = _(
            "Kies bij 'beperkt' ten minste één gemeente die de bijeenkomst mag zien."
        )
    if errors:
        raise ValidationError(errors)


def _organiser_for(user, data: dict, meeting: MeetingPage | None):
    """Moderators choose (none: the network); a member organises for their own municipality."""
    if is_moderator(user):
        return data.get("municipality")
    if meeting is not None:
        return meeting.municipality
    return viewer_for(user).municipality_id and user.profile.municipality


def _apply(meeting: MeetingPage, data: dict) -> None:
    for name in MEETING_FIELDS:
        if name in data:
            setattr(meeting, name, data[name])
    meeting.place = (meeting.place or "").strip()
    meeting.description_html = render_markdown(meeting.description)
    meeting.themes.set(data.get("themes") or [])
    meeting.allowed_municipalities.set(data.get("allowed_municipalities") or [])


def _publish(meeting: MeetingPage, *, user) -> None:
    """Save a revision and publish it at once (no workflow for meetings). The permission is
    ours (permissions.py): members organise on the site and hold no Wagtail page rights."""
    meeting.full_clean()
    revision = meeting.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def meeting_create(*, user, data: dict, privacy_override=()) -> MeetingPage:
    """Publish a new meeting under the agenda; the organiser follows from who makes it.

    `privacy_override`: what the personal-data check found and the member confirmed; it is
    logged on the meeting's history for moderators (kinds only, never the words)."""
    check_meeting_create_permission(user)
    organiser = _organiser_for(user, data, None)
    _check_data(data=data, organiser=organiser)
    index = meeting_index_ensure()
    if index is None:
        raise ValidationError(_("Er is nog geen agenda om de bijeenkomst in te zetten."))
    taken = set(index.get_children().values_list("slug", flat=True))
    meeting = MeetingPage(
        slug=_slug_for(data["title"], data["starts_at"], taken),
        owner=user,
        municipality=organiser,
    )
    _apply(meeting, data)
    index.add_child(instance=meeting)
    _publish(meeting, user=user)
    record_override(meeting, user=user, findings=privacy_override)
    return MeetingPage.objects.get(pk=meeting.pk)


@transaction.atomic
def meeting_update(*, user, meeting: MeetingPage, data: dict, privacy_override=()) -> MeetingPage:
    """Change a meeting and publish the change; more places let the waiting list move up."""
    check_meeting_edit_permission(user, meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Een geannuleerde bijeenkomst kunt u niet meer aanpassen."))
    organiser = _organiser_for(user, data, meeting)
    _check_data(data=data, organiser=organiser)
    locked = _locked(meeting.pk)
    locked.municipality = organiser
    _apply(locked, data)
    _publish(locked, user=user)
    record_override(locked, user=user, findings=privacy_override)
    if not locked.has_started:
        _fill_free_places(locked)
    return MeetingPage.objects.get(pk=meeting.pk)


@transaction.atomic
def meeting_cancel(*, user, meeting: MeetingPage) -> MeetingPage:
    """Cancel the whole meeting: it stays on the site as "Geannuleerd"; participants hear."""
    check_meeting_edit_permission(user, meeting)
    locked = _locked(meeting.pk)
    if locked.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst is al geannuleerd."))
    if locked.ends_at <= timezone.now():
        raise ValidationError(_("Een bijeenkomst die al voorbij is, kunt u niet annuleren."))
    locked.cancelled_at = timezone.now()
    _publish(locked, user=user)
    transaction.on_commit(partial(events.meeting_cancelled, meeting_id=locked.pk))
    return locked


@transaction.atomic
def meeting_report_save(
    *,
    user,
    meeting: MeetingPage,
    report: str,
    practices=(),
    questions=(),
    materials: dict[int, dict] | None = None,
    new_file=None,
    new_title: str = "",
    new_visibility: str = "",
    privacy_override=(),
) -> MeetingPage:
    """The report, what came up (practices, questions) and the material, after the start.

    `materials` maps a material's id to {"title", "visibility", "remove"}; a material without
    an entry stays as it is. The form has checked the upload (exchange/core/uploads.py).
    """
    check_meeting_edit_permission(user, meeting)
    if not meeting.has_started:
        raise ValidationError(
            _("Verslag en materiaal voegt u toe zodra de bijeenkomst begonnen is.")
        )
    locked = _locked(meeting.pk)
    locked.report = report
    locked.report_html = render_markdown(report)
    locked.practices.set(list(practices))
    locked.questions.set(list(questions))
    rows = materials or {}
    kept = []
    for material in locked.materials.all():
        row = rows.get(material.pk)
        if row is not None:
            if row.get("remove"):
                continue
            material.title = row.get("title", material.title)
            material.visibility = row.get("visibility") or ""
        kept.append(material)
    if new_file is not None:
        document = _document_create(user=user, file=new_file, title=new_title)
        kept.append(MeetingMaterial(document=document, title="", visibility=new_visibility or ""))
    locked.materials = kept
    _publish(locked, user=user)
    record_override(locked, user=user, findings=privacy_override)
    return MeetingPage.objects.get(pk=meeting.pk)


def _document_create(*, user, file, title: str):
    Document = get_document_model()
    document = Document(
        title=(title or "").strip() or file.name,
        uploaded_by_user=user,
        collection=Collection.get_first_root_node(),
    )
    document.file = file
    document._set_document_file_metadata()
    document.full_clean()
    document.save()
    return document


# -- registrations --------------------------------------------------------------------------


def _locked(meeting_id: int) -> MeetingPage:
    """The meeting with its row locked until the transaction ends (PostgreSQL; SQLite has
    one writer at a time anyway)."""
    return MeetingPage.objects.select_for_update().get(pk=meeting_id)


def _check_open(meeting: MeetingPage) -> None:
    if meeting.is_cancelled:
        raise ValidationError(_("Deze bijeenkomst is geannuleerd."))
    if meeting.has_started:
        raise ValidationError(
            _("Deze bijeenkomst is al begonnen: aanmelden of afmelden kan niet meer.")
        )


def _next_position(meeting: MeetingPage) -> int:
    last = meeting.registrations.aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def _has_free_place(meeting: MeetingPage) -> bool:
    if meeting.capacity is None:
        return True
    taken = meeting.registrations.filter(status=Registration.Status.REGISTERED).count()
    return taken < meeting.capacity


@transaction.atomic
def registration_register(*, user, meeting: MeetingPage) -> Registration:
    """Register `user`, or put them at the end of the waiting list when the meeting is full."""
    check_registration_permission(user)
    if not meeting.is_visible_to(user):
        raise ValidationError(_("Deze bijeenkomst bestaat niet (meer)."))
    locked = _locked(meeting.pk)
    _check_open(locked)
    registration = Registration.objects.filter(meeting=locked, user=user).first()
    if registration is not None and registration.status != Registration.Status.CANCELLED:
        raise ValidationError(_("U bent al aangemeld of staat al op de wachtlijst."))
    status = (
        Registration.Status.REGISTERED
        if _has_free_place(locked)
        and not locked.registrations.filter(status=Registration.Status.WAITING).exists()
        else Registration.Status.WAITING
    )
    if registration is None:
        registration = Registration(meeting=locked, user=user)
    registration.status = status
    registration.position = _next_position(locked)
    registration.promoted_at = None
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, user, meeting: MeetingPage) -> Registration:
    """Give up a place (or a spot on the waiting list); the first one waiting moves up."""
    locked = _locked(meeting.pk)
    registration = (
        Registration.objects.filter(meeting=locked, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise ValidationError(_("U bent niet aangemeld voor deze bijeenkomst."))
    _check_open(locked)
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    _fill_free_places(locked)
    return registration


def _fill_free_places(meeting: MeetingPage) -> list[Registration]:
    """Move the first waiting members up into free places (the caller holds the lock)."""
    waiting = meeting.registrations.filter(status=Registration.Status.WAITING).order_by(
        "position", "pk"
    )
    if meeting.capacity is not None:
        taken = meeting.registrations.filter(status=Registration.Status.REGISTERED).count()
        waiting = waiting[: max(meeting.capacity - taken, 0)]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.REGISTERED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        transaction.on_commit(
            partial(events.meeting_place_offered, registration_id=registration.pk)
        )
    return promoted


# -- the personal calendar feed -------------------------------------------------------------


@transaction.atomic
def calendar_token_reset(*, user) -> str:
    """A new secret for the member's feed address; the old address stops working at once.

    Returns the secret itself: it is shown once and only its hash is kept.
    """
    check_registration_permission(user)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"token_hash": token_digest(token)})
    return token
