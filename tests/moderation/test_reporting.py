"""Members report questions and answers; enough distinct reports hide a post for review."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from exchange.moderation import services
from exchange.moderation.models import Report, ReportStatus
from exchange.moderation.services import reporter_weight
from exchange.questions import services as question_services
from exchange.questions.models import Answer, Question
from exchange.questions.selectors import visible_answers
from tests.factories import MemberFactory

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


def test_pending_member_is_refused_with_a_reason_and_creates_nothing(
    client_as, pending_member, question
):
    client = client_as(pending_member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert report_url("question", question.pk) not in page  # no "Melden" link offered

    for response in (
        client.get(report_url("question", question.pk)),
        client.post(report_url("question", question.pk), {"reason": "spam"}),
    ):
        assert response.status_code == 302
        assert response["Location"] == question.get_absolute_url()
        assert any("Alleen geverifieerde leden" in m for m in messages_of(response))
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=pending_member, question=question, reason="spam")
    assert not Report.objects.exists()


def test_suspended_member_cannot_report(member, other_member, moderator, question):
    from exchange.accounts.services import member_suspend

    member_suspend(actor=moderator, profile=other_member.profile, reason="Spam")
    with pytest.raises(PermissionDenied):
        services.report_create(reporter=other_member, question=question, reason="spam")
    assert not Report.objects.exists()


def test_verified_members_are_offered_the_report_link(client_as, other_member, answer):
    page = client_as(other_member).get(answer.question.get_absolute_url()).content.decode()
    assert report_url("question", answer.question_id) in page
    assert report_url("answer", answer.pk) in page


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


# -- whose reports count --------------------------------------------------------------------


def joined_days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def report_by_each(reporters, question):
    for reporter in reporters:
        services.report_create(reporter=reporter, question=question, reason="spam")
    question.refresh_from_db()
    return question


def test_three_pending_accounts_cannot_hide_a_post(question, other_member):
    # Sign-ups from any domain that nobody vetted: none of them can report.
    strangers = MemberFactory.create_batch(
        3, profile__status="pending", profile__municipality=None, date_joined=joined_days_ago(90)
    )
    for stranger in strangers:
        with pytest.raises(PermissionDenied):
            services.report_create(reporter=stranger, question=question, reason="spam")
    question.refresh_from_db()
    assert not question.hidden
    assert question.is_visible_to(other_member)
    assert not Report.objects.exists()


def test_three_brand_new_members_do_not_hide_a_post_but_established_ones_do(
    question, municipality, settings
):
    settings.MODERATION_AUTO_HIDE_THRESHOLD = 3
    newcomers = MemberFactory.create_batch(3, profile__municipality=municipality)
    assert not report_by_each(newcomers, question).hidden  # 3 x 1/2

    # Three more newcomers make six halves: enough.
    assert report_by_each(MemberFactory.create_batch(3), question).hidden

    other_question = question_services.question_create(
        author=question.author, title="Een tweede vraag", body="Tekst", visibility="public"
    )
    established = MemberFactory.create_batch(3, date_joined=joined_days_ago(30))
    assert report_by_each(established, other_question).hidden


def test_a_new_member_with_an_upheld_earlier_report_counts_fully(
    question, member, moderator, municipality, reporters
):
    newcomer, upheld_newcomer = MemberFactory.create_batch(2, profile__municipality=municipality)
    earlier = question_services.question_create(
        author=member, title="Een eerder gemelde vraag", body="Tekst", visibility="public"
    )
    services.report_create(reporter=upheld_newcomer, question=earlier, reason="spam")
    services.post_hide(actor=moderator, post=earlier, reason="Spam")  # the report is upheld
    other_question = question_services.question_create(
        author=member, title="Een tweede vraag", body="Tekst", visibility="public"
    )

    # Two established members and a brand-new one: 1 + 1 + 1/2 stays below three.
    assert not report_by_each([*reporters[:2], newcomer], question).hidden
    # The same with a newcomer whose earlier report was upheld: 1 + 1 + 1 hides.
    assert report_by_each([*reporters[:2], upheld_newcomer], other_question).hidden
    entry = ModelLogEntry.objects.get(action="kennisnetwerk.post.auto_hide")
    assert entry.object_id == str(other_question.pk)
    assert entry.data == {"reporters": 3, "weight": 3.0}


def test_a_report_weighs_half_for_new_members_fully_for_established_ones_and_not_unvetted(
    member, pending_member
):
    now = timezone.now()
    assert reporter_weight(member, has_upheld_report=False, now=now) == 0.5
    assert reporter_weight(member, has_upheld_report=True, now=now) == 1.0
    member.date_joined = now - datetime.timedelta(days=30)
    assert reporter_weight(member, has_upheld_report=False, now=now) == 1.0
    pending_member.date_joined = now - datetime.timedelta(days=365)
    assert reporter_weight(pending_member, has_upheld_report=True, now=now) == 0.0


def test_moderators_see_who_reported_with_municipality_and_reason(
    client_as, moderator, question, other_member
):
    services.report_create(
        reporter=other_member, question=question, reason="other", text="Klopt niet."
    )
    content = " ".join(client_as(moderator).get("/beheer/meldingen/").content.decode().split())
    assert f"{escape(other_member.get_full_name())} (Gemeente Zwolle)" in content
    assert "anders" in content and "Klopt niet." in content
