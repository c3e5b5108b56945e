"""Members report questions and answers; enough distinct reports hide a post for review."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.moderation import services
from exchange.moderation.models import Report, ReportStatus
from exchange.questions.models import Answer, Question
from exchange.questions.selectors import visible_answers

pytestmark = pytest.mark.django_db


def report_url(kind, pk):
    return reverse("report_create", kwargs={"kind": kind, "pk": pk})


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# -- the report form ------------------------------------------------------------------------


def test_member_reports_a_question_and_returns_to_it_with_thanks(client_as, other_member, question):
    client = client_as(other_member)
    page = client.get(report_url("question", question.pk))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'type="radio"' in content and "persoonsgegevens over een casus of persoon" in content
    assert question.title in content

    response = client.post(
        report_url("question", question.pk), {"reason": "personal_data", "text": "Naam genoemd."}
    )
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    report = Report.objects.get()
    assert (report.reporter, report.question, report.answer) == (other_member, question, None)
    assert report.reason == "personal_data" and report.text == "Naam genoemd."
    assert report.status == ReportStatus.OPEN
    assert any("Bedankt voor uw melding" in m for m in messages_of(response))


def test_member_reports_an_answer(client_as, member, answer):
    response = client_as(member).post(report_url("answer", answer.pk), {"reason": "spam"})
    assert response["Location"] == answer.get_absolute_url()
    assert Report.objects.get().answer == answer


def test_pending_member_may_report_public_content(client_as, pending_member, question):
    response = client_as(pending_member).post(
        report_url("question", question.pk), {"reason": "spam"}
    )
    assert response.status_code == 302
    assert Report.objects.filter(reporter=pending_member).exists()


def test_anonymous_visitor_is_sent_to_log_in(client, question):
    response = client.get(report_url("question", question.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.post(report_url("question", question.pk), {"reason": "spam"})
    assert not Report.objects.exists()


def test_a_post_the_member_cannot_see_is_not_found(
    client_as, pending_member, members_only_question
):
    client = client_as(pending_member)
    url = report_url("question", members_only_question.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_hidden_answer_is_not_found_for_members(client_as, member, answer):
    Answer.objects.filter(pk=answer.pk).update(hidden=True)
    assert client_as(member).get(report_url("answer", answer.pk)).status_code == 404


@pytest.mark.parametrize("kind", ["vraag", "practice", "Question"])
def test_unknown_kind_is_not_found(client_as, other_member, question, kind):
    assert client_as(other_member).get(report_url(kind, question.pk)).status_code == 404


def test_unknown_post_is_not_found(client_as, other_member):
    assert client_as(other_member).get(report_url("question", 999999)).status_code == 404


@pytest.mark.parametrize(
    "data",
    [{}, {"reason": "boos"}, {"reason": "other"}, {"reason": "other", "text": "   "}],
    ids=["no reason", "invalid reason", "other without text", "other with blank text"],
)
def test_bad_input_shows_errors_and_creates_nothing(client_as, other_member, question, data):
    response = client_as(other_member).post(report_url("question", question.pk), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Controleer de gemarkeerde velden" in content
    assert 'aria-invalid="true"' in content or "utrecht-form-fieldset--invalid" in content
    assert not Report.objects.exists()


def test_other_with_text_is_accepted(client_as, other_member, question):
    client_as(other_member).post(
        report_url("question", question.pk), {"reason": "other", "text": "Klopt niet."}
    )
    assert Report.objects.get().text == "Klopt niet."


def test_text_longer_than_1000_characters_is_refused(client_as, other_member, question):
    response = client_as(other_member).post(
        report_url("question", question.pk), {"reason": "other", "text": "x" * 1001}
    )
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_reporting_again_shows_a_friendly_message(client_as, other_member, question):
    client = client_as(other_member)
    url = report_url("question", question.pk)
    client.post(url, {"reason": "spam"})
    for response in (client.get(url), client.post(url, {"reason": "offensive"})):
        assert response.status_code == 302
        assert any("al gemeld" in m for m in messages_of(response))
    assert Report.objects.count() == 1


def test_members_cannot_report_their_own_post(client_as, member, question):
    response = client_as(member).post(report_url("question", question.pk), {"reason": "spam"})
    assert response.status_code == 302
    assert not Report.objects.exists()
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=member, question=question, reason="spam")


def test_service_validates_reason_and_text(other_member, question):
    for reason, text in (("boos", ""), ("other", ""), ("spam", "x" * 1001)):
        with pytest.raises(ValidationError):
            services.report_create(
                reporter=other_member, question=question, reason=reason, text=text
            )
    assert not Report.objects.exists()


def test_service_needs_exactly_one_post(other_member, question, answer):
    with pytest.raises(ValidationError):
        services.report_create(reporter=other_member, reason="spam")
    with pytest.raises(ValidationError):
        services.report_create(
            reporter=other_member, question=question, answer=answer, reason="spam"
        )


# -- hiding after reports -------------------------------------------------------------------


def test_three_distinct_members_hide_a_question(reporters, question, other_member, client_as):
    for reporter in reporters[:2]:
        services.report_create(reporter=reporter, question=question, reason="spam")
    question.refresh_from_db()
    assert not question.hidden
    assert question.is_visible_to(other_member)

    services.report_create(reporter=reporters[2], question=question, reason="offensive")
    question.refresh_from_db()
    assert question.hidden
    assert not question.is_visible_to(other_member)
    entry = ModelLogEntry.objects.get(action="kennisnetwerk.post.auto_hide")
    assert entry.object_id == str(question.pk) and entry.user is None
    # Pending review, still listed for moderators with all three reports open.
    assert Report.objects.filter(question=question, status=ReportStatus.OPEN).count() == 3


def test_the_same_member_reporting_three_times_does_not_hide(other_member, question):
    services.report_create(reporter=other_member, question=question, reason="spam")
    for _attempt in range(2):
        with pytest.raises(ValidationError):
            services.report_create(reporter=other_member, question=question, reason="spam")
    question.refresh_from_db()
    assert not question.hidden
    assert Report.objects.count() == 1


def test_the_third_report_via_the_form_sends_the_reporter_away_from_the_hidden_question(
    client_as, reporters, question
):
    for reporter in reporters[:2]:
        services.report_create(reporter=reporter, question=question, reason="spam")
    response = client_as(reporters[2]).post(report_url("question", question.pk), {"reason": "spam"})
    assert response["Location"] == reverse("question_list")
    assert Question.objects.get(pk=question.pk).hidden


def test_three_reports_hide_an_answer_from_members_but_not_moderators(
    reporters, answer, member, moderator
):
    for reporter in reporters:
        services.report_create(reporter=reporter, answer=answer, reason="off_topic")
    answer.refresh_from_db()
    assert answer.hidden
    question = answer.question
    assert answer not in visible_answers(member, question)
    assert answer in visible_answers(moderator, question)


def test_hidden_question_disappears_from_its_page_for_members(
    client_as, reporters, question, other_member
):
    client = client_as(other_member)
    assert client.get(question.get_absolute_url()).status_code == 200
    for reporter in reporters:
        services.report_create(reporter=reporter, question=question, reason="spam")
    assert client.get(question.get_absolute_url()).status_code == 404


def test_hiding_tells_the_search_index(
    reporters, question, django_capture_on_commit_callbacks, monkeypatch
):
    changed = []
    monkeypatch.setattr(
        "exchange.questions.events.content_changed",
        lambda *, question_id: changed.append(question_id),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in reporters:
            services.report_create(reporter=reporter, question=question, reason="spam")
    assert changed == [question.pk]
