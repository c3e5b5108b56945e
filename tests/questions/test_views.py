"""The question pages and their actions, as a member uses them (POST, redirect, message)."""

import pytest
from django.contrib.messages import get_messages

from exchange.questions import services
from exchange.questions.models import Answer, Follow, Question, Revision, Vote
from exchange.themes.models import Theme
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

ASK = "/vragen/stel-een-vraag/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def question(asker):
    return make_question(author=asker, title="Hoe organiseren jullie een wijkgesprek?")


@pytest.fixture
def answer(question, answerer):
    return make_answer(question=question, author=answerer, body="Met de wijkagent erbij.")


# -- asking ---------------------------------------------------------------------------------


def test_ask_flow_end_to_end(client_as, member, municipality, other_municipality):
    client = client_as(member)
    page = client.get(ASK)
    assert page.status_code == 200
    content = page.content.decode()
    assert "niet bedoeld voor persoonsgegevens" in content
    assert "Zorg- en Veiligheidshuis" in content and "politie" in content
    assert 'src="/static/js/ask-similar.js" defer' in content

    themes = list(Theme.objects.filter(slug__in=["jongeren", "onderwijs"]))
    response = client.post(
        ASK,
        {
            "title": "Hoe bespreken scholen de oorlog in Gaza?",
            "body": "Wij zoeken **lesmateriaal**.",
            "themes": [theme.pk for theme in themes],
            "visibility": "restricted",
            "allowed_municipalities": [municipality.pk, other_municipality.pk],
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == question.get_absolute_url()
    assert question.author == member
    assert set(question.themes.all()) == set(themes)
    assert set(question.allowed_municipalities.all()) == {municipality, other_municipality}
    assert question.body_html == "<p>Wij zoeken <strong>lesmateriaal</strong>.</p>"
    assert Follow.objects.filter(user=member, question=question).exists()
    detail = client.get(response["Location"])
    assert "Uw vraag is geplaatst" in detail.content.decode()


def test_ask_prefills_the_title_from_the_search_page(client_as, member):
    response = client_as(member).get(ASK, {"titel": "Radicalisering online"})
    assert 'value="Radicalisering online"' in response.content.decode()


def test_find_similar_without_javascript_keeps_input_and_creates_nothing(client_as, member, asker):
    make_question(author=asker, title="Ervaring met een wijkgesprek na onrust")
    response = client_as(member).post(
        ASK,
        {"title": "Wijkgesprek organiseren", "body": "Mijn toelichting", "vergelijkbaar": "1"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ervaring met een wijkgesprek na onrust" in content
    assert "Mijn toelichting" in content
    assert "Controleer de gemarkeerde velden" not in content
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "visibility": "public"}, "title", "Dit is een verplicht veld"),
        ({"title": "x" * 10_000, "visibility": "public"}, "title", "niet meer dan 200 tekens"),
        (
            {"title": "Geldige vraag", "visibility": "public", "themes": ["999999"]},
            "themes",
            "Selecteer een geldige keuze",
        ),
        (
            {"title": "Geldige vraag", "visibility": "restricted"},
            "allowed_municipalities",
            "Kies ten minste één gemeente",
        ),
        ({"title": "Geldige vraag", "visibility": "iedereen"}, "visibility", "geldige keuze"),
    ],
)
def test_bad_input_shows_dutch_errors_and_creates_nothing(client_as, member, data, field, message):
    response = client_as(member).post(ASK, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert any(message in error for error in form.errors[field])
    content = response.content.decode()
    assert "Controleer de gemarkeerde velden" in content
    assert 'aria-invalid="true"' in content
    assert not Question.objects.exists()


def test_ask_is_for_verified_members(client, client_as, pending_member):
    assert client.get(ASK).status_code == 302
    response = client_as(pending_member).get(ASK)
    assert response.status_code == 403
    response = client_as(pending_member).post(ASK, {"title": "Toch?", "visibility": "public"})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_rate_limit_shows_as_a_message_and_keeps_the_text(settings, client_as, member):
    settings.QUESTION_RATE_LIMITS = {"question": (1, 3600), "answer": (1, 3600)}
    client = client_as(member)
    client.post(ASK, {"title": "Eerste vraag", "visibility": "public"})
    response = client.post(ASK, {"title": "Tweede vraag", "visibility": "public"})
    assert response.status_code == 200
    assert any("maximum" in message for message in messages_of(response))
    assert 'value="Tweede vraag"' in response.content.decode()
    assert Question.objects.count() == 1


# -- the question page ----------------------------------------------------------------------


def test_wrong_slug_redirects_to_the_right_one(client, question):
    response = client.get(f"/vragen/{question.pk}-oude-titel/")
    assert response.status_code == 301
    assert response["Location"] == f"/vragen/{question.pk}-hoe-organiseren-jullie-een-wijkgesprek/"
    assert client.get(f"/vragen/{question.pk}/").status_code == 301


@pytest.mark.parametrize("path", ["/vragen/999999-iets/", "/vragen/99999999999999999999999-x/"])
def test_unknown_question_is_404(client, path):
    assert client.get(path).status_code == 404


def test_answers_come_accepted_first_then_helpful_then_oldest(client_as, member, question, asker):
    oldest = make_answer(question=question, author=asker, body="Oudste")
    helpful = make_answer(question=question, author=asker, body="Nuttigste", helpful_count=3)
    accepted = make_answer(question=question, author=asker, body="Geaccepteerd", accepted=True)
    response = client_as(member).get(question.get_absolute_url())
    assert [a.pk for a in response.context["answers"]] == [accepted.pk, helpful.pk, oldest.pk]


def test_answering_posts_and_redirects_to_the_answer(client_as, member, question):
    response = client_as(member).post(
        f"/vragen/{question.pk}/antwoorden/", {"body": "Zo doen wij het."}
    )
    answer = Answer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{question.get_absolute_url()}#antwoord-{answer.pk}"


def test_empty_answer_shows_an_error_on_the_page(client_as, member, question):
    response = client_as(member).post(f"/vragen/{question.pk}/antwoorden/", {"body": ""})
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in response.content.decode()
    assert not Answer.objects.exists()


def test_closed_question_refuses_answers_with_a_message(client_as, member, question, asker):
    services.question_close(actor=asker, question=question, reason="resolved")
    response = client_as(member).post(f"/vragen/{question.pk}/antwoorden/", {"body": "Te laat"})
    assert response.status_code == 200
    assert any("gesloten" in message for message in messages_of(response))
    assert not Answer.objects.exists()


def test_asker_accepts_and_unaccepts(client_as, asker, question, answer):
    client = client_as(asker)
    response = client.post(f"/vragen/antwoord/{answer.pk}/accepteren/", {"accepted": "1"})
    assert response.status_code == 302
    answer.refresh_from_db()
    question.refresh_from_db()
    assert answer.accepted and question.status == "answered"
    client.post(f"/vragen/antwoord/{answer.pk}/accepteren/", {"accepted": "0"})
    answer.refresh_from_db()
    assert not answer.accepted


def test_other_member_cannot_accept(client_as, member, answer):
    response = client_as(member).post(
        f"/vragen/antwoord/{answer.pk}/accepteren/", {"accepted": "1"}
    )
    assert response.status_code == 302
    assert any("vraagsteller of een moderator" in m for m in messages_of(response))
    answer.refresh_from_db()
    assert not answer.accepted


def test_accept_buttons_only_for_asker_and_moderator(client_as, asker, member, moderator, answer):
    url = answer.question.get_absolute_url()
    assert "Accepteer dit antwoord" in client_as(asker).get(url).content.decode()
    assert "Accepteer dit antwoord" in client_as(moderator).get(url).content.decode()
    assert "Accepteer dit antwoord" not in client_as(member).get(url).content.decode()


def test_helpful_vote_toggles_and_the_button_says_so(client_as, member, answer):
    client = client_as(member)
    url = answer.question.get_absolute_url()
    assert 'aria-pressed="false"' in client.get(url).content.decode()
    client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", {"vote": "1"})
    response = client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", {"vote": "1"})
    assert any("al als nuttig" in message for message in messages_of(response))
    answer.refresh_from_db()
    assert answer.helpful_count == 1
    assert 'aria-pressed="true"' in client.get(url).content.decode()
    client.post(f"/vragen/antwoord/{answer.pk}/nuttig/", {"vote": "0"})
    assert not Vote.objects.exists()


def test_voting_on_own_answer_shows_a_message(client_as, answerer, answer):
    response = client_as(answerer).post(f"/vragen/antwoord/{answer.pk}/nuttig/", {"vote": "1"})
    assert response.status_code == 302
    assert any("eigen antwoord" in message for message in messages_of(response))
    assert not Vote.objects.exists()


def test_actions_need_post(client_as, member, answer):
    client = client_as(member)
    assert client.get(f"/vragen/antwoord/{answer.pk}/nuttig/").status_code == 405
    assert client.get(f"/vragen/{answer.question_id}/volgen/").status_code == 405


def test_follow_and_unfollow(client_as, member, question):
    client = client_as(member)
    client.post(f"/vragen/{question.pk}/volgen/", {"follow": "1"})
    assert Follow.objects.filter(user=member, question=question).exists()
    response = client.post(
        f"/vragen/{question.pk}/volgen/", {"follow": "0", "next": "/vragen/mijn/"}
    )
    assert response["Location"] == "/vragen/mijn/"
    assert not Follow.objects.filter(user=member, question=question).exists()


def test_follow_ignores_a_next_to_another_site(client_as, member, question):
    response = client_as(member).post(
        f"/vragen/{question.pk}/volgen/", {"follow": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == question.get_absolute_url()


def test_follow_theme_and_municipality_from_their_pages(client_as, member, other_municipality):
    client = client_as(member)
    page = client.get("/thema/jongeren/").content.decode()
    assert "Volg dit thema" in page
    client.post("/vragen/volgen/thema/jongeren/", {"follow": "1"})
    assert Follow.objects.filter(user=member, theme__slug="jongeren").exists()
    assert "Dit thema niet meer volgen" in client.get("/thema/jongeren/").content.decode()
    client.post(f"/vragen/volgen/gemeente/{other_municipality.slug}/", {"follow": "1"})
    assert Follow.objects.filter(user=member, municipality=other_municipality).exists()
    mine = client.get("/vragen/mijn/").content.decode()
    assert "Jongeren" in mine and "Zwolle" in mine
    client.post("/vragen/volgen/thema/jongeren/", {"follow": "0"})
    assert not Follow.objects.filter(user=member, theme__slug="jongeren").exists()


def test_asker_closes_with_a_reason(client_as, asker, question):
    client = client_as(asker)
    response = client.post(f"/vragen/{question.pk}/sluiten/", {"reason": "resolved"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "closed" and question.closed_reason == "resolved"
    assert "Deze vraag is gesloten" in client.get(question.get_absolute_url()).content.decode()


def test_close_without_valid_reason_changes_nothing(client_as, asker, question):
    response = client_as(asker).post(f"/vragen/{question.pk}/sluiten/", {"reason": "zomaar"})
    assert messages_of(response)
    question.refresh_from_db()
    assert question.status == "open"


def test_other_member_cannot_close(client_as, member, question):
    response = client_as(member).post(f"/vragen/{question.pk}/sluiten/", {"reason": "resolved"})
    assert any("vraagsteller of een moderator" in m for m in messages_of(response))
    question.refresh_from_db()
    assert question.status == "open"


def test_moderator_reopens_and_locks(client_as, moderator, asker, question):
    services.question_close(actor=asker, question=question, reason="resolved")
    client = client_as(moderator)
    client.post(f"/vragen/{question.pk}/heropenen/")
    question.refresh_from_db()
    assert question.status == "open"
    client.post(f"/vragen/{question.pk}/vergrendelen/", {"locked": "1"})
    question.refresh_from_db()
    assert question.locked


def test_mark_duplicate_by_number(client_as, asker, question):
    original = make_question(author=asker, title="Eerdere vraag over wijkgesprekken")
    client = client_as(asker)
    client.post(f"/vragen/{question.pk}/dubbel/", {"original": str(original.pk)})
    question.refresh_from_db()
    assert question.duplicate_of == original and question.closed_reason == "duplicate"
    page = client.get(question.get_absolute_url()).content.decode()
    assert original.get_absolute_url() in page


@pytest.mark.parametrize("original", ["abc", "999999", "restricted"])
def test_mark_duplicate_refuses_bad_numbers(client_as, asker, other_member, question, original):
    if original == "restricted":
        original = str(
            make_question(author=other_member, title="Zwols geheim", visibility="restricted").pk
        )
    response = client_as(asker).post(f"/vragen/{question.pk}/dubbel/", {"original": original})
    assert response.status_code == 302
    assert messages_of(response)
    question.refresh_from_db()
    assert question.status == "open" and question.duplicate_of is None


# -- editing and history --------------------------------------------------------------------


def test_edit_question_keeps_history(client_as, asker, question):
    client = client_as(asker)
    assert client.get(f"/vragen/{question.pk}/bewerken/").status_code == 200
    response = client.post(
        f"/vragen/{question.pk}/bewerken/",
        {"title": "Hoe organiseren jullie een goed wijkgesprek?", "visibility": "public"},
    )
    assert response.status_code == 302
    revision = Revision.objects.get(question=question)
    assert revision.title_before == "Hoe organiseren jullie een wijkgesprek?"
    question.refresh_from_db()
    assert response["Location"] == question.get_absolute_url()


def test_other_member_cannot_edit(client_as, member, question, answer):
    client = client_as(member)
    response = client.get(f"/vragen/{question.pk}/bewerken/")
    assert response.status_code == 302
    response = client.post(f"/vragen/antwoord/{answer.pk}/bewerken/", {"body": "Gekaapt"})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body_markdown == "Met de wijkagent erbij."
    assert not Revision.objects.exists()


def test_edit_answer(client_as, answerer, answer):
    client = client_as(answerer)
    response = client.post(
        f"/vragen/antwoord/{answer.pk}/bewerken/", {"body": "Met de *wijkagent*.", "reason": "typo"}
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body_html == "<p>Met de <em>wijkagent</em>.</p>"
    assert Revision.objects.get(answer=answer).body_before == "Met de wijkagent erbij."


def test_history_is_for_the_asker_and_moderators(
    client, client_as, asker, member, moderator, question, answerer, answer
):
    services.question_update(editor=asker, question=question, title="Nieuwe titel", body="")
    url = f"/vragen/{question.pk}/geschiedenis/"
    response = client_as(asker).get(url)
    assert response.status_code == 200
    assert "Hoe organiseren jullie een wijkgesprek?" in response.content.decode()
    assert client_as(moderator).get(url).status_code == 200
    assert client_as(member).get(url).status_code == 404
    assert client_as(answerer).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert (
        "Bewerkingsgeschiedenis"
        not in client_as(member).get(question.get_absolute_url()).content.decode()
    )


def test_report_link_follows_the_moderation_app(client_as, member, answer):
    from django.urls import NoReverseMatch, reverse

    try:
        report_url = reverse("report_create", kwargs={"kind": "answer", "pk": answer.pk})
    except NoReverseMatch:
        report_url = None
    response = client_as(member).get(answer.question.get_absolute_url())
    assert response.status_code == 200
    # Until the moderation app provides the view, the page renders without the link.
    assert ("Melden" in response.content.decode()) == (report_url is not None)


def test_list_filters_and_sorts(client, asker, answerer):
    quiet = make_question(author=asker, title="Stille vraag", themes=("onderwijs",))
    busy = make_question(author=asker, title="Drukke vraag", themes=("jongeren",))
    make_answer(question=busy, author=answerer)
    response = client.get("/vragen/", {"onbeantwoord": "1"})
    assert [q.pk for q in response.context["results"]] == [quiet.pk]
    response = client.get("/vragen/", {"thema": "jongeren"})
    assert [q.pk for q in response.context["results"]] == [busy.pk]
    response = client.get("/vragen/", {"sorteer": "actief"})
    assert [q.pk for q in response.context["results"]] == [busy.pk, quiet.pk]
    response = client.get("/vragen/", {"sorteer": "onbeantwoord"})
    assert [q.pk for q in response.context["results"]][0] == quiet.pk
    response = client.get("/vragen/", {"status": "closed"})
    assert response.context["results"].paginator.count == 0
    assert "Geen vragen gevonden" in response.content.decode()


def test_similar_lists_questions_and_practices_the_visitor_may_see(
    client_as, member, asker, municipality, other_municipality
):
    from tests.practices.factories import make_practice

    make_question(author=asker, title="Buurtvaders bij onrust in de wijk")
    make_practice(title="Buurtvaders in Utrecht-Noord", municipality=municipality)
    make_practice(
        title="Buurtvaders Zwolle (intern)",
        municipality=other_municipality,
        visibility="restricted",
    )
    response = client_as(member).get("/vragen/gelijksoortig/", {"titel": "Werken met buurtvaders?"})
    content = response.content.decode()
    assert "Buurtvaders bij onrust in de wijk" in content
    assert "Buurtvaders in Utrecht-Noord" in content
    assert "Buurtvaders Zwolle (intern)" not in content
    assert "<html" not in content  # a fragment for the live region, not a page
