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
