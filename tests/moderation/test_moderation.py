"""Moderators settle reports in the Wagtail admin; every action leaves an audit trail."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.accounts.models import Profile
from exchange.moderation import services
from exchange.moderation.models import Report, ReportStatus
from exchange.questions import services as question_services
from exchange.questions.models import Answer, Question, Revision
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

QUEUE = "/beheer/meldingen/"


@pytest.fixture
def reported_question(question, other_member):
    services.report_create(
        reporter=other_member, question=question, reason="other", text="Oude discussie."
    )
    services.report_create(reporter=MemberFactory(), question=question, reason="spam")
    return question


@pytest.fixture
def reported_answer(answer, member):
    services.report_create(
        reporter=member, answer=answer, reason="personal_data", text="Noemt een jongere bij naam."
    )
    return answer


def act(client, post, action, **data):
    kind = "question" if isinstance(post, Question) else "answer"
    return client.post(
        reverse("kn_reports:action", kwargs={"kind": kind, "pk": post.pk}),
        {"action": action, **data},
    )


def open_reports(post):
    field = "question" if isinstance(post, Question) else "answer"
    return Report.objects.filter(**{field: post}, status=ReportStatus.OPEN)


def log_entry(action, post=None):
    entries = ModelLogEntry.objects.filter(action=action)
    if post is not None:
        entries = entries.filter(object_id=str(post.pk))
    return entries.get()


# -- the queue ------------------------------------------------------------------------------


def test_queue_lists_open_reports_grouped_per_post(
    client_as, moderator, reported_question, reported_answer, member
):
    assert reverse("kn_reports:index") == QUEUE
    response = client_as(moderator).get(QUEUE)
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count(f'id="post-question-{reported_question.pk}"') == 1
    assert f'id="post-answer-{reported_answer.pk}"' in content
    assert "Oude discussie." in content and "Noemt een jongere bij naam." in content
    assert "anders: 1" in content and "spam: 1" in content
    assert "Gemeld door 2 leden" in content and "Gemeld door 1 lid" in content
    assert "Bij ons werkte een vast overleg." in content  # the reported answer's text
    assert member.email in content  # the question's author
    assert "Utrecht" in content  # the author's municipality
    assert 'name="csrfmiddlewaretoken"' in content


def test_queue_runs_a_fixed_number_of_queries(
    client_as, moderator, reported_question, reported_answer, django_assert_max_num_queries
):
    client = client_as(moderator)
    client.get(QUEUE)
    with django_assert_max_num_queries(40) as small:
        client.get(QUEUE)
    for reporter_number in range(5):
        question = question_services.question_create(
            author=moderator, title=f"Nog een vraag {reporter_number}", body="Tekst"
        )
        services.report_create(reporter=reported_question.author, question=question, reason="spam")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(QUEUE)


def test_queue_names_an_anonymised_author_without_the_placeholder_address(
    client_as, moderator, reported_question, member, django_capture_on_commit_callbacks
):
    from exchange.accounts.services import member_anonymise

    with django_capture_on_commit_callbacks(execute=True):
        member_anonymise(user=member, actor=member, reason="account_deleted")
    content = client_as(moderator).get(QUEUE).content.decode()
    assert "voormalig lid van Utrecht — account verwijderd" in " ".join(content.split())
    assert "verwijderd.invalid" not in content
    # Nobody is left to warn or suspend.
    assert 'value="warn"' not in content and 'value="suspend"' not in content
    with pytest.raises(ValidationError):
        services.author_warn(actor=moderator, post=reported_question, message="Let op.")
    assert mail.outbox == []

    member_list = client_as(moderator).get(reverse("kn_members:index") + "?status=verified")
    assert "verwijderd.invalid" not in member_list.content.decode()


def test_menu_item_is_shown_to_moderators(client_as, moderator):
    content = client_as(moderator).get("/beheer/").content.decode()
    assert QUEUE in content


# -- each action ----------------------------------------------------------------------------


def test_dismiss_closes_the_reports_and_leaves_the_post(client_as, moderator, reported_question):
    client = client_as(moderator)
    response = act(client, reported_question, "dismiss", reason="Geen overtreding")
    assert response.status_code == 302
    assert not open_reports(reported_question).exists()
    report = Report.objects.filter(question=reported_question).first()
    assert report.status == ReportStatus.DISMISSED
    assert report.resolved_by == moderator and report.resolved_at is not None
    assert report.resolution_note == "Geen overtreding"
    assert not Question.objects.get(pk=reported_question.pk).hidden
    entry = log_entry("kennisnetwerk.report.dismiss", reported_question)
    assert entry.user == moderator and entry.data["reason"] == "Geen overtreding"
    assert f"post-question-{reported_question.pk}" not in client.get(QUEUE).content.decode()


def test_hide_hides_the_post_and_resolves_its_reports(
    client_as, moderator, reported_question, other_member
):
    client = client_as(moderator)
    act(client, reported_question, "hide", reason="Hoort niet op het forum")
    question = Question.objects.get(pk=reported_question.pk)
    assert question.hidden and not question.is_visible_to(other_member)
    assert not open_reports(question).exists()
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.ACTIONED}
    entry = log_entry("kennisnetwerk.post.hide", question)
    assert entry.user == moderator and entry.data["reason"] == "Hoort niet op het forum"
    assert f"post-question-{question.pk}" not in client.get(QUEUE).content.decode()
    hidden_tab = client.get(QUEUE, {"weergave": "verborgen"}).content.decode()
    assert f"post-question-{question.pk}" in hidden_tab


def test_restore_shows_an_auto_hidden_post_again(client_as, moderator, reporters, answer, member):
    for reporter in reporters:
        services.report_create(reporter=reporter, answer=answer, reason="spam")
    assert Answer.objects.get(pk=answer.pk).hidden
    client = client_as(moderator)
    act(client, answer, "restore", reason="Melding onterecht")
    answer.refresh_from_db()
    assert not answer.hidden
    assert not open_reports(answer).exists()
    assert set(Report.objects.values_list("status", flat=True)) == {ReportStatus.DISMISSED}
    entry = log_entry("kennisnetwerk.post.restore", answer)
    assert entry.user == moderator and entry.data["reason"] == "Melding onterecht"
    assert f"post-answer-{answer.pk}" not in client.get(QUEUE).content.decode()


def test_redact_keeps_a_revision_and_sanitises_the_new_text(client_as, moderator, reported_answer):
    client = client_as(moderator)
    url = reverse("kn_reports:redact", kwargs={"kind": "answer", "pk": reported_answer.pk})
    form = client.get(url)
    assert form.status_code == 200
    assert "Bij ons werkte een vast overleg." in form.content.decode()
    response = client.post(
        url,
        {
            "body": "Bij ons werkte [overleg](javascript:alert(1)) <script>alert(1)</script>.",
            "reason": "Persoonsgegevens verwijderd",
        },
    )
    assert response.status_code == 302
    answer = Answer.objects.get(pk=reported_answer.pk)
    assert "<script" not in answer.body_html and "javascript:" not in answer.body_html
    assert answer.body_markdown.startswith("Bij ons werkte [overleg]")
    revision = Revision.objects.get(answer=answer)
    assert revision.body_before == "Bij ons werkte een vast overleg."
    assert revision.editor == moderator and revision.reason == "Persoonsgegevens verwijderd"
    assert not open_reports(answer).exists()
    entry = log_entry("kennisnetwerk.post.redact", answer)
    assert entry.user == moderator and entry.data["reason"] == "Persoonsgegevens verwijderd"
    assert "vast overleg" not in str(entry.data)  # the old text lives in the Revision only


def test_redact_a_question_title_and_body(moderator, reported_question):
    services.post_redact(
        actor=moderator,
        post=reported_question,
        new_title="Wijkgesprek na onrust",
        new_text="Zonder **namen**.",
        reason="Casus herleidbaar",
    )
    question = Question.objects.get(pk=reported_question.pk)
    assert question.title == "Wijkgesprek na onrust"
    assert question.body_html == "<p>Zonder <strong>namen</strong>.</p>"
    revision = Revision.objects.get(question=question)
    assert revision.title_before == "Hoe organiseren jullie een wijkgesprek na onrust?"


def test_redact_needs_a_reason_and_changes_nothing_without_one(
    client_as, moderator, reported_answer
):
    url = reverse("kn_reports:redact", kwargs={"kind": "answer", "pk": reported_answer.pk})
    response = client_as(moderator).post(url, {"body": "Nieuw", "reason": ""})
    assert response.status_code == 200
    assert Answer.objects.get(pk=reported_answer.pk).body_markdown == (
        "Bij ons werkte een vast overleg."
    )
    assert not Revision.objects.exists()
    assert open_reports(reported_answer).exists()


def test_warn_sends_the_author_one_email(
    client_as, moderator, reported_answer, other_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(client_as(moderator), reported_answer, "warn", message="Noem geen namen van jongeren.")
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [other_member.email]
    assert "Noem geen namen van jongeren." in email.body
    assert "Een moderator van" in email.body and reported_answer.question.title in email.body
    assert reported_answer.get_absolute_url() in email.body
    assert not open_reports(reported_answer).exists()
    entry = log_entry("kennisnetwerk.member.warn")
    assert entry.user == moderator and entry.data["reason"] == "Noem geen namen van jongeren."
    assert entry.object_id == str(other_member.profile.pk)


def test_warn_without_message_sends_nothing(
    client_as, moderator, reported_answer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(client_as(moderator), reported_answer, "warn", message="  ")
    assert mail.outbox == []
    assert open_reports(reported_answer).exists()


def test_suspend_makes_the_author_inactive(client_as, moderator, reported_answer, other_member):
    act(client_as(moderator), reported_answer, "suspend", reason="Herhaaldelijk persoonsgegevens")
    other_member.refresh_from_db()
    assert not other_member.is_active
    assert other_member.profile.status == Profile.Status.SUSPENDED
    assert not open_reports(reported_answer).exists()
    entry = log_entry("kennisnetwerk.member.suspend")
    assert entry.user == moderator and entry.data["reason"] == "Herhaaldelijk persoonsgegevens"


def test_suspend_needs_a_reason(client_as, moderator, reported_answer, other_member):
    act(client_as(moderator), reported_answer, "suspend", reason="")
    other_member.refresh_from_db()
    assert other_member.is_active
    assert open_reports(reported_answer).exists()


def test_bulk_dismiss_of_several_posts(
    client_as, moderator, reported_question, reported_answer, question
):
    client = client_as(moderator)
    response = client.post(
        reverse("kn_reports:bulk_dismiss"),
        {
            "posts": [f"question-{reported_question.pk}", f"answer-{reported_answer.pk}"],
            "reason": "Opgeruimd",
        },
    )
    assert response.status_code == 302
    assert not Report.objects.filter(status=ReportStatus.OPEN).exists()
    assert (
        ModelLogEntry.objects.filter(action="kennisnetwerk.report.dismiss", user=moderator).count()
        == 2
    )
    assert "Er zijn geen open meldingen." in client.get(QUEUE).content.decode()


def test_bulk_dismiss_with_nothing_chosen_changes_nothing(client_as, moderator, reported_question):
    client_as(moderator).post(reverse("kn_reports:bulk_dismiss"), {"posts": ["vraag-1"]})
    assert open_reports(reported_question).count() == 2


def test_unknown_action_changes_nothing(client_as, moderator, reported_question):
    act(client_as(moderator), reported_question, "delete")
    assert open_reports(reported_question).count() == 2


def test_action_on_an_unknown_post_is_not_found(client_as, moderator):
    url = reverse("kn_reports:action", kwargs={"kind": "question", "pk": 999999})
    assert client_as(moderator).post(url, {"action": "hide"}).status_code == 404


# -- only moderators ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "pending_member"])
def test_non_moderators_cannot_reach_the_queue_or_act(
    request, client_as, who, reported_question, reported_answer
):
    client = client_as(request.getfixturevalue(who))
    assert client.get(QUEUE).status_code in (302, 403)
    for action in ("dismiss", "hide", "suspend"):
        assert act(client, reported_question, action, reason="x").status_code in (302, 403)
    redact = reverse("kn_reports:redact", kwargs={"kind": "answer", "pk": reported_answer.pk})
    assert client.post(redact, {"body": "weg", "reason": "x"}).status_code in (302, 403)
    bulk = reverse("kn_reports:bulk_dismiss")
    assert client.post(bulk, {"posts": [f"question-{reported_question.pk}"]}).status_code in (
        302,
        403,
    )
    assert Report.objects.filter(status=ReportStatus.OPEN).count() == 3
    assert not Question.objects.get(pk=reported_question.pk).hidden
    assert Answer.objects.get(pk=reported_answer.pk).body_markdown.startswith("Bij ons")


def test_admin_access_without_the_moderator_role_is_refused(client_as, member, reported_question):
    # Admin access alone (e.g. a practice author's) is not enough to moderate.
    editors, _created = Group.objects.get_or_create(name="Redactie")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    member.groups.add(editors)
    client = client_as(member)
    # Wagtail turns the PermissionDenied into a redirect to the admin home with a message.
    assert client.get(QUEUE)["Location"] == "/beheer/"
    assert act(client, reported_question, "hide")["Location"] == "/beheer/"
    assert not Question.objects.get(pk=reported_question.pk).hidden


def test_menu_item_is_hidden_from_non_moderators(member):
    from django.test import RequestFactory
    from wagtail import hooks

    request = RequestFactory().get("/beheer/")
    request.user = member
    items = [hook() for hook in hooks.get_hooks("register_admin_menu_item")]
    # The queue is an item of the "Moderatie" submenu, which is hidden as a whole.
    submenus = [item for item in items if hasattr(item, "menu")]
    items += [sub for item in submenus for sub in item.menu.registered_menu_items]
    queue_items = [item for item in items if item.url == QUEUE]
    assert len(queue_items) == 1
    assert not queue_items[0].is_shown(request)
    moderation = next(item for item in submenus if item.name == "moderatie")
    assert not moderation.is_shown(request)


@pytest.mark.parametrize(
    "call",
    [
        lambda actor, post: services.report_dismiss(actor=actor, post=post),
        lambda actor, post: services.report_dismiss_bulk(actor=actor, posts=[post]),
        lambda actor, post: services.post_hide(actor=actor, post=post, reason="x"),
        lambda actor, post: services.post_restore(actor=actor, post=post),
        lambda actor, post: services.post_redact(actor=actor, post=post, new_text="x", reason="x"),
        lambda actor, post: services.author_warn(actor=actor, post=post, message="x"),
        lambda actor, post: services.author_suspend(actor=actor, post=post, reason="x"),
    ],
    ids=["dismiss", "bulk", "hide", "restore", "redact", "warn", "suspend"],
)
def test_services_refuse_non_moderators(call, other_member, reported_question):
    with pytest.raises(PermissionDenied):
        call(other_member, reported_question)
    assert open_reports(reported_question).count() == 2
    assert not ModelLogEntry.objects.filter(action__startswith="kennisnetwerk.post.").exists()


def test_dismissing_twice_is_refused_with_a_message(moderator, reported_question):
    services.report_dismiss(actor=moderator, post=reported_question)
    with pytest.raises(ValidationError):
        services.report_dismiss(actor=moderator, post=reported_question)


def test_asker_does_not_see_earlier_versions_of_a_redacted_answer(
    client_as, moderator, member, other_member
):
    from django.urls import reverse

    from exchange.moderation.services import post_redact
    from exchange.questions.services import answer_post, question_create

    question = question_create(
        author=member, title="Hoe betrekken jullie ouders?", body="Graag ervaringen."
    )
    answer = answer_post(
        author=other_member, question=question, body="Bel mevrouw Jansen van Dorpsstraat 12"
    )
    post_redact(
        actor=moderator,
        post=answer,
        new_text="[verwijderd door moderatie]",
        reason="persoonsgegevens",
    )
    history = client_as(member).get(reverse("question_history", args=[question.pk]))
    assert "Dorpsstraat" not in history.content.decode()
