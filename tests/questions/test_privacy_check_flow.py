"""Asking and answering with likely personal data: warned, nothing saved until the member
confirms, and moderators see that the warning was overridden."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.core.models import CaseRoutesSetting
from exchange.core.privacy_check import OVERRIDE_ACTION
from exchange.questions.models import Answer, Question
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db

ASK = "/vragen/stel-een-vraag/"
CASE_TEXT = "Mevrouw Jansen (06-12345678) maakt zich zorgen over haar zoon."


def ask_form(**changes):
    return {
        "title": "Hoe ondersteunen jullie ouders die zich zorgen maken?",
        "body": CASE_TEXT,
        "visibility": "members",
        **changes,
    }


def shown_fingerprint(content: str) -> str:
    marker = 'name="privacy_shown" value="'
    start = content.index(marker) + len(marker)
    return content[start : content.index('"', start)]


def test_asking_with_personal_data_shows_what_was_found_and_saves_nothing(client_as, member):
    response = client_as(member).post(ASK, ask_form())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Uw tekst lijkt persoonsgegevens te bevatten." in content
    assert "<q>Mevrouw Jansen</q>" in content and "<q>06-12345678</q>" in content
    assert "naam van een persoon" in content and "telefoonnummer" in content
    assert "Ik heb dit gecontroleerd; het gaat niet om gegevens van een persoon" in content
    assert Question.objects.count() == 0


def test_a_confirmed_question_is_placed_and_the_override_is_logged(client_as, member):
    client = client_as(member)
    warned = client.post(ASK, ask_form()).content.decode()
    response = client.post(
        ASK,
        ask_form(privacy_shown=shown_fingerprint(warned), privacy_confirmed="on"),
    )
    question = Question.objects.get()
    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action=OVERRIDE_ACTION)
    assert entry.object_id == str(question.pk)
    assert entry.user == member
    # Which kinds, never the text: the trail must not copy the personal data.
    assert entry.data == {"kinds": ["name", "phone"]}
    assert "Jansen" not in str(entry.data)


def test_an_ordinary_question_is_placed_without_a_warning_or_log(client_as, member):
    response = client_as(member).post(ASK, ask_form(body="Welke aanpak werkt bij ouders?"))
    assert response.status_code == 302
    assert not ModelLogEntry.objects.filter(action=OVERRIDE_ACTION).exists()


def test_an_answer_with_personal_data_is_warned_then_placed_after_confirming(
    client_as, member, other_member
):
    question = make_question(author=other_member, visibility="members")
    client = client_as(member)
    url = reverse("answer_create", args=[question.pk])
    body = "Wij belden de moeder, mail moeder123@hotmail.com, en dat hielp."
    warned = client.post(url, {"body": body})
    assert warned.status_code == 200
    assert "<q>moeder123@hotmail.com</q>" in warned.content.decode()
    assert Answer.objects.count() == 0

    fingerprint = shown_fingerprint(warned.content.decode())
    placed = client.post(
        url, {"body": body, "privacy_shown": fingerprint, "privacy_confirmed": "on"}
    )
    answer = Answer.objects.get()
    assert placed.status_code == 302
    assert ModelLogEntry.objects.get(action=OVERRIDE_ACTION).object_id == str(answer.pk)


def test_editing_an_answer_is_checked_too(client_as, member, other_member):
    question = make_question(author=other_member, visibility="members")
    answer = make_answer(question=question, author=member)
    url = reverse("answer_edit", args=[answer.pk])
    response = client_as(member).post(url, {"body": "Zie Kerkstraat 12 in Utrecht.", "reason": ""})
    assert response.status_code == 200
    assert "<q>Kerkstraat 12</q>" in response.content.decode()
    answer.refresh_from_db()
    assert "Kerkstraat" not in answer.body_markdown


def test_moderators_see_the_override_on_the_dashboard_and_in_the_audit_trail(
    client_as, member, moderator
):
    client = client_as(member)
    warned = client.post(ASK, ask_form()).content.decode()
    client.post(ASK, ask_form(privacy_shown=shown_fingerprint(warned), privacy_confirmed="on"))
    question = Question.objects.get()

    moderator_client = client_as(moderator)
    dashboard = moderator_client.get(reverse("kn_moderation:dashboard")).content.decode()
    assert "Geplaatst ondanks waarschuwing persoonsgegevens (30 dagen) (1)" in dashboard
    assert f'href="{question.get_absolute_url()}"' in dashboard
    assert "naam van een persoon, telefoonnummer" in dashboard

    trail = moderator_client.get(
        reverse("kn_moderation:audit_log"), {"actie": OVERRIDE_ACTION}
    ).content.decode()
    assert "Geplaatst ondanks waarschuwing persoonsgegevens" in trail
    assert "naam van een persoon, telefoonnummer" in trail


# -- the notice beside every form -----------------------------------------------------------


def test_every_question_form_says_where_worries_about_a_person_belong(
    client_as, member, other_member
):
    question = make_question(author=member, visibility="members")
    answer = make_answer(question=make_question(author=other_member), author=member)
    client = client_as(member)
    for url in (
        ASK,
        reverse("question_edit", args=[question.pk]),
        reverse("answer_edit", args=[answer.pk]),
        make_question(author=other_member, visibility="members").get_absolute_url(),
    ):
        content = client.get(url).content.decode()
        assert "Dit is niet de plek om die te melden" in content, url
        assert "Veilig Thuis" in content and "Zorg- en Veiligheidshuis" in content, url
        assert "0900-8844" in content, url


def test_moderators_set_the_routes_text_in_the_admin(client_as, member, moderator):
    edit = reverse("wagtailsettings:edit", args=["core", "caseroutessetting"])
    form = client_as(moderator).get(edit, follow=True)
    assert form.status_code == 200
    routes = "- Bel het **Veiligheidshuis Utrecht**: 030-1234567\n- <script>x</script>Politie"
    saved = client_as(moderator).post(form.redirect_chain[-1][0], {"routes": routes})
    assert saved.status_code == 302
    assert CaseRoutesSetting.objects.get().routes == routes
    content = client_as(member).get(ASK).content.decode()
    assert "<strong>Veiligheidshuis Utrecht</strong>" in content
    assert "<script>x" not in content
    assert "0800-2000" not in content  # the moderators' text replaces the default
