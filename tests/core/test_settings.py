"""Settings read from the environment, and the admin keeping every request on the machine."""

import importlib.util

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def base_settings(monkeypatch, **environ):
    """exchange/settings/base.py read afresh under the given environment variables."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "fresh_base_settings", settings.BASE_DIR / "exchange" / "settings" / "base.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_expert_routing_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("EXPERT_ROUTING_LIMIT", raising=False)
    assert base_settings(monkeypatch).EXPERT_ROUTING_LIMIT == 5
    assert base_settings(monkeypatch, EXPERT_ROUTING_LIMIT="2").EXPERT_ROUTING_LIMIT == 2


def test_client_address_source_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXY_COUNT", raising=False)
    monkeypatch.delenv("TRUSTED_CLIENT_IP_HEADER", raising=False)
    default = base_settings(monkeypatch)
    assert default.ALLAUTH_TRUSTED_PROXY_COUNT == 0
    assert default.ALLAUTH_TRUSTED_CLIENT_IP_HEADER is None
    behind = base_settings(
        monkeypatch, TRUSTED_PROXY_COUNT="1", TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert behind.ALLAUTH_TRUSTED_PROXY_COUNT == 1
    assert behind.ALLAUTH_TRUSTED_CLIENT_IP_HEADER == "X-Real-IP"


def test_admin_shows_no_gravatar(client_as, moderator):
    page = client_as(moderator).get("/beheer/").content.decode()
    assert "gravatar" not in page.lower()
