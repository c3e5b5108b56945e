"""Moderators' decisions reach the members they are about: in the app and by e-mail."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from exchange.accounts.services import member_approve, member_reject
from exchange.notifications.digests import digests_send
from exchange.notifications.models import Kind, Notification, NotificationPreference, Rhythm
from exchange.themes.models import Theme
from tests.factories import MemberFactory
from tests.practices.sharing_data import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client_as, member):
    theme = Theme.objects.order_by("pk").first()
    return share(client_as(member), theme_ids=[theme.pk])


def decide(page, moderator, action, comment=""):
    state = WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, action, comment=comment)


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_author_hears_in_the_app_and_by_email_that_their_practice_is_published(
    submitted, member, moderator, committed, client_as
):
    mail.outbox.clear()
    with committed():
        decide(submitted, moderator, "approve")
    assert kinds_for(member) == [Kind.PRACTICE_PUBLISHED]
    assert kinds_for(moderator) == []  # never the one who published
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "Uw praktijk is gepubliceerd: Weerbaarheidstraining op het mbo" in message.subject
    submitted.refresh_from_db()
    link = settings.WAGTAILADMIN_BASE_URL + submitted.url
    assert link in message.body
    assert link in message.alternatives[0][0]
    listing = client_as(member).get(reverse("notification_list")).content.decode()
    assert "Uw praktijk is gepubliceerd" in listing
    assert "Weerbaarheidstraining op het mbo" in listing


def test_a_request_for_changes_brings_the_moderators_comment_to_the_author(
    submitted, member, moderator, committed, client_as
):
    mail.outbox.clear()
    with committed():
        decide(submitted, moderator, "reject", comment="Beschrijf ook de kosten.")
    [notification] = Notification.objects.filter(recipient=member)
    assert notification.kind == Kind.PRACTICE_CHANGES_REQUESTED
    assert notification.text == "Beschrijf ook de kosten."
    [message] = mail.outbox
    overview = settings.WAGTAILADMIN_BASE_URL + reverse(
        "practice_share_overview", args=[submitted.pk]
    )
    for part in (message.body, message.alternatives[0][0]):
        assert "Beschrijf ook de kosten." in part
        assert overview in part
    opened = client_as(member).get(reverse("notification_open", args=[notification.pk]))
    assert opened["Location"] == reverse("practice_share_overview", args=[submitted.pk])


def test_only_our_email_goes_out_not_wagtails_admin_link(submitted, moderator, committed):
    mail.outbox.clear()
    with committed():
        decide(submitted, moderator, "reject", comment="Graag aanvullen.")
    assert len(mail.outbox) == 1
    assert "/beheer/" not in mail.outbox[0].body


def test_a_colleague_who_submitted_hears_too(
    client_as, log_in, member, municipality, moderator, committed
):
    from django.test import Client

    theme = Theme.objects.order_by("pk").first()
    page = share(client_as(member), theme_ids=[theme.pk], submit=False)
    colleague = MemberFactory(profile__municipality=municipality)
    log_in(Client(), colleague).post(reverse("practice_share_step", args=[page.pk, "indienen"]))
    with committed():
        decide(page, moderator, "approve")
    assert kinds_for(member) == [Kind.PRACTICE_PUBLISHED]
    assert kinds_for(colleague) == [Kind.PRACTICE_PUBLISHED]


def test_practice_news_follows_the_members_email_preference(
    submitted, member, moderator, committed
):
    NotificationPreference.objects.create(user=member, practice_decision=Rhythm.DAILY)
    mail.outbox.clear()
    with committed():
        decide(submitted, moderator, "approve")
    assert kinds_for(member) == [Kind.PRACTICE_PUBLISHED]  # in the app at once
    assert mail.outbox == []
    assert digests_send(rhythm=Rhythm.DAILY) == 1
    assert "Weerbaarheidstraining op het mbo" in mail.outbox[0].body


def test_practice_news_by_email_can_be_switched_off(submitted, member, moderator, committed):
    NotificationPreference.objects.create(user=member, practice_decision=Rhythm.OFF)
    mail.outbox.clear()
    with committed():
        decide(submitted, moderator, "approve")
    assert kinds_for(member) == [Kind.PRACTICE_PUBLISHED]
    assert mail.outbox == []


def test_an_approved_member_gets_an_email_and_a_notification(
    pending_member, moderator, municipality, committed
):
    with committed():
        member_approve(
            actor=moderator,
            profile=pending_member.profile,
            municipality=municipality,
            reason="Collega van de GGD",
        )
    [notification] = Notification.objects.filter(recipient=pending_member)
    assert notification.kind == Kind.MEMBER_APPROVED
    [message] = mail.outbox
    assert message.to == [pending_member.email]
    assert message.subject.endswith("Uw aanmelding is goedgekeurd")
    assert "Collega van de GGD" in message.body
    assert settings.WAGTAILADMIN_BASE_URL + "/" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # an account message


def test_a_rejected_member_gets_the_reason_by_email(pending_member, moderator, committed):
    with committed():
        member_reject(actor=moderator, profile=pending_member.profile, reason="Geen gemeente.")
    [notification] = Notification.objects.filter(recipient=pending_member)
    assert notification.kind == Kind.MEMBER_REJECTED
    assert notification.text == "Geen gemeente."
    [message] = mail.outbox
    assert message.to == [pending_member.email]
    assert "Uw aanmelding is afgewezen" in message.subject
    for part in (message.body, message.alternatives[0][0]):
        assert "Geen gemeente." in part
        assert settings.WAGTAILADMIN_BASE_URL in part


def test_a_bulk_decision_tells_every_member(moderator, committed):
    from exchange.accounts.services import member_reject_bulk

    pending = [MemberFactory(profile__status="pending") for _ in range(3)]
    with committed():
        member_reject_bulk(
            actor=moderator, profiles=[m.profile for m in pending], reason="Onbekend"
        )
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        m.email for m in pending
    )
