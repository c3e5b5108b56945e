"""The account pages and mails speak the site's Dutch: "Inloggen", "Registreren", "u", no
English from Django or allauth, and after sign-up what the e-mail address meant."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-Lang-wachtwoord-42"
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)


def sign_up(client, email, *, password=PASSWORD, password2=None):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": password,
            "password2": password if password2 is None else password2,
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "job_title": "Beleidsadviseur",
            "organisation": "",
        },
    )


def field_errors(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'class="[^"]*error[^"]*"[^>]*>\s*([^<]+?)\s*<', html)


def visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "password,expected",
    [
        ("kort", "Dit wachtwoord is te kort. Het moet minstens 10 tekens bevatten."),
        ("1234567890123", "Dit wachtwoord bevat alleen cijfers."),
        ("password123", "Dit wachtwoord is te algemeen."),
    ],
)
def test_password_errors_on_the_sign_up_page_are_dutch(client, municipality, password, expected):
    response = sign_up(client, "f.elamrani@utrecht.nl", password=password)
    assert response.status_code == 200
    errors = " ".join(field_errors(response))
    assert expected in errors
    assert "password" not in errors.lower() and "This " not in errors


def test_the_sign_up_page_says_registreren_and_the_login_page_inloggen(client):
    signup = client.get(reverse("account_signup"))
    assert re.search(r"<h1[^>]*>\s*Registreren\s*</h1>", signup.content.decode())
    login = client.get(reverse("account_login"))
    assert re.search(r"<h1[^>]*>\s*Inloggen\s*</h1>", login.content.decode())
    header_links = re.findall(r'href="/account/(?:login|signup)/">([^<]+)<', login.content.decode())
    assert "Registreren" in header_links and "Inloggen" in header_links
    assert "Aanmelden" not in visible_text(login)


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_logout"]
)
def test_account_pages_address_the_visitor_as_u(client, member, name):
    if name == "account_logout":
        client.force_login(member)
    text = visible_text(client.get(reverse(name)))
    assert not INFORMAL.findall(text), INFORMAL.findall(text)


def test_a_failed_login_is_told_in_dutch_as_u(client, member):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "helemaal-fout-123"}
    )
    assert (
        "Het e-mailadres en/of wachtwoord dat u opgaf, is niet correct."
        in response.content.decode()
    )


def test_the_sign_up_mail_is_our_own_dutch_text_with_the_site_name(client, municipality, settings):
    sign_up(client, "f.elamrani@utrecht.nl")
    [message] = mail.outbox
    assert message.subject == "[Kennisnetwerk] Bevestig uw e-mailadres"
    assert message.body.startswith("Beste Fatima,")
    assert "Welkom bij Kennisnetwerk Sociale Stabiliteit" in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/account/confirm-email/" in message.body
    assert "Hallo van" not in message.body and "testserver" not in message.body
    assert not INFORMAL.findall(message.body)


def test_the_password_reset_mail_is_dutch(client, member, settings):
    mail.outbox.clear()
    client.post(reverse("account_reset_password"), {"email": member.email})
    [message] = mail.outbox
    assert message.subject == "[Kennisnetwerk] Nieuw wachtwoord instellen"
    assert "U (of iemand anders) heeft gevraagd om een nieuw wachtwoord" in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/account/password/reset/key/" in message.body
    assert message.body.rstrip().endswith(settings.WAGTAILADMIN_BASE_URL + "/")


# -- what the e-mail address meant ----------------------------------------------------------


def messages_after(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sign_up_from_a_municipal_domain_says_the_account_was_linked(client, municipality):
    response = sign_up(client, "f.elamrani@utrecht.nl")
    assert (
        "Uw e-mailadres hoort bij de gemeente Utrecht: uw account is aan deze gemeente "
        "gekoppeld." in " ".join(messages_after(response))
    )


def test_sign_up_from_another_domain_says_a_moderator_will_look(client, municipality):
    response = sign_up(client, "onderzoeker@hogeschool.example")
    said = " ".join(messages_after(response))
    assert "beoordeelt een moderator uw aanmelding" in said
    assert "gekoppeld" not in said


def test_a_taken_address_gets_the_same_message_so_nothing_is_revealed(client, municipality):
    existing = MemberFactory(email="bestaand@utrecht.nl", profile__municipality=municipality)
    taken = messages_after(sign_up(client, existing.email))
    client.logout()
    new = messages_after(sign_up(client, "iemand.anders@utrecht.nl"))
    linked = [m for m in taken if "gekoppeld" in m]
    assert linked and linked == [m for m in new if "gekoppeld" in m]
