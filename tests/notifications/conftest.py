"""Helpers for the notification tests: commit-time side effects and a few themes."""

import pytest

from exchange.questions.services import answer_post, question_create
from tests.factories import ThemeFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block schedules on commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def youth(db):
    return ThemeFactory(name="Jongeren en jongvolwassenen", slug="jongeren-test")


@pytest.fixture
def schools(db):
    return ThemeFactory(name="Onderwijs en school", slug="onderwijs-test")


@pytest.fixture
def ask(committed):
    def _ask(author, *, title="Hoe betrekken jullie jongerenwerkers?", **kwargs):
        kwargs.setdefault("body", "Wij zoeken ervaringen met **jongerenwerk** in de wijk.")
        with committed():
            return question_create(author=author, title=title, **kwargs)

    return _ask


@pytest.fixture
def answer(committed):
    def _answer(author, question, body="Wij werken met een vast team op straat."):
        with committed():
            return answer_post(author=author, question=question, body=body)

    return _answer
