"""Sharing a practice on the site: drafts, moderation, edit rights, states and addresses."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, Revision, WorkflowState

from exchange.core.roles import AUTHORS_GROUP
from exchange.themes.models import Theme
from practices.models import PracticePage
from practices.services import practice_index_ensure, roles_ensure
from practices.sharing.selectors import DraftState, practice_drafts
from tests.factories import MemberFactory
from tests.practices.factories import make_practice
from tests.practices.sharing_data import share, step_data, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(db):
    return Theme.objects.order_by("pk").first()


@pytest.fixture
def colleague(municipality):
    return MemberFactory(profile__municipality=municipality, first_name="Cor", last_name="Collega")


def workflow_state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def request_changes(page, moderator, comment):
    state = workflow_state(page)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)


def approve(page, moderator):
    state = workflow_state(page)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve", comment="")


# -- who may share ---------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("practice_share"))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_pending_member_is_told_they_can_share_once_approved(client_as, pending_member):
    response = client_as(pending_member).get(reverse("practice_share"))
    assert response.status_code == 403
    assert "nog niet goedgekeurd" in response.content.decode()


def test_a_member_without_a_municipality_is_told_practices_are_shared_for_a_municipality(
    client_as,
):
    partner = MemberFactory(profile__municipality=None, profile__organisation="GGD")
    response = client_as(partner).get(reverse("practice_share"))
    assert response.status_code == 403
    assert "namens een gemeente" in response.content.decode()


def test_the_catalogue_and_the_home_page_offer_to_share_a_practice(client, member):
    practice_index_ensure()
    for path in ("/praktijken/", "/"):
        assert reverse("practice_share") in client.get(path).content.decode(), path


# -- the journey -----------------------------------------------------------------------------


def test_a_member_shares_a_practice_in_steps_and_it_waits_for_the_moderators(
    client, client_as, member, municipality, theme
):
    page = share(client_as(member), theme_ids=[theme.pk], contact_id=member.pk)
    assert not page.live
    assert page.municipality == municipality
    assert page.owner == member
    assert workflow_state(page).status == WorkflowState.STATUS_IN_PROGRESS
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Weerbaarheidstraining op het mbo"
    assert [theme.pk] == [t.pk for t in draft.themes.all()]
    assert sorted(t.name for t in draft.target_groups.all()) == ["docenten", "studenten mbo"]
    steps = [block for block in draft.approach if block.block_type == "steps"][0]
    assert [step["title"] for step in steps.value] == ["Docenten trainen", "Lessen geven"]
    assert [p.name for p in draft.partners.all()] == ["ROC Midden"]
    assert draft.contact_person == member
    assert draft.staffing_fte == Decimal("0.5")
    assert "<b>online</b>" in draft.context_problem
    # Nobody outside sees it before a moderator approves.
    client.logout()
    assert client.get("/praktijken/weerbaarheidstraining-op-het-mbo/").status_code == 404


def test_every_step_saves_a_revision_and_nothing_is_published(client_as, member, theme):
    page = share(client_as(member), theme_ids=[theme.pk], submit=False)
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 9
    assert not page.live
    assert page.has_unpublished_changes
    assert workflow_state(page) is None


def test_a_member_leaves_and_finds_the_draft_again_under_mijn_concepten(client_as, member, theme):
    client = client_as(member)
    page = share(client, theme_ids=[theme.pk], steps=("titel", "context"), submit=False)
    drafts = client.get(reverse("practice_share_drafts")).content.decode()
    assert "Weerbaarheidstraining op het mbo" in drafts
    assert reverse("practice_share_overview", args=[page.pk]) in drafts
    resumed = client.get(step_url(page, "context")).content.decode()
    assert "Docenten zagen **online** polarisatie in de klas." in resumed


def test_two_colleagues_work_on_one_draft_and_see_who_edited_last(
    client_as, log_in, member, colleague, theme
):
    first = client_as(member)
    page = share(first, theme_ids=[theme.pk], steps=("titel",), submit=False)
    seen = page.latest_revision_id
    second = log_in(Client(), colleague)
    # The colleague saves the costs while the member still has the context step open.
    response = second.post(step_url(page, "kosten"), step_data("kosten"))
    assert response.status_code == 302
    response = first.post(
        step_url(page, "context"), {**step_data("context"), "versie": str(seen)}, follow=True
    )
    assert "Cor Collega heeft deze praktijk intussen ook bewerkt" in response.content.decode()
    draft = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.funding == "Eigen middelen"  # the colleague's step stayed
    assert "Studenten herkennen manipulatie." in draft.goal  # and so did the member's
    [listed] = practice_drafts(user=colleague)
    assert listed.edited_by == member
    assert "door" in second.get(reverse("practice_share_drafts")).content.decode()


def test_the_moderator_asks_for_changes_and_the_author_sees_the_comment_and_resubmits(
    client_as, member, moderator, theme
):
    client = client_as(member)
    page = share(client, theme_ids=[theme.pk])
    request_changes(page, moderator, "Noem ook wat het kostte.")
    overview = client.get(reverse("practice_share_overview", args=[page.pk])).content.decode()
    assert "wijzigingen gevraagd" in overview
    assert "Noem ook wat het kostte." in overview
    assert client.post(step_url(page, "kosten"), step_data("kosten")).status_code == 302
    client.post(step_url(page, "indienen"))
    state = workflow_state(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1  # resumed
    [listed] = practice_drafts(user=member)
    assert listed.state == DraftState.IN_REVIEW
    assert listed.comment == ""


def test_a_practice_under_review_is_withdrawn_before_it_is_changed(client_as, member, theme):
    client = client_as(member)
    page = share(client, theme_ids=[theme.pk])
    refused = client.post(step_url(page, "kosten"), step_data("kosten"), follow=True)
    assert "wordt beoordeeld" in refused.content.decode()
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
    client.post(reverse("practice_share_withdraw", args=[page.pk]))
    assert workflow_state(page).status == WorkflowState.STATUS_CANCELLED
    assert client.post(step_url(page, "kosten"), step_data("kosten")).status_code == 302
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions + 1


def test_an_incomplete_practice_cannot_be_submitted(client_as, member):
    client = client_as(member)
    client.post(reverse("practice_share"), step_data("titel"))
    page = PracticePage.objects.get()
    response = client.post(step_url(page, "indienen"), follow=True)
    body = response.content.decode()
    assert "Vul eerst nog in" in body
    assert "ten minste één thema" in body
    assert workflow_state(page) is None


def test_the_preview_is_the_practice_page_with_the_draft(client, client_as, member, theme):
    author = client_as(member)
    page = share(author, theme_ids=[theme.pk], submit=False)
    response = author.get(step_url(page, "voorbeeld"))
    assert "practices/practice_page.html" in [t.name for t in response.templates]
    body = response.content.decode()
    for text in ("Weerbaarheidstraining op het mbo", "Docenten trainen", "ROC Midden"):
        assert text in body
    assert 'aria-current="step"' in body


def test_a_published_practice_edited_on_the_site_changes_only_after_approval(
    client, client_as, member, moderator, municipality, theme
):
    live = make_practice(title="Buurtvaders", municipality=municipality, owner=member)
    address = live.slug
    author = client_as(member)
    data = {**step_data("titel"), "title": "Buurtvaders in de wijk"}
    assert author.post(step_url(live, "titel"), data).status_code == 302
    [listed] = practice_drafts(user=member)
    assert listed.state == DraftState.DRAFT and listed.live
    author.post(step_url(live, "doelgroepen"), step_data("doelgroepen", theme_ids=[theme.pk]))
    author.post(step_url(live, "indienen"))
    client.logout()
    assert client.get(live.url).content.decode().count("Buurtvaders in de wijk") == 0
    approve(live, moderator)
    live.refresh_from_db()
    assert live.title == "Buurtvaders in de wijk"
    assert live.slug == address  # once published, the address stays
    assert practice_drafts(user=member) == []


# -- addresses -------------------------------------------------------------------------------


def test_the_address_follows_the_title_until_publication_and_stays_unique(client_as, member):
    client = client_as(member)
    make_practice(title="Weerbaar", municipality=None)
    PracticePage.objects.filter(title="Weerbaar").update(slug="wijkgesprek")
    client.post(reverse("practice_share"), {**step_data("titel"), "title": "Eerste titel"})
    page = PracticePage.objects.get(title="Eerste titel")
    assert page.slug == "eerste-titel"
    client.post(step_url(page, "titel"), {**step_data("titel"), "title": "Wijkgesprek"})
    page.refresh_from_db()
    assert page.slug == "wijkgesprek-2"
    assert page.url_path.endswith("/wijkgesprek-2/")


# -- rights ----------------------------------------------------------------------------------


def test_a_member_of_another_municipality_cannot_open_or_change_the_draft(
    client_as, member, other_member, theme
):
    page = share(client_as(member), theme_ids=[theme.pk], submit=False)
    other = client_as(other_member)
    for slug in ("titel", "voorbeeld", "indienen"):
        assert other.get(step_url(page, slug)).status_code == 404
    assert other.post(step_url(page, "titel"), step_data("titel")).status_code == 404
    assert other.get(reverse("practice_share_overview", args=[page.pk])).status_code == 404
    assert practice_drafts(user=other_member) == []


def test_a_member_of_another_municipality_is_told_why_on_a_published_practice(
    client_as, other_member, municipality
):
    live = make_practice(municipality=municipality)
    response = client_as(other_member).get(step_url(live, "titel"))
    assert response.status_code == 403
    assert "eigen gemeente" in response.content.decode()


def test_a_moderator_may_edit_any_practice_on_the_site(client_as, moderator, municipality):
    live = make_practice(municipality=municipality)
    response = client_as(moderator).post(step_url(live, "kosten"), step_data("kosten"))
    assert response.status_code == 302


def test_authors_no_longer_get_into_the_admin(client_as, member):
    roles_ensure()
    member.groups.add(Group.objects.get(name=AUTHORS_GROUP))
    response = client_as(member).get("/beheer/")
    # Wagtail sends whoever lacks admin access to log in as someone who has it.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_permissions_authors_held_in_the_admin_are_taken_away(db):
    authors = Group.objects.get(name=AUTHORS_GROUP)
    index = practice_index_ensure()
    # As an existing database had them before this change.
    authors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=authors,
        page=Page.objects.get(pk=index.pk),
        permission=Permission.objects.get(codename="change_page"),
    )
    roles_ensure()
    assert not authors.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=authors).exists()
