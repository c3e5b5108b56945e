"""axe-core on the notifications list and the e-mail preferences page."""

import pytest

from exchange.notifications.models import Notification
from exchange.questions.models import Question
from tests.factories import MemberFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_notification_pages_have_no_violations(axe_check, login):
    utrecht = MunicipalityFactory(code="GM0344", name="Utrecht")
    member = MemberFactory(profile__municipality=utrecht)
    question = Question.objects.create(
        title="Hoe gaan jullie om met spanningen rond een azc?",
        visibility="public",
        municipality=utrecht,
    )
    Notification.objects.create(recipient=member, kind="question_in_theme", question=question)
    login(member)
    axe_check("/meldingen/")
    axe_check("/meldingen/instellingen/")
