"""Daily and weekly overviews: grouped by theme, in the member's rhythm, sent once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.digests import digests_send
from exchange.notifications.models import (
    DigestRun,
    Kind,
    Notification,
    NotificationPreference,
    Rhythm,
)
from exchange.notifications.tasks import send_digest_emails, send_notification_emails
from exchange.questions.models import Question
from exchange.questions.services import follow
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_daily_digest_contains_followed_question_answers(member, other_member, ask, answer):
    question = ask(other_member, title="Wie heeft ervaring met sleutelfiguren?")
    follow(user=member, question=question)  # followed questions default to daily
    answer(MemberFactory(profile__municipality=other_member.profile.municipality), question)
    assert [m.to for m in mail.outbox] == [[other_member.email]]  # the asker, instantly
    mail.outbox.clear()
    assert digests_send(rhythm="weekly") == 0
    assert digests_send(rhythm="daily") == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "dagelijkse overzicht" in message.subject
    assert "Wie heeft ervaring met sleutelfiguren?" in message.body
    assert "Wie heeft ervaring met sleutelfiguren?" in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_digest_groups_by_first_theme_in_text_and_html(member, other_member, youth, schools, ask):
    follow(user=other_member, theme=youth)
    follow(user=other_member, theme=schools)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.DAILY)
    ask(member, title="Jongeren en sociale media", themes=[youth])
    ask(member, title="Lastige gesprekken in de klas", themes=[schools])
    assert digests_send(rhythm="daily") == 1
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert "== Jongeren en jongvolwassenen ==" in message.body
    assert "== Onderwijs en school ==" in message.body
    assert html.count("<h2>") == 2
    assert "<h2>Jongeren en jongvolwassenen</h2>" in html
    assert "<h2>Onderwijs en school</h2>" in html
    # Each question sits under its own theme.
    youth_part, schools_part = message.body.split("== Onderwijs en school ==")
    assert "Jongeren en sociale media" in youth_part
    assert "Lastige gesprekken in de klas" in schools_part


def test_questions_without_theme_are_listed_under_overig(member, other_member, municipality, ask):
    follow(user=other_member, municipality=municipality)
    ask(member, title="Een vraag zonder thema")
    assert digests_send(rhythm="weekly") == 1  # followed municipalities default to weekly
    assert "== Overig ==" in mail.outbox[0].body


def test_running_twice_sends_once(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    ask(member, themes=[youth])
    assert digests_send(rhythm="weekly") == 1
    assert digests_send(rhythm="weekly") == 0
    assert len(mail.outbox) == 1
    assert DigestRun.objects.get().emails_sent == 1
    assert Notification.objects.get().emailed_at is not None


def test_nothing_to_send_sends_nothing(member):
    assert digests_send(rhythm="daily") == 0
    assert mail.outbox == []
    assert not DigestRun.objects.exists()


def test_instant_items_are_not_repeated_in_a_digest(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    ask(member, themes=[youth])
    assert len(mail.outbox) == 1
    assert digests_send(rhythm="daily") == 0
    assert digests_send(rhythm="weekly") == 0
    assert len(mail.outbox) == 1


def test_items_read_in_the_site_are_left_out(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    ask(member, themes=[youth])
    Notification.objects.update(read_at=timezone.now())
    assert digests_send(rhythm="weekly") == 0


def test_old_notifications_are_not_dug_up(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    ask(member, themes=[youth])
    Notification.objects.update(created_at=timezone.now() - timedelta(days=60))
    assert digests_send(rhythm="weekly") == 0


def test_question_restricted_after_notification_is_left_out_of_the_digest(
    member, other_member, youth, schools, ask
):
    follow(user=other_member, theme=youth)
    follow(user=other_member, theme=schools)
    restricted_later = ask(member, title="Eerst open, later beperkt okapi", themes=[youth])
    ask(member, title="Blijft voor alle leden", themes=[schools])
    Question.objects.filter(pk=restricted_later.pk).update(visibility="restricted")
    assert digests_send(rhythm="weekly") == 1
    message = mail.outbox[0]
    assert "Blijft voor alle leden" in message.body
    for part in (message.body, message.alternatives[0][0]):
        assert "okapi" not in part
        assert "Jongeren en jongvolwassenen" not in part


def test_only_restricted_items_means_no_email(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    question = ask(member, title="Straks beperkt okapi", themes=[youth])
    Question.objects.filter(pk=question.pk).update(visibility="restricted")
    assert digests_send(rhythm="weekly") == 0
    assert mail.outbox == []


def test_command_and_task_send_the_digest(member, other_member, youth, ask):
    follow(user=other_member, theme=youth)
    ask(member, themes=[youth])
    send_digest_emails.enqueue("daily")
    assert mail.outbox == []
    out = StringIO()
    call_command("send_digests", "weekly", stdout=out)
    assert "1 overview" in out.getvalue()
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_batch_task_fans_out_to_one_email_per_recipient(member, municipality, ask, answer):
    question = ask(member)
    followers = MemberFactory.create_batch(3, profile__municipality=municipality)
    for user in followers:
        follow(user=user, question=question)
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=u, followed_question=Rhythm.INSTANT) for u in followers]
    )
    answer(MemberFactory(profile__municipality=municipality), question)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([member.email, *(u.email for u in followers)])
    ids = list(Notification.objects.values_list("pk", flat=True))
    send_notification_emails.enqueue(ids)  # a repeated batch mails nobody twice
    assert len(mail.outbox) == 4


@pytest.mark.parametrize("count", [2, 20])
def test_digest_runs_a_fixed_number_of_queries(
    count, member, other_member, youth, django_assert_max_num_queries
):
    for index in range(count):
        question = Question.objects.create(
            title=f"Vraag {index}", author=member, municipality=member.profile.municipality
        )
        question.themes.set([youth])
        Notification.objects.create(
            recipient=other_member, kind=Kind.NEW_QUESTION_IN_THEME, question=question
        )
    with django_assert_max_num_queries(12):
        assert digests_send(rhythm="weekly") == 1
    assert mail.outbox[0].body.count("Vraag ") == count
