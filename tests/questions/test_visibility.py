"""Who sees which question, on every read path: pages, fragments, sections, feed and API.

Five visitors (anonymous, a verified member of the asker's municipality, a member of another
municipality, a pending member, a moderator) against a public, a members-only, a restricted
and a hidden question, each with an answer carrying a word of its own.
"""

import pytest

from exchange.questions.models import Follow
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "same", "other", "pending", "moderator"]
LEVELS = ["public", "members", "restricted", "hidden"]
EXPECTED = {
    "anonymous": {"public"},
    "same": {"public", "members", "restricted"},
    "other": {"public", "members"},
    "pending": {"public"},
    "moderator": {"public", "members", "restricted", "hidden"},
}
TITLES = {
    "public": "Openbare vraag over kolibrie",
    "members": "Ledenvraag over kolibrie",
    "restricted": "Beperkte vraag over kolibrie",
    "hidden": "Verborgen vraag over kolibrie",
}
HIDDEN_ANSWER = "Verborgenantwoordtapir"


def answer_text(level):
    return f"Antwoordtekst{level.capitalize()}Okapi"


@pytest.fixture
def questions(asker, answerer):
    made = {
        "public": make_question(author=asker, title=TITLES["public"]),
        "members": make_question(author=asker, title=TITLES["members"], visibility="members"),
        "restricted": make_question(
            author=asker, title=TITLES["restricted"], visibility="restricted"
        ),
        "hidden": make_question(author=asker, title=TITLES["hidden"], hidden=True),
    }
    for level, question in made.items():
        # Someone who can see the question answers it (Zwolle cannot see the restricted one).
        author = asker if level == "restricted" else answerer
        make_answer(question=question, author=author, body=answer_text(level))
    make_answer(question=made["public"], author=answerer, body=HIDDEN_ANSWER, hidden=True)
    return made


@pytest.fixture
def visitor(request, client, client_as, member, other_member, pending_member, moderator):
    users = {
        "anonymous": None,
        "same": member,
        "other": other_member,
        "pending": pending_member,
        "moderator": moderator,
    }
    user = users[request.param]
    return request.param, user, (client_as(user) if user else client)


def titles_in(content: str) -> set[str]:
    return {level for level, title in TITLES.items() if title in content}


def answers_in(content: str) -> set[str]:
    return {level for level in LEVELS if answer_text(level) in content}


# -- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_question_page(visitor, questions):
    kind, _user, client = visitor
    for level, question in questions.items():
        response = client.get(question.get_absolute_url())
        if level in EXPECTED[kind]:
            assert response.status_code == 200, (kind, level)
            assert answer_text(level) in response.content.decode()
        elif kind == "anonymous" and level == "members":
            assert response.status_code == 302, (kind, level)
            assert response["Location"].startswith("/account/login/")
        else:
            assert response.status_code == 404, (kind, level)
            assert TITLES[level] not in response.content.decode()


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_wrong_slug_does_not_reveal_the_title(visitor, questions):
    kind, _user, client = visitor
    for level, question in questions.items():
        response = client.get(f"/vragen/{question.pk}-iets-anders/")
        if level in EXPECTED[kind]:
            assert response.status_code == 301
            assert response["Location"] == question.get_absolute_url()
        else:
            assert response.status_code in (302, 404)
            assert question.slug not in response.get("Location", "")


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_hidden_answers_only_for_moderators(visitor, questions):
    kind, _user, client = visitor
    content = client.get(questions["public"].get_absolute_url()).content.decode()
    assert (HIDDEN_ANSWER in content) == (kind == "moderator")
    # The count shown says how many answers the visitor can read.
    shown = 2 if kind == "moderator" else 1
    assert f"{shown} antwoord" in content


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_list_items_and_counts(visitor, questions):
    kind, _user, client = visitor
    response = client.get("/vragen/")
    assert response.status_code == 200
    expected = EXPECTED[kind]
    assert titles_in(response.content.decode()) == expected
    assert response.context["results"].paginator.count == len(expected)
    counts = {
        group.key: {row.value: row.count for row in group.rows}
        for group in response.context["facet_groups"]
    }
    assert counts["theme"] == {"jongeren": len(expected)}
    assert counts["municipality"] == {"GM0344": len(expected)}
    assert counts["province"] == {"Utrecht": len(expected)}
    assert sum(counts["status"].values()) == len(expected)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_similar_fragment(visitor, questions):
    kind, _user, client = visitor
    response = client.get("/vragen/gelijksoortig/", {"titel": "Iemand ervaring met kolibrie?"})
    assert response.status_code == 200
    content = response.content.decode()
    assert titles_in(content) == EXPECTED[kind]
    assert not answers_in(content)


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_my_follows_show_only_what_the_member_may_still_see(visitor, questions):
    kind, user, client = visitor
    response = client.get("/vragen/mijn/")
    if user is None:
        assert response.status_code == 302
        return
    # Follows made while the question was visible stay, but must not leak it afterwards.
    Follow.objects.bulk_create(Follow(user=user, question=q) for q in questions.values())
    response = client.get("/vragen/mijn/")
    assert response.status_code == 200
    assert titles_in(response.content.decode()) == EXPECTED[kind]


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_municipality_and_theme_sections(visitor, questions):
    kind, _user, client = visitor
    for path in ("/gemeenten/utrecht/", "/thema/jongeren/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert titles_in(response.content.decode()) == EXPECTED[kind], path
        assert response.context["questions"]["count"] == len(EXPECTED[kind])


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_feed_is_public_questions_only_whoever_asks(visitor, questions):
    _kind, _user, client = visitor
    response = client.get("/vragen/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert titles_in(response.content.decode()) == {"public"}


# -- API ------------------------------------------------------------------------------------


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_api_list(visitor, questions):
    kind, _user, client = visitor
    data = client.get("/api/v1/questions").json()
    assert data["count"] == len(EXPECTED[kind])
    assert {item["title"] for item in data["items"]} == {TITLES[lvl] for lvl in EXPECTED[kind]}


@pytest.mark.parametrize("visitor", VISITORS, indirect=True)
def test_api_detail(visitor, questions):
    kind, _user, client = visitor
    for level, question in questions.items():
        response = client.get(f"/api/v1/questions/{question.pk}")
        if level not in EXPECTED[kind]:
            assert response.status_code == 404, (kind, level)
            assert TITLES[level] not in response.content.decode()
            continue
        assert response.status_code == 200, (kind, level)
        bodies = " ".join(answer["body_html"] for answer in response.json()["answers"])
        assert answer_text(level) in bodies
        assert (HIDDEN_ANSWER in bodies) == (kind == "moderator" and level == "public")


# -- answers of a question one may not see --------------------------------------------------


@pytest.mark.parametrize("visitor", ["anonymous", "other", "pending"], indirect=True)
def test_answers_of_a_restricted_question_never_show(visitor, questions):
    _kind, user, client = visitor
    restricted_answer = questions["restricted"].answers.get()
    for path in (
        "/vragen/",
        "/vragen/gelijksoortig/?titel=kolibrie",
        "/gemeenten/utrecht/",
        "/thema/jongeren/",
        "/vragen/feed/",
        "/api/v1/questions",
        f"/api/v1/questions/{questions['restricted'].pk}",
        questions["restricted"].get_absolute_url(),
    ):
        assert answer_text("restricted") not in client.get(path).content.decode(), path
    if user is not None:
        assert client.get(f"/vragen/antwoord/{restricted_answer.pk}/bewerken/").status_code == 404
        response = client.post(f"/vragen/antwoord/{restricted_answer.pk}/nuttig/", {"vote": "1"})
        assert response.status_code == 404
        assert client.get(f"/vragen/{questions['restricted'].pk}/geschiedenis/").status_code == 404


def test_the_asker_still_sees_a_hidden_question_of_their_own(client_as, asker, questions):
    client = client_as(asker)
    response = client.get(questions["hidden"].get_absolute_url())
    assert response.status_code == 200
    assert "verborgen door moderatie" in response.content.decode()
    assert TITLES["hidden"] in client.get("/vragen/mijn/").content.decode()
