"""axe-core finds no WCAG 2.1 A/AA violations on the notification pages."""

import pytest

from exchange.notifications.models import Kind, Notification
from exchange.notifications.tokens import unsubscribe_token_make
from exchange.questions.models import Question
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def member_with_notifications():
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht")
    member = MemberFactory(profile__municipality=utrecht)
    for index, kind in enumerate([Kind.NEW_QUESTION_IN_MUNICIPALITY, Kind.NEW_QUESTION_IN_THEME]):
        question = Question.objects.create(
            title=f"Hoe gaan jullie om met spanningen rond een azc? ({index + 1})",
            visibility="members",
            municipality=utrecht,
        )
        Notification.objects.create(recipient=member, kind=kind, question=question)
    Notification.objects.filter(kind=Kind.NEW_QUESTION_IN_THEME).update(read_at="2026-01-01T10:00Z")
    return member


def test_notification_pages_have_no_violations(member_with_notifications, axe_check, login):
    login(member_with_notifications)
    axe_check("/meldingen/")
    axe_check("/meldingen/instellingen/")


def test_settings_errors_are_accessible(member_with_notifications, page, axe_check, login):
    login(member_with_notifications)
    page.goto("/meldingen/instellingen/")
    page.evaluate("document.querySelectorAll('input[name=new_answer]').forEach(i => i.remove())")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-fieldset--invalid").count() == 1
    axe_check()


def test_unsubscribe_pages_have_no_violations(member_with_notifications, page, axe_check):
    token = unsubscribe_token_make(user_id=member_with_notifications.pk, email_type="new_answer")
    axe_check(f"/meldingen/afmelden/{token}/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "U bent afgemeld"
    axe_check()
    response = page.goto("/meldingen/afmelden/kapot/")
    assert response.status == 400
    axe_check()
