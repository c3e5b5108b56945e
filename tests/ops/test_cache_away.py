"""Redis restarting: the site keeps answering (a cache call is a miss, not a 500), members
stay logged in (sessions are in the database), and rate limits count again afterwards."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db
CLOSED_PORT = "redis://127.0.0.1:9/0"


def test_a_redis_cache_url_gives_a_cache_that_forgives_a_restart():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], "
        "settings.CACHES['default']['OPTIONS']['IGNORE_EXCEPTIONS'])"
    )
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6380/0"}
    env["DJANGO_SETTINGS_MODULE"] = "exchange.settings.test"
    answer = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert answer.stdout.split() == ["django_redis.cache.RedisCache", "True"]


REDIS_AWAY = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CLOSED_PORT,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}


def test_members_stay_logged_in_and_nothing_fails_while_redis_is_away(
    client, member, other_member, settings
):
    from django.test import Client

    client.force_login(member)
    settled_caches = settings.CACHES
    settings.CACHES = REDIS_AWAY

    assert client.get("/mijn-kennisnetwerk/").status_code == 200  # still logged in
    assert client.get("/zoeken/", {"q": "polarisatie"}).status_code == 200
    assert Client().get("/").status_code == 200
    # A login now cannot be counted, so allauth's rate limit refuses it (fails closed): a
    # "too many attempts" page, never a 500 and never an uncounted attempt.
    other_member.set_password("een-goed-wachtwoord-2025")
    other_member.save()
    newcomer = Client()
    credentials = {"login": other_member.email, "password": "een-goed-wachtwoord-2025"}
    assert newcomer.post("/account/login/", credentials).status_code == 429

    settings.CACHES = settled_caches  # Redis is back: the limits count again, from zero
    assert newcomer.post("/account/login/", credentials).status_code == 302
