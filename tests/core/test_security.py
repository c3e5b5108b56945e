"""Security headers and the no-outside-requests rule on the public site."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_gets_the_policy_it_needs(client_as, moderator):
    response = client_as(moderator).get("/beheer/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def _directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in (piece.strip() for piece in policy.split(";"))
        if part
    }


def test_admin_pages_may_be_framed_by_the_admin_only_and_run_no_inline_scripts(
    client_as, moderator
):
    directives = _directives(client_as(moderator).get("/beheer/"))
    assert directives["frame-ancestors"] == "'self'"  # not the contradictory "'none' 'self'"
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" in directives["style-src"]


def test_the_admin_pages_hold_no_inline_scripts(client_as, moderator):
    """The editor and the listings with date filters too: admin-init.js starts their widgets."""
    from practices.services import practice_index_ensure

    index = practice_index_ensure()
    client = client_as(moderator)
    for path in (
        f"/beheer/pages/add/practices/practicepage/{index.pk}/",
        f"/beheer/pages/{index.pk}/",
        "/beheer/moderatie/",
        "/beheer/documents/",
        "/beheer/reports/site-history/",
        "/beheer/moderatie/logboek/",
        "/beheer/praktijken/te-beoordelen/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" not in _directives(response)["script-src"], path
        scripts = re.findall(r"<script(?![^>]*\b(?:src|type)=)[^>]*>", response.content.decode())
        assert scripts == [], path


def test_security_txt_says_whom_to_tell_about_a_vulnerability(client, settings):
    settings.SECURITY_CONTACT = ["mailto:beveiliging@voorbeeld.nl", "https://voorbeeld.nl/cvd"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
    assert ["Contact", "mailto:beveiliging@voorbeeld.nl"] in fields
    assert ["Contact", "https://voorbeeld.nl/cvd"] in fields
    expires = dict(fields)["Expires"]
    import datetime

    moment = datetime.datetime.fromisoformat(expires.replace("Z", "+00:00"))
    now = datetime.datetime.now(datetime.UTC)
    assert now < moment < now + datetime.timedelta(days=366)  # RFC 9116: under a year ahead
    assert dict(fields)["Canonical"].endswith("/.well-known/security.txt")


@pytest.mark.parametrize("path", ["/", "/gemeenten/", "/account/login/", "/toegankelijkheid/"])
def test_pages_load_nothing_from_other_hosts(client, path):
    html = client.get(path).content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "<script>" not in html  # no inline scripts on the public site


def test_pages_are_dutch_by_default_even_for_english_browsers(client):
    dutch = client.get("/toegankelijkheid/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl"' in dutch.content.decode()
    assert "Toegankelijkheidsverklaring" in dutch.content.decode()


def test_english_is_available_through_the_language_switcher(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/toegankelijkheid/"})
    assert response.status_code == 302
    english = client.get("/toegankelijkheid/")
    assert '<html lang="en"' in english.content.decode()
    assert "Accessibility statement" in english.content.decode()


def test_404_page_is_helpful(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
