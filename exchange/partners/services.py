"""Writes to a network register. Every rule is here, each write one transaction.

Key figures: a name or contact detail is stored only with a consent recorded in the same save
(or one already on record and not withdrawn); withdrawing the consent erases them at once.
Every change to or view of those details is written to `KeyFigureLog`.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.core.privacy_check import record_override
from practices.models import PracticePartner

from .models import ConsentMethod, KeyFigure, KeyFigureLog, Organisation, PracticeParticipation
from .permissions import check_edit_permission, check_personal_details_permission

DETAIL_FIELDS = ("name", "email", "phone")


@dataclass(frozen=True)
class Consent:
    """A consent recorded now, by the member saving: how it was given, and a note."""

    method: str
    note: str = ""


# -- organisations ----------------------------------------------------------------------------


@transaction.atomic
def organisation_save(
    *, user, organisation: Organisation, themes=(), practices=(), privacy_override=()
) -> Organisation:
    """Create or update an entry of the user's own municipality's register.

    `privacy_override`: personal-data findings the member confirmed are no personal data
    (logged for moderators, see exchange/core/privacy_check.py).
    """
    check_edit_permission(user, organisation.municipality_id)
    if organisation.pk is None:
        organisation.created_by = user
    if organisation.last_checked_on is None:
        organisation.last_checked_on = timezone.localdate()
    organisation.updated_by = user
    organisation.full_clean()
    organisation.save()
    organisation.themes.set(themes)
    participations_set(organisation=organisation, practices=practices)
    record_override(organisation, user=user, findings=privacy_override)
    return organisation


def participations_set(*, organisation: Organisation, practices) -> None:
    """The practices the organisation took part in, each linked to the practice's partner row
    of the same kind (preferring one with the same name), so the practice can link back."""
    practices = list(practices)
    wanted = {practice.pk for practice in practices}
    organisation.participations.exclude(practice_id__in=wanted).delete()
    existing = set(organisation.participations.values_list("practice_id", flat=True))
    new = wanted - existing
    if not new:
        return
    partners = list(
        PracticePartner.objects.filter(practice_id__in=new, kind_id=organisation.kind_id).order_by(
            "sort_order", "pk"
        )
    )
    chosen: dict[int, PracticePartner] = {}
    name = organisation.name.strip().lower()
    for partner in partners:
        if partner.name.strip().lower() == name:
            chosen.setdefault(partner.practice_id, partner)
    for partner in partners:
        chosen.setdefault(partner.practice_id, partner)
    PracticeParticipation.objects.bulk_create(
        PracticeParticipation(organisation=organisation, practice_id=pk, partner=chosen.get(pk))
        for pk in sorted(new)
    )


@transaction.atomic
def organisation_mark_checked(*, user, organisation: Organisation, today=None) -> None:
    """Still right: the entry and its key figures count as checked today."""
    check_edit_permission(user, organisation.municipality_id)
    today = today or timezone.localdate()
    Organisation.objects.filter(pk=organisation.pk).update(
        last_checked_on=today, updated_by=user, updated_at=timezone.now()
    )
    organisation.key_figures.update(last_checked_on=today)
    organisation.last_checked_on = today


@transaction.atomic
def organisation_delete(*, user, organisation: Organisation) -> None:
    """The entry goes with its key figures (their personal details with them)."""
    check_edit_permission(user, organisation.municipality_id)
    for key_figure in organisation.key_figures.all():
        if key_figure.has_details:
            _log(key_figure, user, KeyFigureLog.Action.ERASED)
    organisation.delete()


# -- key figures ------------------------------------------------------------------------------


def _log(key_figure: KeyFigure, user, action: str) -> None:
    KeyFigureLog.objects.create(
        key_figure=key_figure if key_figure.pk else None,
        role=key_figure.role,
        municipality_id=key_figure.municipality_id,
        actor=user if user is not None and user.is_authenticated else None,
        action=action,
    )


@transaction.atomic
def key_figure_save(
    *, user, key_figure: KeyFigure, consent: Consent | None = None, privacy_override=()
) -> KeyFigure:
    """Create or update a key figure of the user's own municipality.

    Personal details need a consent: `consent` records one now (who: `user`, when: now, how:
    its method); without it, details are accepted only while an earlier consent stands.
    """
    check_edit_permission(user, key_figure.municipality_id)
    if key_figure.organisation_id and (
        key_figure.organisation.municipality_id != key_figure.municipality_id
    ):
        raise ValidationError({"organisation": _("Kies een organisatie uit uw eigen register.")})
    for name in DETAIL_FIELDS:
        setattr(key_figure, name, " ".join((getattr(key_figure, name) or "").split()))
    before = (
        KeyFigure.objects.filter(pk=key_figure.pk).values(*DETAIL_FIELDS).first()
        if key_figure.pk
        else None
    )
    if consent is not None:
        if consent.method not in ConsentMethod.values:
            raise ValidationError({"consent_method": _("Kies hoe de toestemming is gegeven.")})
        key_figure.consent_given_at = timezone.now()
        key_figure.consent_recorded_by = user
        key_figure.consent_method = consent.method
        key_figure.consent_note = consent.note.strip()
        key_figure.consent_withdrawn_at = None
    if key_figure.has_details and not key_figure.has_consent:
        raise ValidationError(
            {
                "name": _(
                    "Een naam of contactgegevens legt u alleen vast met toestemming van de "
                    "sleutelfiguur. Leg vast hoe die toestemming is gegeven, of laat naam, "
                    "e-mailadres en telefoonnummer leeg."
                )
            }
        )
    if key_figure.pk is None:
        key_figure.created_by = user
    if key_figure.last_checked_on is None:
        key_figure.last_checked_on = timezone.localdate()
    key_figure.full_clean()
    key_figure.save()
    after = {name: getattr(key_figure, name) for name in DETAIL_FIELDS}
    if key_figure.has_details and (before != after or consent is not None):
        _log(key_figure, user, KeyFigureLog.Action.RECORDED)
    record_override(key_figure, user=user, findings=privacy_override)
    return key_figure


@transaction.atomic
def key_figure_withdraw_consent(*, user, key_figure: KeyFigure) -> None:
    """The key figure withdrew consent: name and contact details are erased at once.

    The role stays (it is the municipality's network); the withdrawal is kept, so nobody
    records the details again without a new consent.
    """
    check_edit_permission(user, key_figure.municipality_id)
    KeyFigure.objects.filter(pk=key_figure.pk).update(
        name="", email="", phone="", consent_note="", consent_withdrawn_at=timezone.now()
    )
    key_figure.refresh_from_db()
    _log(key_figure, user, KeyFigureLog.Action.WITHDRAWN)


def key_figure_show_details(*, user, key_figure: KeyFigure) -> KeyFigure:
    """A colleague of the municipality asked to see the details: allowed, and logged."""
    check_personal_details_permission(user, key_figure)
    if key_figure.has_details:
        _log(key_figure, user, KeyFigureLog.Action.VIEWED)
    return key_figure


@transaction.atomic
def key_figure_mark_checked(*, user, key_figure: KeyFigure, today=None) -> None:
    check_edit_permission(user, key_figure.municipality_id)
    key_figure.last_checked_on = today or timezone.localdate()
    KeyFigure.objects.filter(pk=key_figure.pk).update(last_checked_on=key_figure.last_checked_on)


@transaction.atomic
def key_figure_delete(*, user, key_figure: KeyFigure) -> None:
    check_edit_permission(user, key_figure.municipality_id)
    if key_figure.has_details:
        _log(key_figure, user, KeyFigureLog.Action.ERASED)
    key_figure.delete()


# -- retention ----------------------------------------------------------------------------


def key_figures_due_for_erasure(*, cutoff: datetime.date):
    """Key figures with personal details whose entry was not checked since `cutoff`."""
    return KeyFigure.objects.exclude(Q(name="", email="", phone="")).filter(
        last_checked_on__lt=cutoff
    )


@transaction.atomic
def key_figure_details_erase(rows) -> int:
    """Erase the personal details and the consent record of `rows` (retention); logged."""
    key_figures = list(rows.select_for_update())
    for key_figure in key_figures:
        _log(key_figure, None, KeyFigureLog.Action.ERASED)
    KeyFigure.objects.filter(pk__in=[k.pk for k in key_figures]).update(
        name="",
        email="",
        phone="",
        consent_given_at=None,
        consent_recorded_by=None,
        consent_method="",
        consent_note="",
    )
    return len(key_figures)
