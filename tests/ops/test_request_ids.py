"""Every answer carries a request id: the proxy's when it is sane, a fresh one otherwise."""

import re

import pytest

pytestmark = pytest.mark.django_db

FRESH = re.compile(r"[0-9a-f]{32}")


def test_a_request_without_an_id_gets_a_fresh_one_in_the_response(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert FRESH.fullmatch(first)
    assert FRESH.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    "proxy_id", ["4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a", "0d5e3a1c-7f4b-4c2e-9a8d-1b2c3d4e5f60"]
)
def test_the_proxys_sane_id_is_kept(client, proxy_id):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=proxy_id)["X-Request-ID"] == proxy_id


@pytest.mark.parametrize(
    "forged",
    ["", "short", "x" * 129, "abc def ghi jkl", '"}{"level":"CRITICAL', "id\nsecond line"],
)
def test_an_insane_id_is_replaced(client, forged):
    answered = client.get("/healthz", HTTP_X_REQUEST_ID=forged)["X-Request-ID"]

    assert FRESH.fullmatch(answered)


def test_even_a_page_that_does_not_exist_carries_the_id(client):
    response = client.get("/bestaat-niet/", HTTP_X_REQUEST_ID="proxy-id-000001")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "proxy-id-000001"
