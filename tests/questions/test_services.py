"""The rules of the exchange, exercised through the services every view and the API call."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from exchange.questions import services
from exchange.questions.models import Answer, Follow, Question, Revision, Vote
from tests.factories import MemberFactory
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(asker):
    return services.question_create(
        author=asker, title="Wie heeft ervaring met sleutelfiguren?", body=""
    )


@pytest.fixture
def answer(question, answerer):
    return services.answer_post(author=answerer, question=question, body="Wij wel, bel gerust.")


# -- asking and answering -------------------------------------------------------------------


def test_asking_renders_markdown_and_the_asker_follows(asker):
    question = services.question_create(
        author=asker, title="  Aanpak polarisatie op school  ", body="Wat werkt **echt**?"
    )
    assert question.title == "Aanpak polarisatie op school"
    assert question.body_html == "<p>Wat werkt <strong>echt</strong>?</p>"
    assert question.municipality == asker.profile.municipality
    assert Follow.objects.filter(user=asker, question=question).exists()


def test_answering_counts_and_renders_markdown(question, answerer):
    answer = services.answer_post(author=answerer, question=question, body="- een\n- twee")
    question.refresh_from_db()
    assert question.answer_count == 1
    assert "<ul>" in answer.body_html and "<li>een</li>" in answer.body_html
    assert answer.municipality == answerer.profile.municipality
    assert Follow.objects.filter(user=answerer, question=question).exists()


def test_empty_answer_is_refused(question, answerer):
    with pytest.raises(ValidationError):
        services.answer_post(author=answerer, question=question, body="   ")
    assert not Answer.objects.exists()


@pytest.mark.parametrize("status", ["pending", "suspended", "rejected"])
def test_unverified_members_cannot_ask_or_answer(status, municipality, question):
    user = MemberFactory(profile__status=status, profile__municipality=municipality)
    with pytest.raises(PermissionDenied):
        services.question_create(author=user, title="Mag ik iets vragen?", body="")
    with pytest.raises(PermissionDenied):
        services.answer_post(author=user, question=question, body="Mijn antwoord")
    assert Question.objects.count() == 1
    assert not Answer.objects.exists()


def test_inactive_member_cannot_post(member, question):
    member.is_active = False
    member.save()
    with pytest.raises(PermissionDenied):
        services.answer_post(author=member, question=question, body="Nog een antwoord")


def test_member_cannot_answer_a_question_they_may_not_see(asker, other_member):
    restricted = make_question(author=asker, visibility="restricted")
    with pytest.raises(PermissionDenied):
        services.answer_post(author=other_member, question=restricted, body="Toch antwoorden")


def test_closed_question_takes_no_answers(question, asker, answerer):
    services.question_close(actor=asker, question=question, reason="resolved")
    with pytest.raises(PermissionDenied, match="gesloten"):
        services.answer_post(author=answerer, question=question, body="Te laat")
    assert not Answer.objects.exists()


def test_locked_question_takes_no_answers(question, moderator, answerer):
    services.question_lock(actor=moderator, question=question)
    with pytest.raises(PermissionDenied):
        services.answer_post(author=answerer, question=question, body="Te laat")
    assert not Answer.objects.exists()


# -- accepting ------------------------------------------------------------------------------


def test_only_the_asker_or_a_moderator_accepts(answer, asker, member, moderator):
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=member, answer=answer)
    answer.refresh_from_db()
    assert not answer.accepted
    services.answer_accept(actor=asker, answer=answer)
    answer.refresh_from_db()
    assert answer.accepted and answer.accepted_by == asker
    services.answer_accept(actor=moderator, answer=answer, accepted=False)
    answer.refresh_from_db()
    assert not answer.accepted


def test_the_answerer_cannot_accept_their_own_answer(answer, answerer):
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=answerer, answer=answer)


def test_several_answers_can_be_accepted_and_the_question_becomes_answered(
    question, asker, answerer, moderator
):
    first = services.answer_post(author=answerer, question=question, body="Eerste antwoord")
    second = services.answer_post(author=moderator, question=question, body="Tweede antwoord")
    services.answer_accept(actor=asker, answer=first)
    services.answer_accept(actor=asker, answer=second)
    assert question.answers.filter(accepted=True).count() == 2
    question.refresh_from_db()
    assert question.status == "answered"
    services.answer_accept(actor=asker, answer=first, accepted=False)
    question.refresh_from_db()
    assert question.status == "answered"
    services.answer_accept(actor=asker, answer=second, accepted=False)
    question.refresh_from_db()
    assert question.status == "open"


# -- voting ---------------------------------------------------------------------------------


def test_one_helpful_vote_per_member_per_answer(answer, member):
    assert services.vote_helpful(user=member, answer=answer) is True
    assert services.vote_helpful(user=member, answer=answer) is False
    answer.refresh_from_db()
    assert answer.helpful_count == 1
    assert Vote.objects.filter(answer=answer).count() == 1


def test_withdrawing_a_vote_lowers_the_count(answer, member):
    services.vote_helpful(user=member, answer=answer)
    assert services.vote_withdraw(user=member, answer=answer) is True
    assert services.vote_withdraw(user=member, answer=answer) is False
    answer.refresh_from_db()
    assert answer.helpful_count == 0


def test_no_vote_on_own_answer(answer, answerer):
    with pytest.raises(PermissionDenied):
        services.vote_helpful(user=answerer, answer=answer)
    answer.refresh_from_db()
    assert answer.helpful_count == 0


def test_pending_member_cannot_vote(answer, pending_member):
    with pytest.raises(PermissionDenied):
        services.vote_helpful(user=pending_member, answer=answer)


# -- closing, duplicates, locking -----------------------------------------------------------


def test_asker_closes_with_a_reason_and_it_is_logged(question, asker):
    with pytest.raises(ValidationError):
        services.question_close(actor=asker, question=question, reason="zomaar")
    services.question_close(actor=asker, question=question, reason="outdated")
    question.refresh_from_db()
    assert (question.status, question.closed_reason) == ("closed", "outdated")
    entry = ModelLogEntry.objects.get(action="kennisnetwerk.question.close")
    assert entry.user == asker
    assert str(log_registry.get_action_label(entry.action)) == "Vraag gesloten"


def test_other_member_cannot_close(question, member):
    with pytest.raises(PermissionDenied):
        services.question_close(actor=member, question=question, reason="resolved")


def test_only_a_moderator_reopens(question, asker, moderator, answerer):
    answer = services.answer_post(author=answerer, question=question, body="Antwoord")
    services.answer_accept(actor=asker, answer=answer)
    services.question_close(actor=asker, question=question, reason="resolved")
    with pytest.raises(PermissionDenied):
        services.question_reopen(actor=asker, question=question)
    services.question_reopen(actor=moderator, question=question)
    question.refresh_from_db()
    assert question.status == "answered"


def test_duplicate_points_to_a_visible_question(question, asker, other_member):
    original = make_question(author=asker, title="Eerdere vraag over sleutelfiguren")
    services.question_mark_duplicate(actor=asker, question=question, original=original)
    question.refresh_from_db()
    assert question.status == "closed"
    assert question.closed_reason == "duplicate"
    assert question.duplicate_of == original


def test_duplicate_of_a_restricted_question_of_another_municipality_is_refused(
    question, asker, other_member
):
    hidden_from_asker = make_question(
        author=other_member, title="Alleen voor Zwolle", visibility="restricted"
    )
    with pytest.raises(ValidationError):
        services.question_mark_duplicate(actor=asker, question=question, original=hidden_from_asker)
    question.refresh_from_db()
    assert question.status == "open" and question.duplicate_of is None


def test_a_question_is_no_duplicate_of_itself(question, asker):
    with pytest.raises(ValidationError):
        services.question_mark_duplicate(actor=asker, question=question, original=question)


def test_only_moderators_lock(question, asker, moderator):
    with pytest.raises(PermissionDenied):
        services.question_lock(actor=asker, question=question)
    services.question_lock(actor=moderator, question=question)
    question.refresh_from_db()
    assert question.locked
    services.question_lock(actor=moderator, question=question, locked=False)
    question.refresh_from_db()
    assert not question.locked


# -- rate limits ----------------------------------------------------------------------------


def test_rate_limits_hold(settings, asker, answerer):
    settings.QUESTION_RATE_LIMITS = {"question": (2, 3600), "answer": (2, 3600)}
    first = services.question_create(author=asker, title="Eerste vraag", body="")
    services.question_create(author=asker, title="Tweede vraag", body="")
    with pytest.raises(PermissionDenied, match="maximum"):
        services.question_create(author=asker, title="Derde vraag", body="")
    assert Question.objects.filter(author=asker).count() == 2

    services.answer_post(author=answerer, question=first, body="Een")
    services.answer_post(author=answerer, question=first, body="Twee")
    with pytest.raises(PermissionDenied, match="maximum"):
        services.answer_post(author=answerer, question=first, body="Drie")
    assert first.answers.count() == 2


def test_rate_limits_are_per_member(settings, asker, member):
    settings.QUESTION_RATE_LIMITS = {"question": (1, 3600), "answer": (1, 3600)}
    services.question_create(author=asker, title="Vraag van de een", body="")
    services.question_create(author=member, title="Vraag van de ander", body="")
    assert Question.objects.count() == 2


# -- editing --------------------------------------------------------------------------------


def test_editing_a_question_keeps_the_old_text_and_renders_markdown(question, asker):
    services.question_update(
        editor=asker,
        question=question,
        title="Wie werkt met sleutelfiguren in de wijk?",
        body="Nu met *toelichting*.",
        reason="verduidelijkt",
    )
    question.refresh_from_db()
    revision = Revision.objects.get(question=question)
    assert revision.title_before == "Wie heeft ervaring met sleutelfiguren?"
    assert revision.body_before == ""
    assert revision.editor == asker and revision.reason == "verduidelijkt"
    assert question.body_html == "<p>Nu met <em>toelichting</em>.</p>"


def test_editing_an_answer_keeps_the_old_text(answer, answerer):
    services.answer_update(editor=answerer, answer=answer, body="Nieuw: **vet**")
    answer.refresh_from_db()
    assert Revision.objects.get(answer=answer).body_before == "Wij wel, bel gerust."
    assert answer.body_html == "<p>Nieuw: <strong>vet</strong></p>"


def test_only_the_author_or_a_moderator_edits(question, answer, member, moderator):
    with pytest.raises(PermissionDenied):
        services.question_update(editor=member, question=question, title="Gekaapt", body="")
    with pytest.raises(PermissionDenied):
        services.answer_update(editor=member, answer=answer, body="Gekaapt")
    services.answer_update(editor=moderator, answer=answer, body="Ingekort door moderator")
    assert not Revision.objects.filter(editor=member).exists()


def test_following_a_question_one_may_not_see_is_refused(asker, other_member):
    restricted = make_question(author=asker, visibility="restricted")
    with pytest.raises(PermissionDenied):
        services.follow(user=other_member, question=restricted)
    assert not Follow.objects.filter(user=other_member).exists()
