"""Questions cannot change in a way that breaks earlier answers; a new round can."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from exchange.inventories import services
from exchange.inventories.models import Kind, Question, Questionnaire, Response
from exchange.inventories.quickscan import SLUG, quickscan_ensure

from .conftest import answer_all


def admin_data(questionnaire, **changes):
    """The admin edit form's POST data for `questionnaire` as it is, with `changes` per code."""
    data = {
        "title": questionnaire.title,
        "slug": questionnaire.slug,
        "introduction": questionnaire.introduction,
        "audience": questionnaire.audience,
        "opens_on": questionnaire.opens_on.isoformat(),
        "closes_on": questionnaire.closes_on.isoformat(),
        "previous_round": "",
        "round_number": questionnaire.round_number,
    }
    questions = list(questionnaire.questions.all())
    data.update(
        {
            "questions-TOTAL_FORMS": len(questions),
            "questions-INITIAL_FORMS": len(questions),
            "questions-MIN_NUM_FORMS": 0,
            "questions-MAX_NUM_FORMS": 1000,
        }
    )
    for n, question in enumerate(questions):
        fields = {
            "id": question.pk,
            "ORDER": n + 1,
            "section": question.section,
            "code": question.code,
            "text": question.text,
            "help_text": question.help_text,
            "kind": question.kind,
            "choices": question.choices,
            "scale_low": question.scale_low,
            "scale_high": question.scale_high,
            "unit": question.unit,
            "theme": "",
            "dimension": question.dimension,
        }
        if question.required:
            fields["required"] = "on"
        fields.update(changes.get(question.code, {}))
        for name, value in fields.items():
            if value is not None:
                data[f"questions-{n}-{name}"] = value
    return data


def edit(client, questionnaire, data):
    url = reverse("wagtailsnippets_inventories_questionnaire:edit", args=[questionnaire.pk])
    return client.post(url, data)


@pytest.fixture
def answered(questionnaire, municipality):
    answer_all(questionnaire, municipality)
    return questionnaire


def test_without_responses_anything_may_change(questionnaire, moderator, client_as):
    client = client_as(moderator)
    response = edit(
        client, questionnaire, admin_data(questionnaire, netwerk={"kind": Kind.MULTIPLE})
    )
    assert response.status_code == 302
    assert questionnaire.questions.get(code="netwerk").kind == Kind.MULTIPLE


def test_rewording_a_question_with_answers_is_fine(answered, moderator, client_as):
    client = client_as(moderator)
    response = edit(
        client, answered, admin_data(answered, netwerk={"text": "Is er al een netwerk?"})
    )
    assert response.status_code == 302
    assert answered.questions.get(code="netwerk").text == "Is er al een netwerk?"


@pytest.mark.parametrize(
    "changes",
    [
        {"netwerk": {"kind": Kind.MULTIPLE}},
        {"netwerk": {"choices": "Ja\nMisschien"}},
        {"fte": {"code": "formatie"}},
        {"fte": {"required": "on"}},
        {"fte": {"DELETE": "on"}},
    ],
    ids=["kind", "choice removed", "code", "made required", "answered question deleted"],
)
def test_a_change_that_breaks_answers_is_refused_in_dutch(answered, moderator, client_as, changes):
    client = client_as(moderator)
    before = list(answered.questions.values_list("code", "kind", "choices", "required"))
    response = edit(client, answered, admin_data(answered, **changes))
    assert response.status_code == 200
    assert "Begin een nieuwe ronde" in response.content.decode()
    assert list(answered.questions.values_list("code", "kind", "choices", "required")) == before


def test_adding_a_choice_is_fine_once_answered(answered):
    question = answered.questions.get(code="netwerk")
    changed = Question.objects.get(pk=question.pk)
    changed.choices = "Ja\nNee\nGedeeltelijk"
    assert (
        services.questionnaire_change_problems(
            answered, list(answered.questions.exclude(pk=question.pk)) + [changed]
        )
        == []
    )


def test_a_new_round_copies_the_questions_and_links_the_rounds(answered, moderator, client_as):
    client = client_as(moderator)
    response = client.post(reverse("inventory_new_round", args=[answered.slug]))
    new = Questionnaire.objects.get(previous_round=answered)
    assert response.status_code == 302
    assert new.round_number == 2
    assert list(new.questions.values_list("code", flat=True)) == list(
        answered.questions.values_list("code", flat=True)
    )
    assert not new.responses.exists()
    # In the new round the questions are free to change.
    assert services.questionnaire_change_problems(new, []) == []


def test_members_cannot_start_a_new_round(answered, member, client_as):
    response = client_as(member).post(reverse("inventory_new_round", args=[answered.slug]))
    assert response.status_code == 403
    assert not Questionnaire.objects.filter(previous_round=answered).exists()


def test_create_quickscan_is_idempotent(db):
    call_command("create_quickscan")
    call_command("create_quickscan")
    questionnaire = Questionnaire.objects.get(slug=SLUG)
    assert 18 <= questionnaire.questions.count() <= 25
    kinds = set(questionnaire.questions.values_list("kind", flat=True))
    assert kinds == set(Kind.values)
    assert questionnaire.questions.filter(unit="FTE").count() >= 2
    assert quickscan_ensure()[1] is False


def test_the_demo_seed_answers_for_about_a_hundred_municipalities_deterministically(db):
    from exchange.inventories.demo import quickscan_demo_seed
    from tests.factories import MunicipalityFactory

    for n in range(120):
        MunicipalityFactory(code=f"GM7{n:03d}", population=1000 * (n + 1))
    assert quickscan_demo_seed(count=100) == 100
    first = sorted(Response.objects.values_list("municipality__code", flat=True))
    assert quickscan_demo_seed(count=100) == 0  # idempotent
    Response.objects.all().delete()
    quickscan_demo_seed(count=100)
    assert sorted(Response.objects.values_list("municipality__code", flat=True)) == first
