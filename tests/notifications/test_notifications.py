"""Notifications: the right people, once, after commit, in their rhythm, never leaking text."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from exchange.notifications.emails import send_digests, unsubscribe_token
from exchange.notifications.models import Kind, Notification, NotificationPreference, Rhythm
from exchange.questions.services import answer_accept, answer_post, follow, question_create
from exchange.themes.models import Theme
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth():
    return Theme.objects.get(slug="jongeren")


@pytest.fixture(autouse=True)
def _commit(django_capture_on_commit_callbacks):
    """Most tests want the after-commit side effects; run them as a commit would."""
    global committed
    committed = lambda: django_capture_on_commit_callbacks(execute=True)  # noqa: E731
    yield


def post(**kwargs):
    with committed():
        return answer_post(**kwargs)


def ask(author, *, title="Hoe betrekken jullie jongerenwerkers?", visibility="members", themes=()):
    with committed():
        return _ask(author, title=title, visibility=visibility, themes=themes)


def _ask(author, *, title, visibility, themes):
    return question_create(
        author=author,
        title=title,
        body="Wij zoeken ervaringen met **jongerenwerk**.",
        themes=themes,
        visibility=visibility,
    )


def test_asker_gets_one_instant_email_after_commit(
    member, other_member, django_capture_on_commit_callbacks
):
    question = ask(member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer_post(author=other_member, question=question, body="Wij werken met een vast team.")
    assert callbacks, "notifications are sent after the transaction commits"
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert question.title in message.subject
    assert "Wij werken met een vast team." in message.body
    assert message.alternatives and "text/html" in message.alternatives[0][1]
    assert "List-Unsubscribe" in message.extra_headers
    # The actor hears nothing about their own answer; the asker gets one notification only.
    assert Notification.objects.filter(recipient=member).count() == 1
    assert not Notification.objects.filter(recipient=other_member).exists()


def test_nothing_is_sent_when_the_transaction_rolls_back(member, other_member):
    from django.db import transaction

    question = ask(member)
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        answer_post(author=other_member, question=question, body="Dit wordt teruggedraaid.")
        raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_accepted_answer_tells_its_author(member, other_member, django_capture_on_commit_callbacks):
    question = ask(member)
    answer = answer_post(author=other_member, question=question, body="Ons antwoord.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_accept(actor=member, answer=answer)
    assert [m.to for m in mail.outbox] == [[other_member.email]]
    assert Notification.objects.get(recipient=other_member).kind == Kind.ANSWER_ACCEPTED


def test_theme_followers_get_daily_digest_grouped_by_theme(member, other_member, youth):
    education = Theme.objects.get(slug="onderwijs")
    follow(user=other_member, theme=youth)
    follow(user=other_member, theme=education)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.DAILY)
    ask(member, title="Jongeren en sociale media", themes=[youth])
    ask(member, title="Lastige gesprekken in de klas", themes=[education])
    mail.outbox.clear()
    assert send_digests("weekly") == 0
    assert send_digests("daily") == 1
    message = mail.outbox[0]
    assert message.to == [other_member.email]
    assert "== Jongeren ==" in message.body and "== Onderwijs ==" in message.body
    html = message.alternatives[0][0]
    assert "<h2>Jongeren</h2>" in html and "<h2>Onderwijs</h2>" in html
    # Running again sends nothing more.
    assert send_digests("daily") == 0


def test_instant_notifications_do_not_reappear_in_digests(member, other_member, youth):
    follow(user=other_member, theme=youth)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    ask(member, themes=[youth])
    assert len(mail.outbox) == 1
    assert send_digests("daily") == 0 and send_digests("weekly") == 0


def test_restricted_question_never_reaches_follower_who_may_not_read_it(
    member, other_member, youth
):
    follow(user=other_member, theme=youth)  # other_member works in another municipality
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    question = question_create(
        author=member,
        title="Geheime casusaanpak",
        body="Vertrouwelijk detail okapi",
        themes=[youth],
        visibility="restricted",
    )
    assert not Notification.objects.filter(recipient=other_member).exists()
    assert all("okapi" not in m.body for m in mail.outbox)
    assert question.pk


def test_question_restricted_after_notification_is_not_mailed(member, other_member, youth):
    follow(user=other_member, theme=youth)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.DAILY)
    question = ask(member, title="Eerst open, later beperkt", themes=[youth])
    assert Notification.objects.filter(recipient=other_member).exists()
    question.visibility = "restricted"
    question.save()
    mail.outbox.clear()
    send_digests("daily")
    assert all("Eerst open" not in m.body for m in mail.outbox)


def test_pending_members_get_nothing(member, pending_member, youth):
    follow(user=pending_member, theme=youth)
    ask(member, themes=[youth], visibility="public")
    assert not Notification.objects.filter(recipient=pending_member).exists()


def test_follower_of_theme_and_municipality_gets_one_notification(
    member, other_member, youth, municipality
):
    follow(user=other_member, theme=youth)
    follow(user=other_member, municipality=municipality)
    ask(member, themes=[youth])
    assert Notification.objects.filter(recipient=other_member).count() == 1


def test_unsubscribe_without_login_only_for_that_type(client, member):
    token = unsubscribe_token(user_id=member.pk, field="new_answer")
    url = reverse("notification_unsubscribe", args=[token])
    assert client.get(url).status_code == 200  # a confirmation page; GET changes nothing
    assert NotificationPreference.objects.get(user=member).new_answer == Rhythm.INSTANT
    assert client.post(url).status_code == 200
    preference = NotificationPreference.objects.get(user=member)
    assert preference.new_answer == Rhythm.OFF
    assert preference.answer_accepted == Rhythm.INSTANT


def test_unsubscribe_link_in_email_works(client, member, other_member):
    question = ask(member)
    mail.outbox.clear()
    post(author=other_member, question=question, body="Antwoord")
    link = re.search(r"/meldingen/afmelden/[^/\s]+/", mail.outbox[0].body).group(0)
    client.post(link)
    assert NotificationPreference.objects.get(user=member).new_answer == Rhythm.OFF


def test_tampered_token_changes_nothing(client, member):
    token = unsubscribe_token(user_id=member.pk, field="new_answer")
    response = client.post(reverse("notification_unsubscribe", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=member, new_answer=Rhythm.OFF).exists()


def test_in_app_list_unread_count_and_mark_read(client_as, member, other_member):
    question = ask(member)
    post(author=other_member, question=question, body="Antwoord een")
    client = client_as(member)
    response = client.get(reverse("notification_list"))
    assert question.title in response.content.decode()
    assert "Meldingen (1" in response.content.decode()
    client.post(reverse("notification_mark_all_read"))
    assert "Meldingen (1" not in client.get(reverse("notification_list")).content.decode()


def test_settings_page_saves_rhythm(client_as, member):
    client = client_as(member)
    response = client.post(
        reverse("notification_settings"),
        {
            "new_answer": "daily",
            "answer_accepted": "off",
            "followed_question": "weekly",
            "followed_theme": "weekly",
            "followed_municipality": "off",
        },
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member).new_answer == "daily"
    bad = client.post(reverse("notification_settings"), {"new_answer": "elk uur"})
    assert bad.status_code == 200 and bad.context["form"].errors


def test_answer_for_200_followers_uses_bounded_queries(
    member, other_member, django_assert_max_num_queries, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    question = ask(member)
    utrecht = member.profile.municipality
    followers = [MemberFactory(profile__municipality=utrecht) for _ in range(200)]
    for user in followers:
        follow(user=user, question=question)
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=u, followed_question=Rhythm.INSTANT) for u in followers]
    )
    with django_assert_max_num_queries(40), committed():
        answer_post(author=other_member, question=question, body="Voor iedereen")
    assert Notification.objects.filter(kind=Kind.FOLLOWED_QUESTION_ANSWER).count() == 200
