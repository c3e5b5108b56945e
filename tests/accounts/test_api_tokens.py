"""Personal API tokens: who may have one, the page to manage them, and the API accepting them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken, ModelLogEntry

from exchange.accounts.services import member_suspend
from exchange.accounts.tokens import api_token_create, api_token_revoke, api_token_user
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIST = "/api/v1/practices"


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def practices(municipality):
    return {
        "public": make_practice(title="Openbare aanpak", municipality=municipality),
        "members": make_practice(
            title="Ledenaanpak", municipality=municipality, visibility="members"
        ),
        "restricted": make_practice(
            title="Beperkte aanpak", municipality=municipality, visibility="restricted"
        ),
    }


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


# -- the API accepting tokens -------------------------------------------------------------------


def test_valid_token_sees_what_its_member_may_see(client, member, practices):
    _token, raw = api_token_create(user=member, name="dashboard")
    assert titles(client.get(LIST, **bearer(raw))) == {
        "Openbare aanpak",
        "Ledenaanpak",
        "Beperkte aanpak",
    }
    detail = client.get(f"{LIST}/{practices['restricted'].pk}", **bearer(raw))
    assert detail.status_code == 200


def test_token_of_other_municipality_gets_404_on_restricted(client, other_member, practices):
    _token, raw = api_token_create(user=other_member, name="dashboard")
    assert titles(client.get(LIST, **bearer(raw))) == {"Openbare aanpak", "Ledenaanpak"}
    assert client.get(f"{LIST}/{practices['restricted'].pk}", **bearer(raw)).status_code == 404


def test_without_credentials_only_public(client, practices):
    assert titles(client.get(LIST)) == {"Openbare aanpak"}


def test_session_authentication_works(client_as, member, practices):
    assert titles(client_as(member).get(LIST)) == {
        "Openbare aanpak",
        "Ledenaanpak",
        "Beperkte aanpak",
    }


def test_revoked_token_is_401(client, member, practices):
    token, raw = api_token_create(user=member, name="oud")
    api_token_revoke(user=member, token_id=token.pk)
    response = client.get(LIST, **bearer(raw))
    assert response.status_code == 401
    assert response.json() == {"detail": "Dit API-token is ongeldig of ingetrokken."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_of_suspended_member_is_401(client, member, moderator, practices):
    _token, raw = api_token_create(user=member, name="dashboard")
    member_suspend(actor=moderator, profile=member.profile, reason="misbruik")
    assert client.get(LIST, **bearer(raw)).status_code == 401


def test_restoring_a_suspended_member_does_not_bring_old_tokens_back(
    client, member, moderator, practices
):
    from exchange.accounts.services import member_restore

    token, raw = api_token_create(user=member, name="dashboard")
    member_suspend(actor=moderator, profile=member.profile, reason="misbruik")
    member_restore(actor=moderator, profile=member.profile)
    assert client.get(LIST, **bearer(raw)).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    entry = ModelLogEntry.objects.get(action="wagtail.apitoken.revoke", object_id=str(token.pk))
    assert entry.user == moderator and entry.data == {"reason": "member_suspended"}
    # A new token works again.
    _token, new_raw = api_token_create(user=member, name="nieuw")
    assert client.get(LIST, **bearer(new_raw)).status_code == 200


def test_token_of_member_no_longer_verified_is_401(client, member, practices):
    _token, raw = api_token_create(user=member, name="dashboard")
    member.profile.status = "pending"
    member.profile.save()
    assert client.get(LIST, **bearer(raw)).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nonsense",
        "Bearer ",
        "Bearer wagtail_" + "A" * 34,
        # Well-formed (right length and checksum) but never issued.
        "Bearer " + APIToken.generate_token(),
        "Token abc",
        "Basic dXNlcjpwYXNz",
        "",
    ],
)
def test_garbage_credentials_are_401_never_anonymous(client, practices, header):
    response = client.get(LIST, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_bad_token_is_401_even_with_a_valid_session(client_as, member, practices):
    response = client_as(member).get(LIST, **bearer("nonsense"))
    assert response.status_code == 401


def test_last_used_is_recorded_at_most_once_a_minute(client, member, practices):
    token, raw = api_token_create(user=member, name="dashboard")
    client.get(LIST, **bearer(raw))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(LIST, **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at == first
    APIToken.objects.filter(pk=token.pk).update(
        last_used_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    client.get(LIST, **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at > first


# -- the services -------------------------------------------------------------------------------


def test_only_the_hash_is_stored(member):
    token, raw = api_token_create(user=member, name="dashboard")
    stored = APIToken.objects.get(pk=token.pk)
    assert stored.key_hash == APIToken.hash_token(raw)
    assert raw not in {stored.key_hash, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)
    assert api_token_user(raw) == member


def test_pending_member_cannot_get_a_token(pending_member):
    with pytest.raises(PermissionDenied):
        api_token_create(user=pending_member, name="dashboard")
    assert not APIToken.objects.exists()


# -- the page -----------------------------------------------------------------------------------


def test_member_creates_a_token_and_sees_it_once(client_as, member, practices):
    client = client_as(member)
    response = client.post(reverse("api_tokens"), {"name": "dashboard veiligheid"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.context["raw_token"]
    body = response.content.decode()
    assert raw in body
    assert "Kopieer het token nu" in body
    token = APIToken.objects.get(user=member)
    assert token.name == "dashboard veiligheid"
    assert token.key_hash == APIToken.hash_token(raw)

    again = client.get(reverse("api_tokens")).content.decode()
    assert raw not in again
    assert "dashboard veiligheid" in again
    assert f"{token.prefix}…" in again
    # The token works on the API.
    assert "Ledenaanpak" in titles(client.get(LIST, **bearer(raw)))


def test_empty_name_is_refused_and_creates_nothing(client_as, member):
    response = client_as(member).post(reverse("api_tokens"), {"name": "  "})
    assert response.status_code == 200
    assert response.context["raw_token"] is None
    assert response.context["form"].errors
    assert not APIToken.objects.exists()


def test_member_revokes_a_token(client_as, member, practices):
    token, raw = api_token_create(user=member, name="oud")
    client = client_as(member)
    response = client.post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("api_tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(LIST, **bearer(raw)).status_code == 401


def test_revoking_needs_post(client_as, member):
    token, _raw = api_token_create(user=member, name="oud")
    assert client_as(member).get(reverse("api_token_revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_other_member_cannot_revoke_my_token(client_as, member, other_member):
    token, raw = api_token_create(user=member, name="mijn token")
    response = client_as(other_member).post(reverse("api_token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_token_user(raw) == member


def test_other_members_tokens_are_not_listed(client_as, member, other_member):
    api_token_create(user=member, name="token van Utrecht")
    body = client_as(other_member).get(reverse("api_tokens")).content.decode()
    assert "token van Utrecht" not in body


def test_pending_member_is_refused(client_as, pending_member):
    client = client_as(pending_member)
    assert client.get(reverse("api_tokens")).status_code == 403
    assert client.post(reverse("api_tokens"), {"name": "dashboard"}).status_code == 403
    assert not APIToken.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("api_tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
