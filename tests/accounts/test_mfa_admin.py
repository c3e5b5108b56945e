"""Moderators and admins must set up two-factor authentication before using the admin."""

import pytest
from django.urls import reverse

from tests.factories import ModeratorFactory

pytestmark = pytest.mark.django_db


def test_moderator_without_mfa_is_sent_to_set_it_up(client_as):
    moderator = ModeratorFactory(mfa=False)
    client = client_as(moderator)
    for path in ("/beheer/", "/beheer/pages/", reverse("kn_members:index")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_moderator_with_mfa_uses_the_admin(client_as, moderator):
    assert client_as(moderator).get("/beheer/").status_code == 200


def test_superuser_without_mfa_is_blocked_too(client_as, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@voorbeeld.nl", password="x")
    response = client_as(admin).get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_admin_login_goes_through_allauth(client):
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get("/beheer/login/?next=/beheer/")["Location"].startswith(
        reverse("account_login")
    )


def test_members_may_turn_on_mfa(client, member):
    client.post(
        reverse("account_login"), {"login": member.email, "password": "geheim-wachtwoord-123"}
    )
    # Turning on MFA asks for the password again first (allauth's reauthentication).
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": "geheim-wachtwoord-123"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert "totp_url" in response.context
