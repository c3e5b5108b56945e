"""Members' session activity is recorded once a minute, and at once for a new browser."""

import pytest
from allauth.usersessions.models import UserSession

from exchange.accounts import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(activity.time, "monotonic", lambda: now[0])
    return now


def _session(client):
    return UserSession.objects.get(session_key=client.session.session_key)


def test_activity_is_recorded_once_a_minute_not_on_every_request(client, member, clock):
    client.force_login(member)
    client.get("/api/v1/search", {"q": "wijkaanpak"})
    first = _session(client).last_seen_at

    clock[0] += 30
    client.get("/api/v1/search", {"q": "polarisatie"})
    assert _session(client).last_seen_at == first

    clock[0] += 31
    client.get("/api/v1/search", {"q": "polarisatie"})
    assert _session(client).last_seen_at > first


def test_a_new_browser_on_the_same_session_is_recorded_at_once(client, member, clock):
    client.force_login(member)
    client.get("/api/v1/search", {"q": "wijkaanpak"}, HTTP_USER_AGENT="Firefox")
    clock[0] += 5
    client.get("/api/v1/search", {"q": "wijkaanpak"}, HTTP_USER_AGENT="Chromium")
    assert _session(client).user_agent == "Chromium"
