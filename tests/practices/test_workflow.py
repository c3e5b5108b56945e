"""Members share practices on the site; moderators approve or request changes in the admin.

The admin is for moderators: authors have no access to it. Where a test below still posts to
the page editor as a member, the member holds the admin rights authors had before
(`legacy_admin_group`), to show the gate in `practices/admin_access.py` still holds.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exchange.core.roles import AUTHORS_GROUP
from exchange.themes.models import Theme
from practices.models import PracticePage
from practices.services import practice_index_ensure
from tests.practices.factories import legacy_admin_group, make_practice
from tests.practices.sharing_data import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(member):
    member.groups.add(Group.objects.get(name=AUTHORS_GROUP))
    return member


@pytest.fixture
def admin_author(author):
    """An author who was given the old admin rights by mistake."""
    author.groups.add(legacy_admin_group())
    return author


def submit_on_the_site(client):
    theme = Theme.objects.order_by("pk").first()
    return share(client, theme_ids=[theme.pk])


def new_practice_data(**extra):
    """The editor's POST data, in the shapes Wagtail's widgets expect."""
    data = nested_form_data(
        {
            "title": "Weerbaarheidstraining op het mbo",
            "slug": "weerbaarheidstraining-mbo",
            "summary": "Een training voor mbo-studenten over omgaan met extremistische content.",
            "description": rich_text("<p>Wat we deden.</p>"),
            "context_problem": rich_text(""),
            "goal": rich_text(""),
            "results": rich_text(""),
            "transferability": rich_text(""),
            "target_groups": "studenten mbo",
            "tags": "",
            "approach": streamfield([]),
            "partners": inline_formset([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            "evidence_level": "beschreven",
            "cost_range": "",
            "status": "running",
            "visibility": "public",
        }
    )
    data.update(extra)
    return data


def test_verified_municipal_members_get_the_authors_role(
    client, moderator, pending_member, municipality
):
    from exchange.accounts.services import member_approve

    member_approve(actor=moderator, profile=pending_member.profile, municipality=municipality)
    assert pending_member.groups.filter(name=AUTHORS_GROUP).exists()


def test_author_submits_on_the_site_and_moderator_approves_in_the_admin(
    client_as, author, moderator, municipality
):
    client = client_as(author)
    practice = submit_on_the_site(client)
    assert not practice.live
    assert practice.municipality == municipality  # the author's
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(practice.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    # Not visible to the public until approved.
    client.logout()
    assert client.get("/praktijken/weerbaarheidstraining-op-het-mbo/").status_code == 404

    moderator_client = client_as(moderator)
    task_state = state.current_task_state
    response = moderator_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, "approve", task_state.pk],
        ),
        {"comment": "Mooi uitgewerkt"},
    )
    assert response.status_code in (200, 302)
    practice.refresh_from_db()
    assert practice.live
    moderator_client.logout()
    assert client.get("/praktijken/weerbaarheidstraining-op-het-mbo/").status_code == 200


def test_moderator_requests_changes_with_a_comment(client_as, author, moderator):
    practice = submit_on_the_site(client_as(author))
    state = WorkflowState.objects.get(object_id=str(practice.pk))
    client_as(moderator).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[practice.pk, "reject", state.current_task_state.pk],
        ),
        {"comment": "Voeg de kosten toe"},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Voeg de kosten toe"
    practice.refresh_from_db()
    assert not practice.live


def test_author_cannot_publish_directly(client_as, author, admin_author):
    index = practice_index_ensure()
    client_as(admin_author).post(
        reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.pk]),
        new_practice_data(**{"action-publish": "1"}),
    )
    practice = PracticePage.objects.filter(slug="weerbaarheidstraining-mbo").first()
    assert practice is None or not practice.live


def test_an_author_cannot_open_the_page_editor(client_as, author, municipality):
    ours = make_practice(municipality=municipality)
    response = client_as(author).get(reverse("wagtailadmin_pages:edit", args=[ours.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_author_cannot_edit_another_municipalitys_practice(
    client_as, admin_author, other_municipality, municipality
):
    author = admin_author
    theirs = make_practice(municipality=other_municipality)
    ours = make_practice(municipality=municipality)
    client = client_as(author)
    # Wagtail answers a refused edit with a redirect to the dashboard and a message.
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk]))
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert refused["Location"] == "/beheer/"
    assert client.get(reverse("wagtailadmin_pages:edit", args=[ours.pk])).status_code == 200
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[theirs.pk]), new_practice_data(title="Gekaapt")
    )
    assert response.status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.title != "Gekaapt"


def test_author_explorer_hides_other_municipalities(
    client_as, admin_author, other_municipality, municipality
):
    author = admin_author
    theirs = make_practice(title="Praktijk van Zwolle", municipality=other_municipality)
    ours = make_practice(title="Praktijk van Utrecht", municipality=municipality)
    index = practice_index_ensure()
    body = client_as(author).get(reverse("wagtailadmin_explore", args=[index.pk])).content.decode()
    assert ours.title in body
    assert theirs.title not in body


@pytest.mark.parametrize(
    "path",
    [
        "/beheer/snippets/themes/theme/",
        "/beheer/snippets/municipalities/municipality/",
        "/beheer/users/",
        "/beheer/groups/",
        "/beheer/leden/",
        "/beheer/praktijken/te-beoordelen/",
        "/beheer/settings/",
        "/beheer/workflows/list/",
    ],
)
def test_author_cannot_reach_other_admin_areas(client_as, admin_author, path):
    response = client_as(admin_author).get(path)
    assert response.status_code in (302, 403, 404), path
    if response.status_code == 302:
        assert response["Location"] == "/beheer/" or "login" in response["Location"]


def test_moderators_feature_a_practice_and_home_shows_it(
    client, client_as, moderator, municipality
):
    practice = make_practice(title="Uitgelichte aanpak", municipality=municipality)
    assert moderator.has_perm("practices.feature_practice")
    PracticePage.objects.filter(pk=practice.pk).update(featured=True)
    home = client.get("/")
    assert "Uitgelichte aanpak" in [p.title for p in home.context["featured_practices"]]


def test_default_workflow_is_the_moderators_approval():
    workflow = Workflow.objects.get(active=True, workflow_pages__page__depth=1)
    assert workflow.tasks.filter(groupapprovaltask__groups__name="Moderators").exists()
