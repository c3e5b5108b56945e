"""The in-app list, the header badge and the e-mail preferences page."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from exchange.notifications.context_processors import unread
from exchange.notifications.models import (
    EmailType,
    Kind,
    Notification,
    NotificationPreference,
    Rhythm,
)
from exchange.questions.models import Question
from exchange.questions.services import follow, question_update
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_answers(member, other_member, ask, answer):
    question = ask(member, title="Hoe organiseren jullie een sleutelfigurennetwerk?")
    first = answer(other_member, question, body="Eerste antwoord")
    second = answer(other_member, question, body="Tweede antwoord")
    return question, first, second


def test_list_shows_newest_first_with_unread_as_text(client_as, member, two_answers):
    question, first, second = two_answers
    Notification.objects.filter(answer=first).update(read_at="2026-01-01T10:00:00Z")
    content = client_as(member).get(reverse("notification_list")).content.decode()
    assert content.count(question.title) == 2
    newest = reverse("notification_open", args=[Notification.objects.get(answer=second).pk])
    oldest = reverse("notification_open", args=[Notification.objects.get(answer=first).pk])
    assert content.index(newest) < content.index(oldest)
    assert content.count("<strong>Ongelezen</strong>") == 1
    # The header badge: the count as text, with "ongelezen" for screen readers.
    assert 'Notificaties (1<span class="kn-visually-hidden"> ongelezen</span>)' in content


def test_opening_a_notification_marks_it_read_and_goes_to_the_answer(
    client_as, member, two_answers
):
    _question, first, _second = two_answers
    notification = Notification.objects.get(answer=first)
    response = client_as(member).get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == first.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(client_as, other_member, member, two_answers):
    notification = Notification.objects.filter(recipient=member).first()
    response = client_as(other_member).get(reverse("notification_open", args=[notification.pk]))
    assert response.status_code == 404


def test_mark_all_read(client_as, member, two_answers):
    client = client_as(member)
    assert client.get(reverse("notification_mark_all_read")).status_code == 405
    response = client.post(reverse("notification_mark_all_read"), follow=True)
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    content = response.content.decode()
    assert "Alle notificaties zijn gemarkeerd als gelezen." in content
    assert "Ongelezen" not in content
    assert "Notificaties (" not in content


def test_items_the_member_may_no_longer_read_are_not_shown_or_counted(
    client_as, member, other_member, youth, ask, committed
):
    follow(user=other_member, theme=youth)
    question = ask(member, title="Later beperkt okapi", themes=[youth])
    assert Notification.objects.filter(recipient=other_member).exists()
    Question.objects.filter(pk=question.pk).update(visibility="restricted")
    client = client_as(other_member)
    assert "okapi" not in client.get(reverse("notification_list")).content.decode()
    # Restricted through the site: the notification goes, so the header count follows.
    with committed():
        question_update(
            editor=member,
            question=question,
            title=question.title,
            body=question.body_markdown,
            visibility="restricted",
        )
    assert not Notification.objects.filter(recipient=other_member).exists()
    assert "Notificaties (" not in client.get(reverse("notification_list")).content.decode()


def test_list_needs_login(client):
    for name in ("notification_list", "notification_settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]


def test_list_runs_a_fixed_number_of_queries(
    client_as, member, municipality, django_assert_max_num_queries
):
    client = client_as(member)
    client.get(reverse("notification_list"))  # warm up session and caches
    for count in (3, 25):
        Notification.objects.all().delete()
        for index in range(count):
            question = Question.objects.create(
                title=f"Vraag {index}", municipality=municipality, visibility="members"
            )
            Notification.objects.create(
                recipient=member, kind=Kind.NEW_QUESTION_IN_MUNICIPALITY, question=question
            )
        with django_assert_max_num_queries(14):
            response = client.get(reverse("notification_list"))
        assert response.content.decode().count("Vraag ") >= count


def test_unread_count_is_one_query_and_none_for_visitors(
    member, two_answers, django_assert_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}
    request.user = member
    with django_assert_num_queries(1):
        assert unread(request)["notifications_unread"] == 2


def test_settings_page_has_a_labelled_fieldset_per_type_and_saves(client_as, member):
    client = client_as(member)
    content = client.get(reverse("notification_settings")).content.decode()
    assert content.count("<fieldset") == len(EmailType)
    assert "Antwoorden op mijn vragen</legend>" in content
    response = client.post(
        reverse("notification_settings"),
        {
            "new_answer": "daily",
            "answer_accepted": "off",
            "followed_question": "weekly",
            "followed_theme": "instant",
            "followed_municipality": "off",
            "expert_question": "daily",
            "practice_decision": "instant",
            "inventory": "weekly",
        },
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=member)
    assert (preference.new_answer, preference.followed_theme) == (Rhythm.DAILY, Rhythm.INSTANT)
    assert preference.inventory == Rhythm.WEEKLY


def test_settings_page_rejects_bad_input_and_changes_nothing(client_as, member):
    response = client_as(member).post(reverse("notification_settings"), {"new_answer": "elk uur"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Controleer de gemarkeerde velden." in response.content.decode()
    assert NotificationPreference.objects.get(user=member).new_answer == Rhythm.INSTANT


def test_defaults_for_a_new_member():
    preference = NotificationPreference(user=MemberFactory())
    assert preference.rhythm_for(Kind.NEW_ANSWER) == Rhythm.INSTANT
    assert preference.rhythm_for(Kind.ANSWER_ACCEPTED) == Rhythm.INSTANT
    assert preference.rhythm_for(Kind.FOLLOWED_QUESTION_ANSWER) == Rhythm.DAILY
    assert preference.rhythm_for(Kind.NEW_QUESTION_IN_THEME) == Rhythm.WEEKLY
    assert preference.rhythm_for(Kind.NEW_QUESTION_IN_MUNICIPALITY) == Rhythm.WEEKLY
