"""While the database restarts, a visitor gets a clear 503 ("even niet bereikbaar") and a
Retry-After, not the 500 "something went wrong"; other failures stay 500."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_away(client, monkeypatch):
    """Every query of the request fails as it does while PostgreSQL restarts."""
    client.raise_request_exception = False

    def refused(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refused)
    return client


def test_a_page_says_the_site_is_back_in_a_moment(database_away):
    response = database_away.get("/vragen/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Even niet bereikbaar" in response.content.decode()


def test_the_api_answers_503_in_json(database_away, settings):
    settings.SEARCH_URL = ""
    response = database_away.get("/api/v1/search", {"q": "polarisatie"})

    assert response.status_code == 503
    assert "tijdelijk niet beschikbaar" in response.json()["detail"]


def test_any_other_failure_is_still_a_500(client, monkeypatch):
    client.raise_request_exception = False

    def bug(*args, **kwargs):
        raise RuntimeError("a bug, not a database away")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", bug)
    response = client.get("/vragen/")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
