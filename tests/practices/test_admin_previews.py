"""Moderators read a submitted practice in every admin view of a revision before deciding."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from practices.services import practice_index_ensure
from tests.practices.factories import legacy_admin_group
from tests.practices.sharing_data import share
from tests.practices.test_workflow import new_practice_data

pytestmark = pytest.mark.django_db

TITLE = "Weerbaarheidstraining op het mbo"


@pytest.fixture
def submitted(client_as, member, theme_jongeren):
    """A practice with a theme and target groups, submitted on the site by its author."""
    practice = share(client_as(member), theme_ids=[theme_jongeren.pk])
    client_as(member).logout()
    assert practice.get_latest_revision_as_object().title == TITLE
    assert list(practice.get_latest_revision_as_object().themes.all()) == [theme_jongeren]
    return practice


@pytest.fixture
def theme_jongeren(db):
    from tests.factories import ThemeFactory

    return ThemeFactory(name="Jongeren", slug="jongeren")


def _assert_renders_the_practice(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    body = response.content.decode()
    assert TITLE in body
    assert "Jongeren" in body  # the theme, read from the revision


def test_moderator_views_the_draft_of_a_submitted_practice(client_as, moderator, submitted):
    response = client_as(moderator).get(
        reverse("wagtailadmin_pages:view_draft", args=[submitted.pk])
    )
    _assert_renders_the_practice(response)


def test_moderator_views_a_revision_of_a_submitted_practice(client_as, moderator, submitted):
    revision = submitted.get_latest_revision()
    response = client_as(moderator).get(
        reverse("wagtailadmin_pages:revisions_view", args=[submitted.pk, revision.pk])
    )
    _assert_renders_the_practice(response)


def test_moderator_previews_the_submitted_practice_from_the_workflow(
    client_as, moderator, submitted
):
    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    task = state.current_task_state.task
    response = client_as(moderator).get(
        reverse("wagtailadmin_pages:workflow_preview", args=[submitted.pk, task.pk])
    )
    _assert_renders_the_practice(response)


def test_moderator_previews_edits_before_saving(client_as, moderator, submitted, theme_jongeren):
    client = client_as(moderator)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[submitted.pk])
    data = new_practice_data(themes=[str(theme_jongeren.pk)])
    posted = client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"] is True
    _assert_renders_the_practice(client.get(url))


def test_a_member_with_admin_rights_previews_a_new_practice_before_saving(
    client_as, member, theme_jongeren
):
    member.groups.add(legacy_admin_group())
    index = practice_index_ensure()
    client = client_as(member)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["practices", "practicepage", index.pk])
    posted = client.post(url, new_practice_data(themes=[str(theme_jongeren.pk)]))
    assert posted.json()["is_valid"] is True
    _assert_renders_the_practice(client.get(url))


def test_moderator_compares_revisions_of_a_submitted_practice(client_as, moderator, submitted):
    response = client_as(moderator).get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            kwargs={"pk": submitted.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
        )
    )
    assert response.status_code == 200
    assert TITLE in response.content.decode()
