"""Sign-up: e-mail confirmation, municipality by domain, pending members, no enumeration."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from exchange.accounts.models import Profile

pytestmark = pytest.mark.django_db

PASSWORD = "een-Lang-wachtwoord-42"


def sign_up(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "job_title": "Beleidsadviseur",
            "organisation": "",
        },
    )


def confirm_from_mail(client):
    link = re.search(r"https?://[^\s]+/account/confirm-email/[^\s]+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    path = re.sub(r"^https?://[^/]+", "", link.group(0))
    return client.post(path)


def test_municipal_domain_links_and_verifies_after_confirmation(
    client, municipality, django_user_model
):
    response = sign_up(client, "f.elamrani@utrecht.nl")
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="f.elamrani@utrecht.nl")
    # Linked at once, but only a confirmed address proves the member works there.
    assert profile.municipality == municipality
    assert profile.status == Profile.Status.PENDING

    confirm_from_mail(client)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.VERIFIED
    # A new member reads and accepts the code of conduct before anything else.
    response = client.get(reverse("member_directory"))
    assert response["Location"].startswith(reverse("code_of_conduct"))
    client.post(reverse("code_of_conduct"), {"version": 1, "agree": "on"})
    assert client.get(reverse("member_directory")).status_code == 200


def test_subdomain_of_municipal_domain_is_matched(client, municipality):
    sign_up(client, "jan@wijkteam.utrecht.nl")
    confirm_from_mail(client)
    profile = Profile.objects.get(user__email="jan@wijkteam.utrecht.nl")
    assert profile.municipality == municipality
    assert profile.is_verified


def test_lookalike_domain_is_not_matched(client, municipality):
    sign_up(client, "jan@notutrecht.nl")
    confirm_from_mail(client)
    profile = Profile.objects.get(user__email="jan@notutrecht.nl")
    assert profile.municipality is None
    assert profile.status == Profile.Status.PENDING


def test_unknown_domain_stays_pending_without_members_access(client, municipality):
    sign_up(client, "onderzoeker@hogeschool.example")
    confirm_from_mail(client)
    profile = Profile.objects.get(user__email="onderzoeker@hogeschool.example")
    assert profile.status == Profile.Status.PENDING
    assert profile.municipality is None

    response = client.get(reverse("member_directory"))
    assert response.status_code == 403
    assert "wordt beoordeeld" in response.content.decode()


def test_inactive_municipality_domain_does_not_verify(client, municipality):
    municipality.active = False
    municipality.save()
    sign_up(client, "oud@utrecht.nl")
    confirm_from_mail(client)
    assert Profile.objects.get(user__email="oud@utrecht.nl").status == Profile.Status.PENDING


def test_login_needs_confirmed_email(client, municipality):
    sign_up(client, "nieuw@utrecht.nl")
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "nieuw@utrecht.nl", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("member_directory")).status_code == 302


def test_sign_up_with_taken_address_looks_the_same(client, member):
    mail.outbox.clear()
    response_taken = sign_up(client, member.email)
    client.logout()
    response_new = sign_up(client, "iemand.anders@utrecht.nl")
    assert response_taken.status_code == response_new.status_code == 302
    assert response_taken["Location"] == response_new["Location"]
    # The owner of the taken address hears about it; the sign-up page reveals nothing.
    assert any(member.email in m.to for m in mail.outbox)


def test_password_reset_does_not_reveal_accounts(client, member):
    known = client.post(reverse("account_reset_password"), {"email": member.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "niemand@utrecht.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_login_error_is_the_same_for_unknown_and_wrong_password(client, member):
    wrong = client.post(reverse("account_login"), {"login": member.email, "password": "fout-12345"})
    unknown = client.post(
        reverse("account_login"), {"login": "niemand@utrecht.nl", "password": "fout-12345"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].errors == unknown.context["form"].errors


def test_suspended_member_cannot_sign_in(client, member, moderator):
    from exchange.accounts.services import member_suspend

    member_suspend(actor=moderator, profile=member.profile, reason="Deelde casusgegevens")
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "geheim-wachtwoord-123"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_failed_logins_are_rate_limited(client, member):
    def attempt(password):
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": password}
        )
        return " ".join(response.context["form"].non_field_errors()) if response.context else ""

    errors = [attempt(f"fout-{i}-xxxx") for i in range(6)]
    assert all("niet correct" in e for e in errors[:5]), errors
    assert "Te veel inlogpogingen" in errors[5], errors[5]
    # Even the right password is refused while the limit holds.
    assert "Te veel inlogpogingen" in attempt("geheim-wachtwoord-123")
    assert "_auth_user_id" not in client.session
