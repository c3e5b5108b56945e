"""Members hear when their municipality's network register has entries unchecked for a year."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.models import Kind, Notification
from exchange.notifications.network_checks import network_check_reminders_send
from exchange.partners.models import Cooperation, KeyFigure, Organisation
from exchange.themes.models import OrganisationKind
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def entry(municipality, *, days_ago, name="Moskeebestuur"):
    return Organisation.objects.create(
        municipality=municipality,
        name=name,
        kind=OrganisationKind.objects.get(slug="mosque"),
        cooperation=Cooperation.values[0],
        last_checked_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def test_members_of_the_municipality_hear_how_many_entries_are_due_once_a_month(
    member, other_member, municipality, django_capture_on_commit_callbacks
):
    colleague = MemberFactory(profile__municipality=municipality)
    pending = MemberFactory(profile__municipality=municipality, profile__status="pending")
    entry(municipality, days_ago=400, name="Moskeebestuur Noord")
    entry(municipality, days_ago=10, name="Recent gecontroleerd")
    KeyFigure.objects.create(
        municipality=municipality,
        role="imam van de moskee",
        last_checked_on=timezone.localdate() - datetime.timedelta(days=500),
    )
    entry(other_member.profile.municipality, days_ago=10)

    with django_capture_on_commit_callbacks(execute=True):
        made = network_check_reminders_send()

    assert sorted(n.recipient_id for n in made) == sorted([member.pk, colleague.pk])
    assert pending.pk not in [n.recipient_id for n in made]
    assert "2 organisaties en sleutelfiguren" in made[0].text
    assert {m.to[0] for m in mail.outbox} == {member.email, colleague.email}
    message = mail.outbox[0]
    assert "/lokaal-netwerk/#te-controleren" in message.body
    # Counts only: no organisation or role in the mail.
    assert "Moskeebestuur" not in message.body and "imam" not in message.body

    assert network_check_reminders_send() == []  # run again: nobody hears twice
    call_command("send_network_check_reminders", stdout=StringIO())
    assert Notification.objects.filter(kind=Kind.NETWORK_CHECK).count() == 2


def test_nobody_hears_when_everything_was_checked_this_year(member, municipality):
    entry(municipality, days_ago=364)
    assert network_check_reminders_send() == []


def test_the_notification_leads_to_the_list_to_check(client_as, member, municipality):
    entry(municipality, days_ago=400)
    [notification] = network_check_reminders_send()
    client = client_as(member)
    assert "netwerkregister" in client.get("/meldingen/").content.decode()
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/lokaal-netwerk/#te-controleren"
