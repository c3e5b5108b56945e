import datetime

import pytest
from django.utils import timezone

from exchange.questions import services as question_services
from tests.factories import MemberFactory


@pytest.fixture
def question(member):
    """A public question by `member` (so pending members can see it too)."""
    return question_services.question_create(
        author=member,
        title="Hoe organiseren jullie een wijkgesprek na onrust?",
        body="Wij zoeken *ervaringen* van andere gemeenten.",
        visibility="public",
    )


@pytest.fixture
def members_only_question(member):
    return question_services.question_create(
        author=member, title="Alleen voor leden: aanpak sleutelfiguren", body="Wie weet raad?"
    )


@pytest.fixture
def answer(question, other_member):
    return question_services.answer_post(
        author=other_member, question=question, body="Bij ons werkte een vast overleg."
    )


@pytest.fixture
def reporters(municipality):
    """Three established members (joined two months ago): their reports count fully."""
    joined = timezone.now() - datetime.timedelta(days=60)
    return MemberFactory.create_batch(3, profile__municipality=municipality, date_joined=joined)
