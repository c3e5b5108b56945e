"""Moderators approve, reject, suspend and restore members from the Wagtail admin."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.accounts.models import Profile
from exchange.accounts.services import member_approve

pytestmark = pytest.mark.django_db


def decide(client, profile, action, **extra):
    return client.post(reverse("kn_members:decide", args=[profile.pk]), {"action": action, **extra})


def test_queue_lists_pending_members(client_as, moderator, pending_member, member):
    response = client_as(moderator).get(reverse("kn_members:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert pending_member.email in body
    assert member.email not in body


def test_sign_ups_that_have_not_confirmed_their_address_wait_apart(
    client_as, moderator, pending_member
):
    from allauth.account.models import EmailAddress

    from exchange.moderation.dashboard import dashboard_counts
    from tests.factories import MemberFactory

    unconfirmed = MemberFactory(profile__status="pending", profile__municipality=None)
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    client = client_as(moderator)
    queue = client.get(reverse("kn_members:index")).content.decode()
    assert pending_member.email in queue
    assert unconfirmed.email not in queue
    assert dashboard_counts(moderator)["members"] == 1
    apart = client.get(reverse("kn_members:index") + "?status=unconfirmed")
    assert unconfirmed.email in apart.content.decode()
    assert pending_member.email not in apart.content.decode()
    assert "nog niet bevestigd" in apart.content.decode()
    # Spam sign-ups can still be turned away from there.
    decide(client, unconfirmed.profile, "reject", reason="Geen bevestiging, onbekend adres")
    unconfirmed.profile.refresh_from_db()
    assert unconfirmed.profile.status == Profile.Status.REJECTED


def test_moderator_approves_pending_member_with_municipality(
    client_as, moderator, pending_member, municipality
):
    client = client_as(moderator)
    decide(client, pending_member.profile, "approve", municipality=municipality.code)
    profile = Profile.objects.get(pk=pending_member.profile.pk)
    assert profile.status == Profile.Status.VERIFIED
    assert profile.municipality == municipality
    assert profile.status_changed_by == moderator
    assert profile.status_changed_at is not None
    assert pending_member.email not in client.get(reverse("kn_members:index")).content.decode()
    assert ModelLogEntry.objects.filter(
        action="kennisnetwerk.member.approve", user=moderator
    ).exists()


def test_approved_member_reaches_directory(client, client_as, moderator, pending_member):
    decide(client_as(moderator), pending_member.profile, "approve")
    client.logout()
    assert client_as(pending_member).get(reverse("member_directory")).status_code == 200


def test_reject_needs_a_reason_and_changes_nothing_without_one(
    client_as, moderator, pending_member
):
    client = client_as(moderator)
    decide(client, pending_member.profile, "reject", reason="")
    pending_member.profile.refresh_from_db()
    assert pending_member.profile.status == Profile.Status.PENDING

    decide(client, pending_member.profile, "reject", reason="Geen gemeente of partner")
    pending_member.profile.refresh_from_db()
    pending_member.refresh_from_db()
    assert pending_member.profile.status == Profile.Status.REJECTED
    assert pending_member.profile.status_reason == "Geen gemeente of partner"
    assert not pending_member.is_active


def test_suspend_ends_access_and_restore_gives_it_back(
    client, client_as, log_in, moderator, member
):
    member_client = client_as(member)
    assert member_client.get(reverse("member_directory")).status_code == 200

    from django.test import Client

    moderator_client = log_in(Client(), moderator)
    decide(moderator_client, member.profile, "suspend", reason="Persoonsgegevens gedeeld")
    member.refresh_from_db()
    assert member.profile.status == Profile.Status.SUSPENDED
    assert not member.is_active
    # The suspended member's session no longer grants anything.
    assert member_client.get(reverse("member_directory")).status_code == 302

    decide(moderator_client, member.profile, "restore")
    member.refresh_from_db()
    assert member.is_active and member.profile.is_verified


def test_member_cannot_use_the_approval_screen(client_as, member, pending_member):
    client = client_as(member)
    response = decide(client, pending_member.profile, "approve")
    assert response.status_code in (302, 403)
    pending_member.profile.refresh_from_db()
    assert pending_member.profile.status == Profile.Status.PENDING


def test_service_refuses_non_moderators(member, pending_member):
    with pytest.raises(PermissionDenied):
        member_approve(actor=member, profile=pending_member.profile)
