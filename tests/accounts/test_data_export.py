"""A member sees and downloads everything the network keeps about them, and nothing else."""

import pytest
from django.utils.html import escape
from wagtail.models import APIToken

from exchange.accounts.tokens import api_token_create
from exchange.notifications.models import (
    ExpertRouting,
    Kind,
    Notification,
    NotificationPreference,
    Rhythm,
)
from exchange.questions.models import Follow, Vote
from tests.factories import MemberFactory, ThemeFactory
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

URL = "/account/mijn-gegevens/"
# Session, user and the user-sessions bookkeeping (7); the visitor's groups, profile and
# municipality for the visibility check (3); then one query per kind of data: profile,
# expertise, questions and their themes, answers, votes, follows, titles of the questions
# referred to, preferences, e-mail addresses, two-factor, notifications, tokens, code of
# conduct acceptances, reports, expert routings, conversations through the site, answers
# in inventories, the member's looks at key figures' details in the network register,
# meeting registrations and whether a calendar feed exists (22).
EXPORT_QUERIES = 32


@pytest.fixture
def zwolle_member(other_municipality):
    return MemberFactory(
        profile__municipality=other_municipality,
        first_name="Zeno",
        last_name="Zwolsman",
        profile__bio="Ik werk in Zwolle-Zuid.",
    )


@pytest.fixture
def filled(member, zwolle_member, municipality, other_municipality):
    """A member with a question, an answer, a vote, three follows, preferences and a token."""
    theme = ThemeFactory(slug="jongeren", name="Jongeren")
    profile = member.profile
    profile.job_title = "Beleidsadviseur radicalisering"
    profile.bio = "Ik ken de wijkteams in Utrecht."
    profile.save()
    profile.expertise_themes.set([theme])
    own = make_question(
        author=member,
        title="Hoe betrekken jullie sleutelfiguren bij het wijkoverleg?",
        body="Wij zoeken ervaringen met sleutelfiguren.",
        themes=("jongeren",),
        visibility="members",
    )
    theirs = make_question(
        author=zwolle_member,
        title="Wie zit er aan tafel in het casusoverleg?",
        body="Geheime toelichting uit Zwolle.",
        visibility="public",
    )
    mine = make_answer(question=theirs, author=member, body="Bij ons schuift de GGD aan.")
    voted = make_answer(question=own, author=zwolle_member, body="Antwoord uit Zwolle.")
    Vote.objects.create(answer=voted, user=member)
    Vote.objects.create(answer=mine, user=zwolle_member)
    Follow.objects.create(user=member, question=theirs)
    Follow.objects.create(user=member, theme=theme)
    Follow.objects.create(user=member, municipality=other_municipality)
    Follow.objects.create(user=zwolle_member, municipality=municipality)
    NotificationPreference.objects.create(user=member, new_answer=Rhythm.DAILY)
    NotificationPreference.objects.create(user=zwolle_member, new_answer=Rhythm.OFF)
    Notification.objects.create(recipient=member, kind=Kind.NEW_ANSWER, question=own, answer=voted)
    ExpertRouting.objects.create(question=theirs, user=member)
    _token, raw = api_token_create(user=member, name="dashboard veiligheid")
    api_token_create(user=zwolle_member, name="token van zwolle")
    return {"own": own, "theirs": theirs, "mine": mine, "voted": voted, "raw_token": raw}


def test_json_download_holds_the_members_data(client_as, member, filled):
    response = client_as(member).get(URL, {"formaat": "json"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    data = response.json()
    assert data["profile"]["email"] == member.email
    assert data["profile"]["first_name"] == member.first_name
    assert data["profile"]["last_name"] == member.last_name
    assert data["profile"]["job_title"] == "Beleidsadviseur radicalisering"
    assert data["profile"]["bio"] == "Ik ken de wijkteams in Utrecht."
    assert data["profile"]["municipality"] == {"code": "GM0344", "name": "Utrecht"}
    assert data["profile"]["expertise_themes"] == ["Jongeren"]
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]
    [question] = data["questions"]
    assert question["id"] == filled["own"].pk
    assert question["title"] == "Hoe betrekken jullie sleutelfiguren bij het wijkoverleg?"
    assert question["body"] == "Wij zoeken ervaringen met sleutelfiguren."
    assert question["themes"] == ["Jongeren"]
    assert question["visibility"] == "members"
    [answer] = data["answers"]
    assert answer["id"] == filled["mine"].pk
    assert answer["body"] == "Bij ons schuift de GGD aan."
    assert answer["question_title"] == "Wie zit er aan tafel in het casusoverleg?"
    [vote] = data["votes"]
    assert vote["answer_id"] == filled["voted"].pk
    assert vote["question_id"] == filled["own"].pk
    assert [(f["kind"], f["target"]) for f in data["follows"]] == [
        ("question", {"id": filled["theirs"].pk, "title": filled["theirs"].title}),
        ("theme", {"slug": "jongeren", "name": "Jongeren"}),
        ("municipality", {"code": "GM0193", "name": "Zwolle"}),
    ]
    preferences = data["notification_preferences"]
    assert preferences["new_answer"] == "daily"  # chosen
    assert preferences["followed_theme"] == "weekly"  # the default
    assert [n["kind"] for n in data["notifications"]] == ["new_answer"]
    assert [r["question_id"] for r in data["expert_routings"]] == [filled["theirs"].pk]
    assert [t["name"] for t in data["api_tokens"]] == ["dashboard veiligheid"]
    assert [a["version"] for a in data["code_of_conduct_acceptances"]] == [1]


def test_export_holds_no_one_elses_data_and_no_secrets(client_as, member, zwolle_member, filled):
    response = client_as(member).get(URL, {"formaat": "json"})
    text = response.content.decode()

    for foreign in (
        zwolle_member.email,
        "Zwolsman",
        "Ik werk in Zwolle-Zuid.",
        "Antwoord uit Zwolle.",
        "Geheime toelichting uit Zwolle.",
        "token van zwolle",
    ):
        assert foreign not in text
    assert filled["raw_token"] not in text
    assert APIToken.objects.get(user=member).key_hash not in text
    assert len(response.json()["votes"]) == 1  # the vote on the member's own answer is not theirs


def test_page_shows_the_same_data_readably(client_as, member, zwolle_member, filled):
    response = client_as(member).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        member.email,
        escape(member.last_name),  # as rendered: van 't Hof → van &#x27;t Hof
        "Beleidsadviseur radicalisering",
        "Ik ken de wijkteams in Utrecht.",
        "Hoe betrekken jullie sleutelfiguren bij het wijkoverleg?",
        "Bij ons schuift de GGD aan.",
        "Wie zit er aan tafel in het casusoverleg?",
        "Dagelijks overzicht",
        "dashboard veiligheid",
        "Versie 1 geaccepteerd op",
        "?formaat=json",
    ):
        assert expected in html, expected
    for foreign in (zwolle_member.email, "Zwolsman", "Antwoord uit Zwolle.", "token van zwolle"):
        assert foreign not in html


def test_titles_of_questions_the_member_can_no_longer_see_are_left_out(
    client_as, member, zwolle_member
):
    restricted = make_question(
        author=zwolle_member, title="Alleen voor Zwolle", visibility="restricted"
    )
    make_answer(question=restricted, author=member, body="Mijn oude antwoord.")

    data = client_as(member).get(URL, {"formaat": "json"}).json()

    [answer] = data["answers"]
    assert answer["body"] == "Mijn oude antwoord."
    assert answer["question_title"] is None


def test_export_requires_login(client):
    for query in ({}, {"formaat": "json"}):
        response = client.get(URL, query)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


def fill(member, other, size: int) -> None:
    for i in range(size):
        question = make_question(author=member, title=f"Vraag {i} over jongeren")
        theirs = make_question(author=other, title=f"Vraag {i} uit Zwolle")
        make_answer(question=theirs, author=member, body=f"Antwoord {i}")
        Vote.objects.create(answer=make_answer(question=question, author=other), user=member)
        Follow.objects.create(user=member, question=theirs)
        Notification.objects.create(recipient=member, kind=Kind.NEW_ANSWER, question=question)
        api_token_create(user=member, name=f"token {i}")
    ThemeFactory.create_batch(size)


@pytest.mark.parametrize("size", [1, 8])
def test_export_runs_a_fixed_number_of_queries(
    size, client_as, member, zwolle_member, django_assert_num_queries
):
    fill(member, zwolle_member, size)
    client = client_as(member)

    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get(URL, {"formaat": "json"})

    assert len(response.json()["answers"]) == size
