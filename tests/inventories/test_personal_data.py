"""A member's data export holds the answers they gave for their municipality, and only theirs."""

import json

import pytest

from exchange.inventories.models import AnswerChange
from tests.factories import MemberFactory
from tests.inventories.conftest import answer_all

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_answers_the_member_changed(
    client_as, member, municipality, questionnaire
):
    response = answer_all(questionnaire, municipality)
    colleague = MemberFactory(profile__municipality=municipality)
    question = questionnaire.questions.get(code="zorg")
    AnswerChange.objects.create(
        response=response, question=question, changed_by=member, old_value="", new_value="Onrust"
    )
    AnswerChange.objects.create(
        response=response, question=question, changed_by=colleague, new_value="Iets anders"
    )

    page = client_as(member).get("/account/mijn-gegevens/").content.decode()
    assert "Antwoorden in inventarisaties" in page
    assert "Onrust" in page
    assert "Iets anders" not in page

    download = client_as(member).get("/account/mijn-gegevens/", {"formaat": "json"})
    changes = json.loads(download.content)["inventory_answer_changes"]
    assert [c["new_value"] for c in changes] == ["Onrust"]
    assert changes[0]["question"] == "zorg"
