"""A member's own start page, /mijn-kennisnetwerk/: where login leads, what it shows, and that
it never shows an item the member may not open."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from exchange.questions.models import Follow, QuestionStatus
from exchange.themes.models import Theme
from tests.factories import MemberFactory
from tests.meetings.factories import make_meeting
from tests.practices.factories import make_practice
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

START = "/mijn-kennisnetwerk/"
# With a warm session: session, user and groups (3), profile and its municipality (2); the
# follows (1); followed practices (1) and questions (1); questions to answer (1); the drafts
# and their workflow states (2); the member's own questions (1); the municipality's practices,
# questions and answers (3); the unread-notifications badge (1); the site and its cached root
# paths for the practices' links (2); the open questionnaires (1).
MAX_START_QUERIES = 21  # 19, and two for the upcoming meetings


@pytest.fixture
def colleague(municipality):
    """Another verified member of Utrecht."""
    return MemberFactory(profile__municipality=municipality)


@pytest.fixture
def stranger(other_municipality):
    """A verified member of Zwolle."""
    return MemberFactory(profile__municipality=other_municipality)


def section_titles(response, key) -> list[str]:
    return [item.title for item in response.context[key]]


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(START)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/mijn-kennisnetwerk/")


def test_pending_members_see_why_they_wait(client_as, pending_member):
    response = client_as(pending_member).get(START)

    assert response.status_code == 403
    assert "accounts/pending.html" in [t.name for t in response.templates]


def test_login_leads_to_the_start_page(client, member):
    assert resolve_url(settings.LOGIN_REDIRECT_URL) == START

    response = client.post(
        "/account/login/", {"login": member.email, "password": "geheim-wachtwoord-123"}
    )

    assert response.status_code == 302
    assert response["Location"] == START
    assert client.get(START).status_code == 200


def test_new_items_in_followed_themes_and_municipalities(
    client_as, member, colleague, stranger, other_municipality
):
    Follow.objects.create(user=member, theme=Theme.objects.get(slug="polarisatie"))
    Follow.objects.create(user=member, municipality=other_municipality)
    make_practice(title="Dialoogtafels", municipality=None, themes=("polarisatie",))
    make_practice(title="Zwolse buurtaanpak", municipality=other_municipality, themes=())
    make_practice(
        title="Alleen voor Zwolle",
        municipality=other_municipality,
        visibility="restricted",
        themes=("polarisatie",),
    )
    make_practice(title="Over jongeren", municipality=None, themes=("jongeren",))
    make_question(author=colleague, title="Polarisatie op school?", themes=("polarisatie",))
    make_question(author=stranger, title="Vraag uit Zwolle", themes=())
    make_question(author=member, title="Mijn eigen polarisatievraag", themes=("polarisatie",))

    response = client_as(member).get(START)

    assert set(section_titles(response, "followed_practices")) == {
        "Dialoogtafels",
        "Zwolse buurtaanpak",
    }
    assert set(section_titles(response, "followed_questions")) == {
        "Polarisatie op school?",
        "Vraag uit Zwolle",
    }
    html = response.content.decode()
    assert "Alleen voor Zwolle" not in html
    assert "Over jongeren" not in html


def test_without_follows_the_page_says_how_to_follow(client_as, member):
    html = client_as(member).get(START).content.decode()

    assert "U volgt nog geen thema's of gemeenten" in html
    assert 'href="/thema/"' in html


def test_open_questions_in_the_members_expertise_they_could_answer(
    client_as, municipality, colleague, stranger, other_municipality
):
    expert = MemberFactory(
        profile__municipality=municipality,
        profile__expertise_themes=list(Theme.objects.filter(slug="jongeren")),
    )
    make_question(author=stranger, title="Open vraag over jongeren", themes=("jongeren",))
    make_question(author=expert, title="Eigen vraag over jongeren", themes=("jongeren",))
    answered = make_question(author=stranger, title="Al beantwoord door mij", themes=("jongeren",))
    make_answer(question=answered, author=expert)
    make_question(
        author=stranger,
        title="Gesloten vraag",
        themes=("jongeren",),
        status=QuestionStatus.CLOSED,
    )
    make_question(author=stranger, title="Vraag over iets anders", themes=("polarisatie",))
    outsider = MemberFactory(profile__municipality=other_municipality)
    make_question(
        author=outsider,
        title="Alleen voor Zwolle",
        themes=("jongeren",),
        visibility="restricted",
    )

    response = client_as(expert).get(START)

    assert section_titles(response, "questions_to_answer") == ["Open vraag over jongeren"]


def test_hidden_answers_do_not_count_on_the_start_page(client_as, member, stranger):
    member.profile.expertise_themes.set(Theme.objects.filter(slug="jongeren"))
    question = make_question(author=stranger, title="Vraag met verborgen antwoord")
    make_answer(question=question, author=stranger, hidden=True)

    response = client_as(member).get(START)

    (shown,) = response.context["questions_to_answer"]
    assert shown.shown_answer_count == 0
    assert "0 antwoorden" in response.content.decode()


def test_drafts_and_own_questions(client_as, member, colleague, stranger):
    make_practice(title="Ons concept", municipality=member.profile.municipality, live=False)
    make_practice(
        title="Concept uit Zwolle", municipality=stranger.profile.municipality, live=False
    )
    make_question(author=member, title="Wat ik zelf vroeg")
    make_question(author=colleague, title="Wat mijn collega vroeg")

    response = client_as(member).get(START)
    html = response.content.decode()

    assert [draft.title for draft in response.context["drafts"]] == ["Ons concept"]
    assert "Concept uit Zwolle" not in html
    assert section_titles(response, "my_questions") == ["Wat ik zelf vroeg"]
    assert 'href="/vragen/mijn/"' in html


def test_the_municipalitys_recent_activity(client_as, member, colleague, stranger):
    make_practice(title="Utrechtse aanpak", municipality=member.profile.municipality)
    make_practice(title="Zwolse aanpak", municipality=stranger.profile.municipality)
    asked = make_question(author=colleague, title="Vraag van een collega")
    elsewhere = make_question(author=stranger, title="Vraag uit Zwolle")
    make_answer(question=elsewhere, author=colleague, body="Ons antwoord")
    hidden_on = make_question(author=stranger, title="Vraag met verborgen Utrechts antwoord")
    make_answer(question=hidden_on, author=colleague, hidden=True)

    response = client_as(member).get(START)
    lines = response.context["activity"]

    assert {(line.kind, line.title) for line in lines} == {
        ("practice", "Utrechtse aanpak"),
        ("question", "Vraag van een collega"),
        ("answer", "Vraag uit Zwolle"),
    }
    assert [line.at for line in lines] == sorted((line.at for line in lines), reverse=True)
    assert asked.get_absolute_url() in response.content.decode()


def test_open_questionnaires_are_on_the_start_page_and_closed_ones_not(client_as, member):
    from tests.inventories.conftest import make_questionnaire

    make_questionnaire(slug="quickscan-open")
    make_questionnaire(slug="quickscan-dicht", opens=-30, closes=-1)

    html = client_as(member).get(START).content.decode()

    assert "Inventarisaties die open staan" in html
    assert 'href="/inventarisaties/quickscan-open/"' in html
    assert "quickscan-dicht" not in html


def test_a_municipal_member_is_offered_to_share_a_practice(client_as, member):
    html = client_as(member).get(START).content.decode()

    assert 'href="/praktijken/delen/"' in html
    assert "Deel een praktijk" in html


def test_a_partner_organisation_member_is_not_offered_to_share(client_as, db):
    partner = MemberFactory(profile__municipality=None, profile__organisation="Jongerenwerk BV")

    response = client_as(partner).get(START)

    assert response.status_code == 200
    assert response.context["can_share"] is False
    assert 'href="/praktijken/delen/"' not in response.content.decode()


@pytest.mark.parametrize("size", [2, 30])
def test_the_start_page_runs_a_fixed_number_of_queries(
    client_as, member, colleague, stranger, other_municipality, size, django_assert_max_num_queries
):
    member.profile.expertise_themes.set(Theme.objects.filter(slug__in=("jongeren", "onderwijs")))
    Follow.objects.create(user=member, theme=Theme.objects.get(slug="polarisatie"))
    Follow.objects.create(user=member, municipality=other_municipality)
    for i in range(size):
        visibility = ("public", "members", "restricted")[i % 3]
        make_practice(
            municipality=(member.profile.municipality, other_municipality)[i % 2],
            visibility=visibility,
            themes=("polarisatie", "jongeren"),
            live=i % 4 != 0,
        )
        question = make_question(
            author=(colleague, stranger, member)[i % 3],
            visibility=visibility,
            themes=("jongeren", "polarisatie"),
        )
        make_answer(question=question, author=(stranger, colleague)[i % 2])
        if i < 8:
            make_meeting(member, title=f"Bijeenkomst {i}", visibility=visibility)
    client = client_as(member)
    client.get("/")  # the session's first request records it; Wagtail caches its site paths

    with django_assert_max_num_queries(MAX_START_QUERIES):
        response = client.get(START)

    assert response.status_code == 200
    assert response.context["followed_practices"]
    assert response.context["questions_to_answer"]
    assert response.context["drafts"]
    assert response.context["activity"]
    assert len(response.context["meetings"]) == min(5, size)
