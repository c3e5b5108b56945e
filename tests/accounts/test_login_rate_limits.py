"""Failed logins and wrong codes are limited per account and address: nobody elsewhere can
lock the owner out, and one address still cannot keep guessing."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from tests.factories import TOTP_SECRET

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"
TOO_MANY = "Te veel inlogpogingen"


def log_in(client, email, password=PASSWORD) -> str:
    """Post the login form; returns the form's error text ('' after a redirect)."""
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    if response.status_code == 302:
        return ""
    return " ".join(response.context["form"].non_field_errors())


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out_elsewhere(member):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    errors = [log_in(attacker, member.email, f"fout-{n}-xxxx") for n in range(6)]
    assert TOO_MANY not in errors[4] and TOO_MANY in errors[5]
    assert TOO_MANY in log_in(attacker, member.email)  # even the right password, from there

    owner = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(owner, member.email) == ""
    assert signed_in(owner)


def test_behind_a_proxy_each_forwarded_address_has_its_own_limit(member, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(5):
        log_in(attacker, member.email, f"fout-{n}-xxxx")
    assert TOO_MANY in log_in(attacker, member.email)

    owner = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert log_in(owner, member.email) == ""
    assert signed_in(owner)


def test_without_the_proxy_setting_everyone_behind_the_proxy_shares_one_limit(member):
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(5):
        log_in(attacker, member.email, f"fout-{n}-xxxx")
    owner = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert TOO_MANY in log_in(owner, member.email)


def test_one_address_trying_many_accounts_is_still_stopped(member):
    guesser = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(20):
        assert TOO_MANY not in log_in(guesser, f"iemand{n}@utrecht.nl", "fout-wachtwoord")
    assert TOO_MANY in log_in(guesser, member.email)
    assert not signed_in(guesser)
    assert log_in(Client(REMOTE_ADDR="198.51.100.7"), member.email) == ""


def test_wrong_codes_from_an_attackers_address_do_not_block_the_moderators_code(
    moderator, settings
):
    settings.MFA_TOTP_TOLERANCE = 1  # a code made at the end of a window still counts
    attacker = Client(REMOTE_ADDR="203.0.113.5")  # knows the password, not the device
    assert log_in(attacker, moderator.email) == ""
    errors = []
    for n in range(6):
        response = attacker.post(reverse("mfa_authenticate"), {"code": f"00000{n}"})
        errors.append(" ".join(response.context["form"].errors.get("code", [])))
    assert TOO_MANY not in errors[4] and TOO_MANY in errors[5]
    assert not signed_in(attacker)

    owner = Client(REMOTE_ADDR="198.51.100.7")
    assert log_in(owner, moderator.email) == ""
    code = format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))
    response = owner.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert signed_in(owner)
