"""Responding: one shared response per municipality, verified members only, open rounds only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from exchange.inventories import services
from exchange.inventories.models import Audience, Response
from tests.factories import MemberFactory

from .conftest import make_questionnaire


def q(questionnaire, code):
    return questionnaire.questions.get(code=code)


def test_colleagues_of_one_municipality_share_one_response_with_history(
    questionnaire, member, municipality
):
    colleague = MemberFactory(profile__municipality=municipality)
    services.response_save_answers(
        user=member, questionnaire=questionnaire, values={q(questionnaire, "fte"): 1.5}
    )
    services.response_save_answers(
        user=colleague, questionnaire=questionnaire, values={q(questionnaire, "fte"): 2.0}
    )
    response = Response.objects.get()
    assert response.municipality == municipality and response.member is None
    assert response.answers.get().value == 2.0
    history = list(response.changes.order_by("changed_at", "pk"))
    assert [(c.changed_by, c.old_value, c.new_value) for c in history] == [
        (member, None, 1.5),
        (colleague, 1.5, 2.0),
    ]


def test_the_database_holds_one_response_per_municipality(questionnaire, municipality):
    Response.objects.create(questionnaire=questionnaire, municipality=municipality)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(questionnaire=questionnaire, municipality=municipality)


def test_a_member_of_another_municipality_works_on_their_own_response(
    questionnaire, member, other_member
):
    services.response_save_answers(
        user=member, questionnaire=questionnaire, values={q(questionnaire, "fte"): 1}
    )
    services.response_save_answers(
        user=other_member, questionnaire=questionnaire, values={q(questionnaire, "fte"): 9}
    )
    assert Response.objects.count() == 2
    mine = Response.objects.get(municipality=member.profile.municipality)
    assert mine.answers.get().value == 1


def test_a_pending_member_cannot_answer(questionnaire, pending_member):
    with pytest.raises(PermissionDenied):
        services.response_save_answers(
            user=pending_member, questionnaire=questionnaire, values={q(questionnaire, "fte"): 1}
        )
    assert not Response.objects.exists()


def test_a_moderator_without_a_municipality_cannot_answer_for_one(questionnaire, moderator):
    moderator.profile.municipality = None
    moderator.profile.save()
    with pytest.raises(PermissionDenied):
        services.response_get_or_create(user=moderator, questionnaire=questionnaire)


def test_a_closed_questionnaire_takes_no_answers(closed_questionnaire, member):
    with pytest.raises(PermissionDenied, match="gesloten"):
        services.response_save_answers(
            user=member,
            questionnaire=closed_questionnaire,
            values={q(closed_questionnaire, "fte"): 1},
        )
    assert not Response.objects.exists()


def test_a_questionnaire_not_yet_open_takes_no_answers(db, member):
    later = make_questionnaire(slug="later", opens=3, closes=10)
    with pytest.raises(PermissionDenied, match="nog niet open"):
        services.response_get_or_create(user=member, questionnaire=later)


def test_submitting_needs_the_required_questions(questionnaire, member):
    services.response_save_answers(
        user=member, questionnaire=questionnaire, values={q(questionnaire, "netwerk"): "Ja"}
    )
    with pytest.raises(ValidationError, match="verplichte"):
        services.response_submit(user=member, questionnaire=questionnaire)
    services.response_save_answers(
        user=member, questionnaire=questionnaire, values={q(questionnaire, "voldoende"): 4}
    )
    response = services.response_submit(user=member, questionnaire=questionnaire)
    assert response.is_submitted and response.submitted_by == member


def test_per_member_questionnaires_give_each_member_a_response(db, municipality):
    questionnaire = make_questionnaire(slug="leden")
    questionnaire.audience = Audience.MEMBERS
    questionnaire.save()
    first = MemberFactory(profile__municipality=municipality)
    second = MemberFactory(profile__municipality=municipality)
    for user in (first, second):
        services.response_save_answers(
            user=user, questionnaire=questionnaire, values={q(questionnaire, "fte"): 1}
        )
    assert Response.objects.filter(member__isnull=False).count() == 2
    partner = MemberFactory(profile__municipality=None, profile__organisation="Welzijn")
    with pytest.raises(PermissionDenied):
        services.response_get_or_create(user=partner, questionnaire=questionnaire)
    questionnaire.audience = Audience.MEMBERS_AND_PARTNERS
    questionnaire.save()
    assert (
        services.response_get_or_create(user=partner, questionnaire=questionnaire).member == partner
    )


def test_a_question_of_another_questionnaire_is_refused_and_nothing_is_saved(questionnaire, member):
    other = make_questionnaire(slug="ander")
    with pytest.raises(ValidationError):
        services.response_save_answers(
            user=member,
            questionnaire=questionnaire,
            values={q(questionnaire, "fte"): 1, q(other, "fte"): 2},
        )
    assert not Response.objects.filter(answers__isnull=False).exists()
