"""Knowledge into practice: a question with an accepted answer becomes a draft practice."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from practices.models import PracticePage
from tests.factories import MemberFactory
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

BODY = (
    "In onze wijk **lopen spanningen op** na een incident.\n\n"
    "Wie heeft [ervaring](https://example.org/aanpak) met een wijkgesprek?"
    "<script>alert('x')</script>"
)


@pytest.fixture
def asker(municipality):
    return MemberFactory(profile__municipality=municipality, first_name="Vera")


@pytest.fixture
def question(asker, other_municipality):
    return make_question(
        author=asker,
        title="Hoe organiseren jullie een wijkgesprek na onrust?",
        body=BODY,
        visibility="restricted",
        allowed=[other_municipality],
        themes=("polarisatie", "maatschappelijke-spanningen"),
    )


@pytest.fixture
def accepted(question, other_member):
    return make_answer(
        question=question,
        author=other_member,
        body="Wij nodigden **sleutelfiguren** uit. [Meer](javascript:alert(1))",
        accepted=True,
    )


def to_practice(client, question):
    return client.post(reverse("question_to_practice", args=[question.pk]))


def test_asker_gets_a_prefilled_draft_that_moderators_finish(
    client_as, asker, question, accepted, other_member, municipality, other_municipality
):
    make_answer(question=question, author=other_member, body="Niet geaccepteerd.")
    make_answer(
        question=question, author=other_member, body="Verborgen", accepted=True, hidden=True
    )

    response = to_practice(client_as(asker), question)

    assert response.status_code == 302
    page = PracticePage.objects.get(source_question=question)
    # The asker works it out in the site's sharing form, starting with a title of its own.
    assert response["Location"] == reverse("practice_share_step", args=[page.pk, "titel"])
    assert not page.live and page.has_unpublished_changes
    assert page.get_parent().specific_class.__name__ == "PracticeIndexPage"
    assert page.title == question.title
    assert page.summary.startswith("In onze wijk lopen spanningen op na een incident.")
    assert "<" not in page.summary and "alert" not in page.summary
    assert "<b>lopen spanningen op</b>" in page.context_problem
    assert 'href="https://example.org/aanpak"' in page.context_problem
    assert "script" not in page.context_problem
    approach = [block.value.source for block in page.approach]
    assert len(approach) == 1  # neither the unaccepted nor the hidden accepted answer
    assert approach[0].startswith("<h3>Antwoord van Zwolle</h3>")
    assert "<b>sleutelfiguren</b>" in approach[0] and "javascript" not in approach[0]
    assert set(page.themes.values_list("slug", flat=True)) == {
        "polarisatie",
        "maatschappelijke-spanningen",
    }
    assert page.municipality == municipality
    assert page.visibility == "restricted"
    assert list(page.allowed_municipalities.all()) == [other_municipality]
    assert page.owner == asker
    # The revision carries the same, so the editor opens on it.
    assert page.latest_revision.content["source_question"] == question.pk
    entry = ModelLogEntry.objects.get(action="kennisnetwerk.question.to_practice")
    assert (entry.user, entry.object_id) == (asker, str(question.pk))
    # Not submitted yet: the asker submits it when it is ready.
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_a_draft_nobody_of_its_municipality_can_finish_goes_to_the_moderators(
    client_as, accepted_from_partner
):
    question, asker = accepted_from_partner
    response = to_practice(client_as(asker), question)
    assert response["Location"] == question.get_absolute_url()
    page = PracticePage.objects.get(source_question=question)
    assert WorkflowState.objects.filter(object_id=str(page.pk), status="in_progress").exists()


@pytest.fixture
def accepted_from_partner(other_member):
    """A question by a member of a partner organisation (no municipality), with an answer."""
    partner = MemberFactory(profile__municipality=None, profile__organisation="GGD")
    question = make_question(author=partner, title="Hoe werken jullie met de GGD?", body=BODY)
    make_answer(question=question, author=other_member, body="Via het zorgnetwerk.", accepted=True)
    return question, partner


def test_a_practice_from_a_question_gets_its_own_title_and_address(
    client, client_as, asker, question, accepted, moderator
):
    author = client_as(asker)
    to_practice(author, question)
    page = PracticePage.objects.get(source_question=question)
    assert page.slug == "hoe-organiseren-jullie-een-wijkgesprek-na-onrust"
    author.post(
        reverse("practice_share_step", args=[page.pk, "titel"]),
        {"title": "Wijkgesprek na onrust", "summary": page.summary, "actie": "verder"},
    )
    page.refresh_from_db()
    assert page.slug == "wijkgesprek-na-onrust"
    draft = page.get_latest_revision_as_object()
    draft.save_revision(user=moderator).publish(user=moderator)
    client.logout()
    PracticePage.objects.filter(pk=page.pk).update(visibility="public")
    page.refresh_from_db()
    assert page.url.endswith("/praktijken/wijkgesprek-na-onrust/")
    assert client.get(page.url).status_code in (200, 302)
    assert (
        client.get("/praktijken/hoe-organiseren-jullie-een-wijkgesprek-na-onrust/").status_code
        == 404
    )


def test_a_second_click_opens_the_same_draft(client_as, asker, question, accepted):
    client = client_as(asker)
    to_practice(client, question)
    response = to_practice(client, question)
    assert response.status_code == 302
    assert PracticePage.objects.filter(source_question=question).count() == 1


def test_moderator_and_asker_go_to_the_sharing_form(
    client_as, moderator, asker, question, accepted
):
    response = to_practice(client_as(moderator), question)
    page = PracticePage.objects.get(source_question=question)
    assert response["Location"] == reverse("practice_share_step", args=[page.pk, "titel"])
    assert page.owner == moderator
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()

    response = to_practice(client_as(asker), question)
    assert response["Location"] == reverse("practice_share_overview", args=[page.pk])


@pytest.mark.parametrize(
    ("who", "setup", "message"),
    [
        ("asker", "no_accepted", "nog geen geaccepteerd antwoord"),
        ("other_member", None, "Alleen de vraagsteller of een moderator"),
        ("asker", "hidden", "verborgen"),
        ("moderator", "hidden", "verborgen"),
    ],
)
def test_refusals_make_nothing(client_as, request, question, accepted, who, setup, message):
    if setup == "no_accepted":
        accepted.accepted = False
        accepted.save()
    elif setup == "hidden":
        question.hidden = True
        question.save()
    if who == "other_member":
        question.visibility = "members"
        question.save()
    client = client_as(request.getfixturevalue(who))
    response = client.post(reverse("question_to_practice", args=[question.pk]), follow=True)
    assert message in " ".join(str(m) for m in response.context["messages"])
    assert not PracticePage.objects.filter(source_question=question).exists()


def test_get_and_anonymous_are_refused(client, client_as, asker, question, accepted):
    url = reverse("question_to_practice", args=[question.pk])
    assert client.post(url).status_code == 302  # to the login page
    assert client_as(asker).get(url).status_code == 405
    assert not PracticePage.objects.exists()


def test_question_page_shows_button_then_draft_then_practice(
    client_as, client, asker, member, question, accepted, moderator
):
    url = question.get_absolute_url()
    button = "Uitwerken als praktijkvoorbeeld"
    asker_client = client_as(asker)
    assert button in asker_client.get(url).content.decode()
    question.visibility = "public"
    question.save()
    assert button not in client_as(member).get(url).content.decode()

    to_practice(client_as(asker), question)
    page = PracticePage.objects.get(source_question=question)
    content = client_as(asker).get(url).content.decode()
    assert button not in content and "wordt een praktijkvoorbeeld uitgewerkt" in content
    assert (
        "wordt een praktijkvoorbeeld uitgewerkt" not in client_as(member).get(url).content.decode()
    )
    moderator_view = client_as(moderator).get(url).content.decode()
    assert reverse("practice_share_overview", args=[page.pk]) in moderator_view

    page.visibility = "public"
    page.save_revision().publish()
    client.logout()
    content = client.get(url).content.decode()
    assert "Uitgewerkt als praktijkvoorbeeld" in content and page.url in content


def test_practice_page_links_back_only_for_who_may_see_the_question(
    client, client_as, asker, member, question, accepted
):
    to_practice(client_as(asker), question)
    page = PracticePage.objects.get(source_question=question)
    page.visibility = "public"
    page.save_revision().publish()
    question.visibility = "members"
    question.save()

    assert "Ontstaan uit de vraag" in client_as(member).get(page.url).content.decode()
    client.logout()
    assert "Ontstaan uit de vraag" not in client.get(page.url).content.decode()
