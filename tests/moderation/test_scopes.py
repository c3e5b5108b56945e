"""Theme moderators see and act on content of their themes (and sub-themes) only."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from exchange.accounts.models import Profile
from exchange.accounts.services import member_approve_bulk
from exchange.core.roles import ADMINS_GROUP
from exchange.moderation import services
from exchange.moderation.models import Report, ReportStatus
from exchange.questions.models import Question
from exchange.themes.models import ModeratorScope
from practices.models import PracticePage
from tests.factories import MemberFactory, ModeratorFactory, ThemeFactory

from .builders import ask, due_practice, report, submitted_practice

pytestmark = pytest.mark.django_db

DASHBOARD = "/beheer/moderatie/"


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.QUESTION_RATE_LIMITS = {"question": (1000, 3600), "answer": (1000, 3600)}


@pytest.fixture
def polarisation(db):
    return ThemeFactory(name="Polarisatie test", slug="polarisatie-test")


@pytest.fixture
def schools(polarisation):
    # A sub-theme: in scope for whoever moderates polarisation.
    return ThemeFactory(
        name="Polarisatie op school", slug="polarisatie-school", parent=polarisation
    )


@pytest.fixture
def elsewhere(db):
    return ThemeFactory(name="Online haat", slug="online-haat-test")


@pytest.fixture
def theme_moderator(polarisation):
    user = ModeratorFactory(first_name="Thea", last_name="Thema")
    scope = ModeratorScope.objects.create(user=user)
    scope.themes.set([polarisation])
    return user


@pytest.fixture
def content(member, other_member, municipality, schools, elsewhere):
    """Reported, waiting and due content inside and outside the scope (and untagged)."""
    inside = report(ask(member, title="Binnen: gemelde vraag", themes=[schools]), other_member)
    outside = report(ask(member, title="Buiten: gemelde vraag", themes=[elsewhere]), other_member)
    untagged = report(ask(member, title="Zonder thema: gemelde vraag"), other_member)
    ask(member, title="Binnen: wachtende vraag", themes=[schools], days_old=9)
    ask(member, title="Buiten: wachtende vraag", themes=[elsewhere], days_old=9)
    due_practice(title="Binnen: oude praktijk", municipality=municipality, themes=[schools.slug])
    due_practice(title="Buiten: oude praktijk", municipality=municipality, themes=[elsewhere.slug])
    submitted_practice(member, title="Binnen: ingediend", themes=[schools.slug])
    submitted_practice(member, title="Buiten: ingediend", themes=[elsewhere.slug])
    return {"inside": inside, "outside": outside, "untagged": untagged}


def refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to its home and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/beheer/"
    )


def test_theme_moderator_sees_only_their_themes(client_as, theme_moderator, content):
    page = client_as(theme_moderator).get(DASHBOARD).content.decode()
    for title in ("gemelde vraag", "wachtende vraag", "oude praktijk", "ingediend"):
        assert f"Binnen: {title}" in page
        assert f"Buiten: {title}" not in page
    assert "Zonder thema: gemelde vraag" not in page
    assert "alleen meldingen, vragen en praktijken binnen de thema" in page

    queue = client_as(theme_moderator).get(reverse("kn_reports:index")).content.decode()
    assert "Binnen: gemelde vraag" in queue and "Buiten: gemelde vraag" not in queue


def test_full_moderator_sees_everything(client_as, moderator, content):
    page = client_as(moderator).get(DASHBOARD).content.decode()
    for title in ("Binnen: gemelde vraag", "Buiten: gemelde vraag", "Zonder thema: gemelde vraag"):
        assert title in page
    assert "Buiten: ingediend" in page and "Buiten: oude praktijk" in page


def test_theme_moderator_has_no_member_approvals(client_as, theme_moderator, pending_member):
    client = client_as(theme_moderator)
    page = client.get(DASHBOARD).content.decode()
    assert pending_member.email not in page
    assert refused(client.get(reverse("kn_members:index")))
    assert f'"url": "{reverse("kn_members:index")}"' not in client.get("/beheer/").content.decode()
    client.post(
        reverse("kn_members:bulk_decide"),
        {"action": "approve", "profiles": [pending_member.profile.pk]},
    )
    assert Profile.objects.get(pk=pending_member.profile.pk).status == "pending"
    with pytest.raises(PermissionDenied):
        member_approve_bulk(actor=theme_moderator, profiles=[pending_member.profile])


def test_service_refuses_theme_moderator_outside_their_themes(theme_moderator, content):
    outside, untagged = content["outside"], content["untagged"]
    for action in (services.post_hide, services.post_restore):
        with pytest.raises(PermissionDenied):
            action(actor=theme_moderator, post=outside, reason="Niet mijn thema")
    with pytest.raises(PermissionDenied):
        services.report_dismiss(actor=theme_moderator, post=untagged)
    with pytest.raises(PermissionDenied):
        services.report_dismiss_bulk(actor=theme_moderator, posts=[content["inside"], outside])
    with pytest.raises(PermissionDenied):
        services.post_redact(actor=theme_moderator, post=outside, new_text="x", reason="AVG")
    assert not Question.objects.get(pk=outside.pk).hidden
    # The bulk dismissal was refused as a whole: the report inside the scope is still open.
    assert Report.objects.filter(question=content["inside"], status=ReportStatus.OPEN).exists()
    assert Report.objects.filter(question=outside, status=ReportStatus.OPEN).exists()


def test_theme_moderator_acts_inside_their_themes_including_sub_themes(theme_moderator, content):
    services.post_hide(actor=theme_moderator, post=content["inside"], reason="Casus")
    assert Question.objects.get(pk=content["inside"].pk).hidden


def test_report_action_outside_scope_is_refused_with_a_message(client_as, theme_moderator, content):
    outside = content["outside"]
    response = client_as(theme_moderator).post(
        reverse("kn_reports:action", kwargs={"kind": "question", "pk": outside.pk}),
        {"action": "hide", "reason": "x"},
        follow=True,
    )
    assert "buiten de thema" in response.content.decode()
    assert not Question.objects.get(pk=outside.pk).hidden


def test_practice_and_routing_actions_outside_scope_are_refused(
    client_as, theme_moderator, content, other_member
):
    outside_practice = PracticePage.objects.get(title="Buiten: oude praktijk")
    with pytest.raises(PermissionDenied):
        services.practice_mark_reviewed(actor=theme_moderator, practice=outside_practice)
    client_as(theme_moderator).post(
        reverse("kn_moderation:practice_review"), {"practice": outside_practice.pk}
    )
    assert PracticePage.objects.get(pk=outside_practice.pk).last_reviewed_at is None

    waiting = Question.objects.get(title="Buiten: wachtende vraag")
    with pytest.raises(PermissionDenied):
        services.question_route_to_experts(
            actor=theme_moderator, question=waiting, experts=[other_member]
        )

    inside_practice = PracticePage.objects.get(title="Binnen: oude praktijk")
    services.practice_mark_reviewed(actor=theme_moderator, practice=inside_practice)
    assert PracticePage.objects.get(pk=inside_practice.pk).last_reviewed_at is not None


def test_theme_moderator_cannot_open_practices_outside_their_themes(
    client_as, theme_moderator, content
):
    client = client_as(theme_moderator)
    outside = PracticePage.objects.get(title="Buiten: ingediend")
    inside = PracticePage.objects.get(title="Binnen: ingediend")
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[outside.pk])))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[inside.pk])).status_code == 200


def test_scope_without_themes_moderates_nothing(client_as, content):
    user = ModeratorFactory()
    ModeratorScope.objects.create(user=user)
    page = client_as(user).get(DASHBOARD).content.decode()
    assert "gemelde vraag" not in page
    with pytest.raises(PermissionDenied):
        services.post_hide(actor=user, post=content["inside"])


def test_only_moderators_can_get_a_scope_and_admins_manage_scopes(member, polarisation):
    with pytest.raises(ValidationError):
        ModeratorScope(user=member).full_clean()
    admins = Group.objects.get(name=ADMINS_GROUP)
    assert admins.permissions.filter(codename="change_moderatorscope").exists()
    admin = MemberFactory(is_staff=True)
    admin.groups.add(admins)
    assert admin.has_perm("themes.add_moderatorscope")


def test_review_list_is_scoped_too(client_as, theme_moderator, content):
    client = client_as(theme_moderator)
    listing = client.get(reverse("kn_practice_review:index")).content.decode()
    assert "Binnen: oude praktijk" in listing and "Buiten: oude praktijk" not in listing
    outside = PracticePage.objects.get(title="Buiten: oude praktijk")
    response = client.post(
        reverse("kn_practice_review:index"), {"practice": outside.pk}, follow=True
    )
    assert "buiten de thema" in response.content.decode()
    assert PracticePage.objects.get(pk=outside.pk).last_reviewed_at is None


def test_admin_gives_a_moderator_a_scope_in_the_admin(client_as, moderator, polarisation):
    admin = ModeratorFactory()
    admin.groups.add(Group.objects.get(name=ADMINS_GROUP))
    add_url = reverse("wagtailsnippets_moderation_moderatorscope:add")
    client = client_as(admin)
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, {"user": moderator.pk, "themes": [polarisation.pk]})
    assert response.status_code == 302
    assert list(ModeratorScope.objects.get(user=moderator).themes.all()) == [polarisation]
    # Plain moderators cannot hand out scopes.
    assert refused(client_as(moderator).get(add_url))


# -- every other moderator action respects the scope too ---------------------------------------


def test_theme_moderator_cannot_close_lock_reopen_or_mark_duplicates_outside_their_themes(
    theme_moderator, moderator, member, schools, elsewhere
):
    from exchange.questions import services as question_services
    from exchange.questions.selectors import question_rights

    outside = ask(member, title="Buiten: te sluiten vraag", themes=[elsewhere])
    original = ask(member, title="Buiten: oorspronkelijke vraag", themes=[elsewhere])
    refused_actions = [
        lambda q: question_services.question_close(
            actor=theme_moderator, question=q, reason="resolved"
        ),
        lambda q: question_services.question_lock(actor=theme_moderator, question=q),
        lambda q: question_services.question_mark_duplicate(
            actor=theme_moderator, question=q, original=original
        ),
    ]
    for action in refused_actions:
        with pytest.raises(PermissionDenied, match="buiten de thema"):
            action(outside)
    # Unlocking and reopening what a full moderator locked and closed.
    question_services.question_lock(actor=moderator, question=outside)
    with pytest.raises(PermissionDenied):
        question_services.question_lock(actor=theme_moderator, question=outside, locked=False)
    question_services.question_close(actor=moderator, question=outside, reason="resolved")
    with pytest.raises(PermissionDenied):
        question_services.question_reopen(actor=theme_moderator, question=outside)
    outside.refresh_from_db()
    assert outside.locked and outside.status == "closed"
    rights = question_rights(question=outside, user=theme_moderator)
    assert not any(rights[name] for name in ("reopen", "lock", "edit", "accept"))

    inside = ask(member, title="Binnen: te sluiten vraag", themes=[schools])
    question_services.question_lock(actor=theme_moderator, question=inside)
    question_services.question_close(actor=theme_moderator, question=inside, reason="resolved")
    question_services.question_reopen(actor=theme_moderator, question=inside)
    inside.refresh_from_db()
    assert inside.locked and inside.status == "open"


def test_question_page_actions_outside_scope_are_refused_with_a_message(
    client_as, theme_moderator, member, elsewhere
):
    outside = ask(member, title="Buiten: vergrendelen", themes=[elsewhere])
    client = client_as(theme_moderator)
    page = client.get(outside.get_absolute_url()).content.decode()
    assert reverse("question_lock", args=[outside.pk]) not in page
    response = client.post(reverse("question_lock", args=[outside.pk]), follow=True)
    assert "buiten de thema" in response.content.decode()
    assert not Question.objects.get(pk=outside.pk).locked


def test_theme_moderator_cannot_edit_or_hide_posts_outside_their_themes(
    client_as, theme_moderator, member, other_member, elsewhere
):
    from exchange.questions import services as question_services

    outside = ask(member, title="Buiten: bewerken", themes=[elsewhere])
    answer = question_services.answer_post(author=other_member, question=outside, body="Zo.")
    with pytest.raises(PermissionDenied):
        question_services.question_update(
            editor=theme_moderator, question=outside, title="Aangepast", body="Nieuw"
        )
    with pytest.raises(PermissionDenied):
        question_services.answer_update(editor=theme_moderator, answer=answer, body="Nieuw")
    with pytest.raises(PermissionDenied):
        question_services.answer_accept(actor=theme_moderator, answer=answer)
    with pytest.raises(PermissionDenied):
        services.post_hide(actor=theme_moderator, post=answer, reason="x")
    assert client_as(theme_moderator).get(
        reverse("kn_reports:redact", kwargs={"kind": "answer", "pk": answer.pk})
    ).status_code in (302, 403)
    assert Question.objects.get(pk=outside.pk).title == "Buiten: bewerken"


def test_member_decisions_are_refused_to_theme_moderators_in_the_services(
    theme_moderator, pending_member, member
):
    from exchange.accounts import services as member_services

    for decide in (
        lambda: member_services.member_approve(
            actor=theme_moderator, profile=pending_member.profile
        ),
        lambda: member_services.member_reject(
            actor=theme_moderator, profile=pending_member.profile, reason="Geen gemeente"
        ),
        lambda: member_services.member_suspend(
            actor=theme_moderator, profile=member.profile, reason="Spam"
        ),
        lambda: member_services.member_restore(actor=theme_moderator, profile=member.profile),
    ):
        with pytest.raises(PermissionDenied, match="zonder themabeperking"):
            decide()
    assert Profile.objects.get(pk=pending_member.profile.pk).status == "pending"
    assert Profile.objects.get(pk=member.profile.pk).status == "verified"


def test_theme_moderator_cannot_suspend_an_author_through_a_report(theme_moderator, content):
    inside = content["inside"]
    with pytest.raises(PermissionDenied):
        services.author_suspend(actor=theme_moderator, post=inside, reason="Spam")
    assert inside.author.is_active


# -- the vocabulary: merging, editing and deleting themes --------------------------------------

THEMES_LIST = "/beheer/snippets/themes/theme/"


def test_theme_moderator_cannot_merge_edit_add_or_delete_themes(
    client_as, theme_moderator, polarisation, elsewhere
):
    from exchange.themes import services as theme_services
    from exchange.themes.models import Theme

    with pytest.raises(PermissionDenied, match="zonder themabeperking"):
        theme_services.theme_merge(
            source=elsewhere, target=polarisation, actor=theme_moderator, reason="Dubbel"
        )
    client = client_as(theme_moderator)
    listing = client.get(THEMES_LIST).content.decode()
    assert reverse("theme_merge") not in listing
    assert f"{THEMES_LIST}edit/{elsewhere.pk}/" not in listing
    for url in (
        reverse("theme_merge"),
        f"{THEMES_LIST}edit/{elsewhere.pk}/",
        f"{THEMES_LIST}delete/{elsewhere.pk}/",
        f"{THEMES_LIST}add/",
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0] == THEMES_LIST, url
        assert "voorbehouden aan beheerders en moderatoren zonder themabeperking" in (
            response.content.decode()
        ), url
    client.post(f"{THEMES_LIST}delete/{elsewhere.pk}/")
    client.post(
        reverse("theme_merge"),
        {
            "source": f"theme:{elsewhere.pk}",
            "target": polarisation.pk,
            "reason": "x",
            "bevestigd": "1",
        },
    )
    client.post(
        f"{THEMES_LIST}edit/{elsewhere.pk}/",
        {
            "name": "Gekaapt",
            "slug": elsewhere.slug,
            "description": "",
            "parent": "",
            "synonyms": "",
        },
    )
    assert Theme.objects.get(pk=elsewhere.pk).name == "Online haat"


def test_full_moderators_and_admins_with_a_scope_still_curate_themes(
    client_as, moderator, polarisation
):
    assert client_as(moderator).get(f"{THEMES_LIST}edit/{polarisation.pk}/").status_code == 200
    admin = ModeratorFactory()
    admin.groups.add(Group.objects.get(name=ADMINS_GROUP))
    ModeratorScope.objects.create(user=admin).themes.set([polarisation])
    assert client_as(admin).get(reverse("theme_merge")).status_code == 200


# -- Wagtail's approval workflow ---------------------------------------------------------------


def _approve(client, practice):
    from wagtail.models import Page

    task_state = Page.objects.get(pk=practice.pk).current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[practice.pk, "approve", task_state.pk]),
        {"comment": ""},
    )


def test_theme_moderator_approves_submitted_practices_of_their_themes_only(
    client_as, theme_moderator, content
):
    from wagtail.models import Page, TaskState

    outside = PracticePage.objects.get(title="Buiten: ingediend")
    inside = PracticePage.objects.get(title="Binnen: ingediend")
    client = client_as(theme_moderator)
    _approve(client, outside)
    assert not PracticePage.objects.get(pk=outside.pk).live
    task = Page.objects.get(pk=outside.pk).current_workflow_task
    assert task.get_actions(outside, theme_moderator) == []
    waiting = {
        int(state.workflow_state.object_id)
        for state in task.get_task_states_user_can_moderate(theme_moderator)
    }
    assert waiting == {inside.pk}
    assert TaskState.objects.filter(status="in_progress").count() == 2

    _approve(client, inside)
    assert PracticePage.objects.get(pk=inside.pk).live


def test_full_moderator_approves_any_submitted_practice(client_as, moderator, content):
    outside = PracticePage.objects.get(title="Buiten: ingediend")
    _approve(client_as(moderator), outside)
    assert PracticePage.objects.get(pk=outside.pk).live
