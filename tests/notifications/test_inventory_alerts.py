"""Quickscan follow-up (`send_inventory_alerts`): a municipality that reported a need hears of
new practices on it, once; rounds closing soon remind who has not submitted; preferences
decide the e-mail; running twice sends nothing twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.digests import digests_send
from exchange.notifications.inventory_alerts import inventory_alerts_send
from exchange.notifications.models import Kind, Notification, NotificationPreference, Rhythm
from exchange.questions.models import Follow
from exchange.themes.models import Theme
from tests.factories import MemberFactory, MunicipalityFactory
from tests.inventories.matching_helpers import make_matching_questionnaire, respond
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.now() - datetime.timedelta(days=1)


@pytest.fixture
def needing(municipality, member):
    """Utrecht reported a need on jongeren yesterday."""
    questionnaire = make_matching_questionnaire(closes=30)
    respond(questionnaire, municipality, {"leren": ["Jongeren"]}, when=YESTERDAY)
    return questionnaire


@pytest.fixture
def elsewhere(db):
    return MunicipalityFactory(name="Elders", province="Zeeland")


def alerts(committed):
    with committed():
        return inventory_alerts_send()


def need_notifications(user):
    return Notification.objects.filter(recipient=user, kind=Kind.NEED_PRACTICE)


def test_a_new_practice_on_a_need_reaches_the_members_in_the_app_and_by_email(
    needing, member, elsewhere, committed
):
    colleague = MemberFactory(profile__municipality=member.profile.municipality)
    practice = make_practice(title="Jongerenwerk op straat", municipality=elsewhere)
    make_practice(title="Over iets anders", municipality=elsewhere, themes=("polarisatie",))
    mail.outbox.clear()
    assert alerts(committed)["practices"] == 2
    for user in (member, colleague):
        assert list(need_notifications(user).values_list("practice_id", flat=True)) == [practice.pk]
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert all("Jongerenwerk op straat" in subject for subject in subjects)
    # Twice: nothing more, in the app or by e-mail.
    assert alerts(committed) == {"practices": 0, "reminders": 0}
    assert len(mail.outbox) == 2


def test_once_per_practice_also_with_two_rounds_and_a_followed_theme(
    needing, member, municipality, elsewhere, committed
):
    second = make_matching_questionnaire(slug="tweede-ronde", closes=30)
    respond(second, municipality, {"capaciteit": 1, "netwerk": "Nee"}, when=YESTERDAY)
    Follow.objects.create(user=member, theme=Theme.objects.get(slug="jongeren"))
    make_practice(municipality=elsewhere, themes=("jongeren", "polarisatie"))
    mail.outbox.clear()
    alerts(committed)
    assert need_notifications(member).count() == 1
    assert len([m for m in mail.outbox if member.email in m.to]) == 1


def test_no_alert_for_old_practices_own_practices_or_ones_the_member_may_not_read(
    needing, member, municipality, elsewhere, committed
):
    make_practice(
        title="Van vorig jaar", municipality=elsewhere, published_at=datetime.date(2020, 1, 1)
    )
    make_practice(title="Eigen praktijk", municipality=municipality)
    make_practice(title="Besloten", municipality=elsewhere, visibility="restricted")
    alerts(committed)
    assert not need_notifications(member).exists()


def test_no_alert_without_a_submitted_need(municipality, member, elsewhere, committed):
    questionnaire = make_matching_questionnaire(closes=30)
    respond(questionnaire, municipality, {"leren": ["Jongeren"]}, submitted=False)
    make_practice(municipality=elsewhere)
    alerts(committed)
    assert not need_notifications(member).exists()


def test_preferences_decide_the_email(needing, member, elsewhere, committed):
    colleague = MemberFactory(profile__municipality=member.profile.municipality)
    NotificationPreference.objects.create(user=member, inventory=Rhythm.OFF)
    NotificationPreference.objects.create(user=colleague, inventory=Rhythm.DAILY)
    make_practice(title="Jongerenwerk", municipality=elsewhere)
    mail.outbox.clear()
    alerts(committed)
    assert need_notifications(member).count() == 1  # still in the app
    assert need_notifications(colleague).count() == 1
    assert mail.outbox == []
    assert digests_send(rhythm=Rhythm.DAILY) == 1
    assert mail.outbox[0].to == [colleague.email]
    assert "Jongerenwerk" in mail.outbox[0].body


@pytest.fixture
def closing_soon(db):
    return make_matching_questionnaire(slug="sluit-bijna", closes=5)


def test_reminders_before_the_close_date_go_to_municipalities_that_have_not_submitted(
    closing_soon, member, other_member, other_municipality, committed
):
    respond(closing_soon, other_municipality, {"leren": ["Jongeren"]})
    MemberFactory(profile__status="pending", profile__municipality=member.profile.municipality)
    mail.outbox.clear()
    assert alerts(committed)["reminders"] == 1
    reminder = Notification.objects.get(kind=Kind.INVENTORY_REMINDER)
    assert reminder.recipient == member
    assert reminder.get_absolute_url() == "/inventarisaties/sluit-bijna/"
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "Behoeften" in mail.outbox[0].subject
    assert alerts(committed)["reminders"] == 0
    assert len(mail.outbox) == 1


def test_no_reminder_long_before_the_close_date_or_when_switched_off(member, committed):
    make_matching_questionnaire(slug="nog-lang", closes=20)
    assert alerts(committed)["reminders"] == 0
    closing = make_matching_questionnaire(slug="bijna", closes=2)
    NotificationPreference.objects.create(user=member, inventory=Rhythm.OFF)
    mail.outbox.clear()
    alerts(committed)
    assert Notification.objects.filter(questionnaire=closing, recipient=member).count() == 1
    assert mail.outbox == []


def test_the_command_runs_both(closing_soon, member, capsys):
    call_command("send_inventory_alerts")
    assert "1 reminder(s)" in capsys.readouterr().out
    call_command("send_inventory_alerts")
    assert "0 reminder(s)" in capsys.readouterr().out


def test_both_show_in_the_members_notification_list(
    needing, closing_soon, member, elsewhere, committed, client_as
):
    practice = make_practice(title="Jongerenwerk op straat", municipality=elsewhere)
    alerts(committed)
    page = client_as(member).get("/meldingen/").content.decode()
    assert "Jongerenwerk op straat" in page
    assert "Nieuwe praktijk bij een behoefte van uw gemeente" in page
    assert "Herinnering: een vragenlijst sluit binnenkort" in page
    reminder = Notification.objects.get(recipient=member, kind=Kind.INVENTORY_REMINDER)
    opened = client_as(member).get(f"/meldingen/{reminder.pk}/")
    assert opened["Location"] == "/inventarisaties/sluit-bijna/"
    # Made restricted since: no longer listed.
    practice.visibility = "restricted"
    practice.save_revision().publish()
    assert "Jongerenwerk op straat" not in client_as(member).get("/meldingen/").content.decode()
