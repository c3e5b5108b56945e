"""A moderator's powers need the second factor in the session; an API token never has them."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from exchange.questions.models import Question
from tests.factories import TOTP_SECRET, ModeratorFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture(autouse=True)
def _tolerant_totp(settings):
    # A code made at the end of a 30-second window is still good in the next one.
    settings.MFA_TOTP_TOLERANCE = 1


def totp_code(secret: str = TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def content(member, municipality):
    """What only moderators (or Utrecht's members) may read, by a member of Utrecht."""
    return {
        "restricted_question": make_question(
            author=member, title="Beperkte vraag over sleutelfiguren", visibility="restricted"
        ),
        "hidden_question": make_question(author=member, title="Verborgen vraag", hidden=True),
        "restricted_practice": make_practice(
            title="Beperkte aanpak okapi", municipality=municipality, visibility="restricted"
        ),
        "open_question": make_question(author=member, title="Gewone vraag"),
    }


def password_only_client(user) -> Client:
    """A session that signed in with the password but never passed the TOTP step."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def reads(client, content, **headers) -> dict[str, int]:
    """The status of each moderators-only read, on the site and through the API."""
    return {
        "site restricted question": client.get(
            content["restricted_question"].get_absolute_url(), **headers
        ).status_code,
        "site hidden question": client.get(
            content["hidden_question"].get_absolute_url(), **headers
        ).status_code,
        "site restricted practice": client.get(
            content["restricted_practice"].url, **headers
        ).status_code,
        "api restricted question": client.get(
            f"/api/v1/questions/{content['restricted_question'].pk}", **headers
        ).status_code,
        "api hidden question": client.get(
            f"/api/v1/questions/{content['hidden_question'].pk}", **headers
        ).status_code,
        "api restricted practice": client.get(
            f"/api/v1/practices/{content['restricted_practice'].pk}", **headers
        ).status_code,
    }


def api_reads(client, content, raw_token: str) -> set[int]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw_token}"}
    return {status for name, status in reads(client, content, **headers).items() if "api" in name}


def create_token(client) -> str:
    response = client.post(reverse("api_tokens"), {"name": "dashboard"})
    assert response.status_code == 200
    return response.context["raw_token"]


def lock(client, question) -> bool:
    client.post(reverse("question_lock", args=[question.pk]))
    return Question.objects.get(pk=question.pk).locked


def test_moderator_without_totp_in_the_session_reads_and_acts_as_a_member(moderator, content):
    client = password_only_client(moderator)
    assert set(reads(client, content).values()) == {404}
    assert not lock(client, content["open_question"])
    # The members-only list still answers: the moderator is a verified member.
    assert client.get(reverse("question_list")).status_code == 200


def test_moderator_without_any_authenticator_has_no_powers_either(client_as, content):
    client = client_as(ModeratorFactory(mfa=False))
    assert set(reads(client, content).values()) == {404}
    assert not lock(client, content["open_question"])


def test_token_made_without_totp_reads_nothing_restricted_or_hidden(moderator, content):
    raw = create_token(password_only_client(moderator))
    assert api_reads(Client(), content, raw) == {404}


def test_after_the_totp_step_the_same_moderator_can(moderator, content):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": moderator.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert set(reads(client, content).values()) == {404}  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert set(reads(client, content).values()) == {200}
    assert lock(client, content["open_question"])


def test_moderator_is_asked_for_a_code_in_the_admin_and_then_has_powers(moderator, content):
    client = password_only_client(moderator)
    response = client.get("/beheer/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(response["Location"], {"code": totp_code()})
    assert response["Location"] == "/beheer/"
    assert client.get("/beheer/").status_code == 200
    assert set(reads(client, content).values()) == {200}


def test_activating_totp_counts_as_the_second_factor(
    client, content, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory(mfa=False)
    client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    assert client.get("/beheer/")["Location"].startswith(reverse("mfa_activate_totp"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert client.get("/beheer/").status_code == 200
    assert set(reads(client, content).values()) == {200}


def test_a_moderators_token_never_reads_hidden_or_restricted_content(client_as, moderator, content):
    client = client_as(moderator)
    assert set(reads(client, content).values()) == {200}  # the session has the second factor
    raw = create_token(client)
    assert api_reads(Client(), content, raw) == {404}
    # Even next to a session with the second factor, the token decides.
    assert api_reads(client, content, raw) == {404}
