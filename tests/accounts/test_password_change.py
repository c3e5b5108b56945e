"""A new password signs the member out everywhere else and stops their API tokens."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from exchange.accounts.tokens import api_token_create

pytestmark = pytest.mark.django_db

OLD = "geheim-wachtwoord-123"
NEW = "een-heel-nieuw-wachtwoord-456"


def test_password_change_signs_out_other_sessions_and_revokes_tokens(client_as, log_in, member):
    here = client_as(member)
    elsewhere = log_in(Client(), member)
    for browser in (here, elsewhere):
        assert browser.get(reverse("member_directory")).status_code == 200
    token, raw = api_token_create(user=member, name="dashboard")
    assert Client().get("/api/v1/practices", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": OLD, "password1": NEW, "password2": NEW},
    )
    assert response.status_code == 302

    assert here.get(reverse("member_directory")).status_code == 200
    assert elsewhere.get(reverse("member_directory")).status_code == 302  # to the login page
    assert list(UserSession.objects.filter(user=member).values_list("session_key", flat=True)) == [
        here.session.session_key
    ]
    assert Client().get("/api/v1/practices", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    entry = ModelLogEntry.objects.get(action="wagtail.apitoken.revoke", object_id=str(token.pk))
    assert entry.user == member and entry.data == {"reason": "password_changed"}
