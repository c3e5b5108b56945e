"""Writes on members: verification by e-mail domain, the moderators' decisions, removal."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.core import personal_data
from exchange.core.roles import AUTHORS_GROUP, is_staff_role
from exchange.municipalities.selectors import municipality_for_email

from . import events
from .models import Profile
from .permissions import check_member_moderate_permission
from .tokens import api_tokens_revoke_all


def profile_ensure(*, user) -> Profile:
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def member_link_by_email(*, user) -> Profile:
    """Link a new member to the municipality their e-mail domain belongs to (still pending)."""
    profile = profile_ensure(user=user)
    municipality = municipality_for_email(user.email)
    if municipality and not profile.municipality_id:
        profile.municipality = municipality
        profile.save(update_fields=["municipality"])
    return profile


def member_verify_by_domain(*, user) -> Profile:
    """After the e-mail address is confirmed, a municipal domain verifies the member."""
    profile = member_link_by_email(user=user)
    if profile.status == Profile.Status.PENDING and profile.municipality_id:
        municipality = municipality_for_email(user.email)
        if municipality and municipality.pk == profile.municipality_id:
            _set_status(profile, Profile.Status.VERIFIED, actor=None, reason="e-maildomein")
            log(profile, "kennisnetwerk.member.verified_by_domain", user=None)
    return profile


def _set_status(profile: Profile, status: str, *, actor, reason: str) -> None:
    profile.status = status
    profile.status_changed_at = timezone.now()
    profile.status_changed_by = actor
    profile.status_reason = reason
    profile.save(
        update_fields=["status", "status_changed_at", "status_changed_by", "status_reason"]
    )
    _sync_author_role(profile)


def _sync_author_role(profile: Profile) -> None:
    """Verified members of a municipality may write its practices (the authors' role)."""
    group = Group.objects.filter(name=AUTHORS_GROUP).first()
    if group is None:
        return
    if profile.is_verified and profile.municipality_id:
        profile.user.groups.add(group)
    else:
        profile.user.groups.remove(group)


@transaction.atomic
def member_approve(*, actor, profile: Profile, municipality=None, reason: str = "") -> Profile:
    """A moderator vouches for a pending member, optionally setting their municipality."""
    check_member_moderate_permission(actor)
    if profile.anonymised_at is not None:  # approving would sign a deleted account in again
        raise ValidationError(_("Dit account is verwijderd en kan niet worden goedgekeurd."))
    if municipality is not None:
        profile.municipality = municipality
        profile.save(update_fields=["municipality"])
    _set_status(profile, Profile.Status.VERIFIED, actor=actor, reason=reason.strip())
    if not profile.user.is_active:
        profile.user.is_active = True
        profile.user.save(update_fields=["is_active"])
    log(profile, "kennisnetwerk.member.approve", user=actor, data={"reason": reason.strip()})
    user_id = profile.user_id
    transaction.on_commit(lambda: events.member_approved(user_id=user_id))
    return profile


@transaction.atomic
def member_reject(*, actor, profile: Profile, reason: str) -> Profile:
    """Turn down a sign-up; the account can no longer sign in."""
    check_member_moderate_permission(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden op.")})
    _set_status(profile, Profile.Status.REJECTED, actor=actor, reason=reason.strip())
    profile.user.is_active = False
    profile.user.save(update_fields=["is_active"])
    api_tokens_revoke_all(user=profile.user, actor=actor, reason="member_rejected")
    log(profile, "kennisnetwerk.member.reject", user=actor, data={"reason": reason.strip()})
    user_id = profile.user_id
    transaction.on_commit(lambda: events.member_rejected(user_id=user_id))
    return profile


@transaction.atomic
def member_suspend(*, actor, profile: Profile, reason: str) -> Profile:
    """Suspend a member: they cannot sign in, their open sessions end and their API tokens
    are revoked (restoring the member does not bring them back)."""
    check_member_moderate_permission(actor)
    if profile.user_id == actor.pk:
        raise ValidationError(_("U kunt uzelf niet schorsen."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden op.")})
    _set_status(profile, Profile.Status.SUSPENDED, actor=actor, reason=reason.strip())
    profile.user.is_active = False
    profile.user.save(update_fields=["is_active"])
    _end_sessions(profile.user)
    api_tokens_revoke_all(user=profile.user, actor=actor, reason="member_suspended")
    log(profile, "kennisnetwerk.member.suspend", user=actor, data={"reason": reason.strip()})
    return profile


@transaction.atomic
def member_restore(*, actor, profile: Profile) -> Profile:
    """Lift a suspension or rejection; a deleted (anonymised) account stays deleted."""
    check_member_moderate_permission(actor)
    if profile.anonymised_at is not None:
        raise ValidationError(_("Dit account is verwijderd en kan niet worden hersteld."))
    _set_status(profile, Profile.Status.VERIFIED, actor=actor, reason="")
    profile.user.is_active = True
    profile.user.save(update_fields=["is_active"])
    log(profile, "kennisnetwerk.member.restore", user=actor)
    return profile


def _pending_only(profiles) -> None:
    for profile in profiles:
        if profile.status != Profile.Status.PENDING:
            raise ValidationError(
                _("%(name)s wacht niet meer op een besluit; er is niets veranderd.")
                % {"name": profile.user}
            )


@transaction.atomic
def member_approve_bulk(*, actor, profiles, reason: str = "") -> int:
    """Approve several pending members at once; each is logged on its own."""
    check_member_moderate_permission(actor)
    profiles = list(profiles)
    if not profiles:
        raise ValidationError(_("Kies minstens één lid."))
    _pending_only(profiles)
    for profile in profiles:
        member_approve(actor=actor, profile=profile, reason=reason)
    return len(profiles)


@transaction.atomic
def member_reject_bulk(*, actor, profiles, reason: str) -> int:
    """Turn down several pending sign-ups with one reason; each is logged on its own."""
    check_member_moderate_permission(actor)
    profiles = list(profiles)
    if not profiles:
        raise ValidationError(_("Kies minstens één lid."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden op om leden af te wijzen.")})
    _pending_only(profiles)
    for profile in profiles:
        member_reject(actor=actor, profile=profile, reason=reason)
    return len(profiles)


def _end_sessions(user, *, keep_session_key: str | None = None) -> None:
    from allauth.usersessions.models import UserSession

    for session in UserSession.objects.filter(user=user).exclude(session_key=keep_session_key):
        session.end()


@transaction.atomic
def member_password_changed(*, user, current_session_key: str | None = None) -> None:
    """After a password change, set or reset only the session that made it stays signed in,
    and every API token stops working: whoever knew the old password is out everywhere."""
    _end_sessions(user, keep_session_key=current_session_key)
    api_tokens_revoke_all(user=user, actor=user, reason="password_changed")


@transaction.atomic
def profile_update(*, user, **fields) -> Profile:
    """A member edits their own profile; the municipality is not theirs to change."""
    profile = profile_ensure(user=user)
    themes = fields.pop("expertise_themes", None)
    for name in ("first_name", "last_name"):
        if name in fields:
            setattr(user, name, fields.pop(name))
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if themes is not None:
        profile.expertise_themes.set(themes)
    return profile


# -- removing a member (AVG: right to erasure) ------------------------------------------------

ANONYMISED_EMAIL_DOMAIN = "verwijderd.invalid"  # .invalid never routes (RFC 2606)


def check_account_delete_permission(user) -> None:
    """Moderators and admins hold the network's keys: their accounts are handed over first."""
    if is_staff_role(user):
        raise PermissionDenied(
            _(
                "Moderatoren en beheerders kunnen hun account niet zelf verwijderen: vraag een "
                "beheerder eerst uw rol over te dragen en in te trekken."
            )
        )


@transaction.atomic
def account_delete(*, user, password: str) -> Profile:
    """A member removes their own account after re-entering their password."""
    check_account_delete_permission(user)
    if not password or not user.check_password(password):
        raise ValidationError({"password": _("Het wachtwoord klopt niet. Er is niets gewijzigd.")})
    return member_anonymise(user=user, actor=user, reason="account_deleted")


@transaction.atomic
def member_anonymise(*, user, actor, reason: str) -> Profile:
    """Erase a member's personal data and keep their posts, attributed to their municipality.

    The user row stays (as "voormalig lid van <gemeente>"), so questions, answers, votes,
    edit history and the audit trail keep pointing at it. Everything that says who the
    member is, or lets anyone act as them, goes: here the user row and the profile, and each
    app's own part through its declaration (`<app>/personal_data.py`, via
    `exchange/core/personal_data.py`). `reason` is a code, never free text. After commit,
    `member_anonymised` lets the search index drop the member's traces.
    """
    profile = Profile.objects.select_related("municipality").get_or_create(user=user)[0]
    if profile.anonymised_at is not None:
        return profile
    user.profile = profile  # the labels read the fresh profile, not a cached one

    user.email = f"verwijderd-{user.pk}@{ANONYMISED_EMAIL_DOMAIN}"
    user.first_name = user.last_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.save(update_fields=["email", "first_name", "last_name", "password", "is_active"])
    user.groups.clear()
    user.user_permissions.clear()

    profile.job_title = profile.bio = profile.organisation = profile.status_reason = ""
    profile.open_to_contact = False
    profile.anonymised_at = timezone.now()
    profile.save(
        update_fields=[
            "job_title",
            "bio",
            "organisation",
            "status_reason",
            "open_to_contact",
            "anonymised_at",
        ]
    )
    profile.expertise_themes.clear()

    _end_sessions(user)
    personal_data.erase(user=user)
    log(profile, "kennisnetwerk.member.anonymise", user=actor, data={"reason": reason})
    transaction.on_commit(lambda: events.member_anonymised(user_id=user.pk))
    return profile
