"""Who is told what: the right members, once, after commit, never the actor, never a leak."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from exchange.notifications import services
from exchange.notifications.emails import send_instant
from exchange.notifications.models import Kind, Notification, NotificationPreference, Rhythm
from exchange.questions.models import Answer, Follow, Question
from exchange.questions.services import answer_accept, answer_post, follow
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_asker_gets_one_instant_email_after_commit(
    member, other_member, ask, django_capture_on_commit_callbacks
):
    question = ask(member)
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_post(
            author=other_member, question=question, body="Wij werken met buurtvaders."
        )
        assert mail.outbox == []  # nothing leaves before the answer is committed
    assert [message.to for message in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert message.subject.startswith(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)
    assert question.title in message.subject
    link = settings.WAGTAILADMIN_BASE_URL + answer.get_absolute_url()
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for part in (message.body, html):
        assert "buurtvaders" in part
        assert link in part
        assert "/meldingen/afmelden/" in part
    assert message.extra_headers["List-Unsubscribe"].startswith(
        f"<{settings.WAGTAILADMIN_BASE_URL}/meldingen/afmelden/"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The asker follows their own question but gets one notification, as its asker.
    assert kinds_for(member) == [Kind.NEW_ANSWER]
    assert kinds_for(other_member) == []  # never the actor
    assert Notification.objects.get(recipient=member).emailed_at is not None


def test_nothing_happens_when_the_answer_is_rolled_back(member, other_member, ask, committed):
    question = ask(member)
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        answer_post(author=other_member, question=question, body="Dit wordt teruggedraaid.")
        raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_question_followers_get_notified_in_their_rhythm(
    member, other_member, municipality, ask, answer
):
    question = ask(member)
    daily_follower = MemberFactory(profile__municipality=municipality)
    instant_follower = MemberFactory(profile__municipality=municipality)
    for user in (daily_follower, instant_follower):
        follow(user=user, question=question)
    NotificationPreference.objects.create(user=instant_follower, followed_question=Rhythm.INSTANT)
    answer(other_member, question)
    assert kinds_for(daily_follower) == [Kind.FOLLOWED_QUESTION_ANSWER]
    assert kinds_for(instant_follower) == [Kind.FOLLOWED_QUESTION_ANSWER]
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([member.email, instant_follower.email])


def test_accepted_answer_tells_its_author_once(member, other_member, ask, answer, committed):
    question = ask(member)
    posted = answer(other_member, question)
    mail.outbox.clear()
    with committed():
        answer_accept(actor=member, answer=posted)
    with committed():
        answer_accept(actor=member, answer=posted, accepted=False)
    with committed():
        answer_accept(actor=member, answer=posted)
    assert [message.to for message in mail.outbox] == [[other_member.email]]
    assert "geaccepteerd" in mail.outbox[0].subject
    assert kinds_for(other_member) == [Kind.ANSWER_ACCEPTED]


def test_follower_of_theme_and_municipality_gets_one_notification(
    member, other_member, municipality, youth, ask
):
    follow(user=other_member, theme=youth)
    follow(user=other_member, municipality=municipality)
    ask(member, themes=[youth], visibility="members")
    assert len(kinds_for(other_member)) == 1
    assert kinds_for(member) == []  # the asker follows nothing here and is the actor anyway
    assert mail.outbox == []  # followed themes and municipalities default to weekly


def test_an_event_delivered_twice_notifies_nobody_twice(member, other_member, ask, answer):
    question = ask(member)
    posted = answer(other_member, question)
    services.notifications_for_answer_posted(answer_id=posted.pk)
    assert Notification.objects.filter(recipient=member).count() == 1


def test_restricted_question_never_reaches_theme_follower_of_another_municipality(
    member, other_member, youth, ask
):
    follow(user=other_member, theme=youth)  # other_member works in Zwolle, the asker in Utrecht
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    ask(member, title="Vertrouwelijke casus okapi", themes=[youth], visibility="restricted")
    assert kinds_for(other_member) == []
    assert mail.outbox == []


def test_restricted_question_reaches_a_chosen_municipality(
    member, other_member, other_municipality, youth, ask
):
    follow(user=other_member, theme=youth)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    ask(
        member,
        themes=[youth],
        visibility="restricted",
        allowed_municipalities=[other_municipality],
    )
    assert kinds_for(other_member) == [Kind.NEW_QUESTION_IN_THEME]
    assert [message.to for message in mail.outbox] == [[other_member.email]]


def test_question_restricted_before_the_email_goes_out_is_not_sent(
    member, other_member, youth, settings
):
    follow(user=other_member, theme=youth)
    NotificationPreference.objects.create(user=other_member, followed_theme=Rhythm.INSTANT)
    question = Question.objects.create(
        title="Eerst open, later beperkt okapi", author=member, visibility="members"
    )
    question.themes.set([youth])
    services.notifications_for_question_asked(question_id=question.pk)  # e-mail not yet sent
    notification = Notification.objects.get(recipient=other_member)
    Question.objects.filter(pk=question.pk).update(visibility="restricted")
    assert send_instant(notification_id=notification.pk) is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is not None  # dealt with: a retry will not send it either


def test_hidden_answer_is_not_announced(member, other_member, ask, committed):
    question = ask(member)
    with committed():
        posted = answer_post(author=other_member, question=question, body="Verborgen tekst")
    mail.outbox.clear()
    Notification.objects.all().delete()
    Answer.objects.filter(pk=posted.pk).update(hidden=True)
    services.notifications_for_answer_posted(answer_id=posted.pk)
    assert not Notification.objects.exists()


def test_pending_members_get_nothing(member, pending_member, youth, ask):
    follow(user=pending_member, theme=youth)
    NotificationPreference.objects.create(user=pending_member, followed_theme=Rhythm.INSTANT)
    ask(member, themes=[youth], visibility="public")
    assert kinds_for(pending_member) == []
    assert mail.outbox == []


def test_switched_off_type_gets_no_email_but_stays_in_the_site(member, other_member, ask, answer):
    NotificationPreference.objects.create(user=member, new_answer=Rhythm.OFF)
    answer(other_member, ask(member))
    assert kinds_for(member) == [Kind.NEW_ANSWER]
    assert mail.outbox == []


@pytest.mark.parametrize("follower_count", [10, 200])
def test_answer_for_200_followers_runs_a_bounded_number_of_queries(
    follower_count, member, municipality, ask, committed, settings, django_assert_max_num_queries
):
    from django_tasks_db.models import DBTaskResult

    question = ask(member, visibility="restricted")
    colleague = MemberFactory(profile__municipality=municipality)
    followers = MemberFactory.create_batch(follower_count, profile__municipality=municipality)
    Follow.objects.bulk_create([Follow(user=user, question=question) for user in followers])
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, followed_question=Rhythm.INSTANT) for user in followers]
    )
    # The production queue: the request stores the e-mail work, the worker sends it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The same bound for 10 and 200 followers: about 30 queries post the answer and do the
    # other after-commit work (search sync), the notifications add a fixed twenty or so.
    # (SQLite splits a bulk insert every ~120 rows; PostgreSQL inserts them in one.)
    with django_assert_max_num_queries(55), committed():
        answer_post(author=colleague, question=question, body="Voor iedereen")
    followed = Notification.objects.filter(kind=Kind.FOLLOWED_QUESTION_ANSWER)
    assert followed.count() == follower_count
    queued = DBTaskResult.objects.filter(task_path__startswith="exchange.notifications.")
    # One queue entry for the whole batch; the worker fans it out per recipient.
    assert [task.task_path for task in queued] == [
        "exchange.notifications.tasks.send_notification_emails"
    ]
    assert mail.outbox == []
