"""The answer box on a question page starts without an error state: an unbound form shows no
errors, and the browser's :invalid (an empty required field) is not drawn as one."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db


def answer_box(response):
    page = BeautifulSoup(response.content, "html.parser")
    form = page.select_one("#antwoord-formulier form")
    return form, form.select_one("textarea[name=body]")


def test_the_empty_answer_box_loads_without_an_error_state(client_as, member, other_member):
    question = make_question(author=other_member)

    form, box = answer_box(client_as(member).get(question.get_absolute_url()))

    assert not box.has_attr("aria-invalid")
    assert box["aria-describedby"] == "id_body_helptext"  # help text only, no error
    assert not form.select(".utrecht-form-field--invalid, .utrecht-form-field-error-message")


def test_an_empty_answer_sent_shows_the_error_state(client_as, member, other_member):
    question = make_question(author=other_member)

    response = client_as(member).post(f"/vragen/{question.pk}/antwoorden/", {"body": ""})

    form, box = answer_box(response)
    assert box["aria-invalid"] == "true"
    assert form.select(".utrecht-form-field--invalid")


def test_the_browsers_invalid_state_alone_is_not_styled_as_an_error():
    css = Path(finders.find("css/theme.css")).read_text()
    rule = re.search(r"([^{}]*):invalid:not\(\[aria-invalid=\"true\"\]\)\s*\{([^}]*)\}", css)
    assert rule is not None
    assert "utrecht-textarea--html-textarea" in rule.group(1)
    assert (
        "--utrecht-form-control-invalid-border-color: var(--utrecht-form-control-border-color)"
        in rule.group(2)
    )
