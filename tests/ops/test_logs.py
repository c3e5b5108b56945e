"""JSON log lines carry the request id, and the access line what an operator needs: no e-mail."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_the_access_line_is_json_with_request_id_status_and_member_id(client_as, member, json_log):
    response = client_as(member).get("/vragen/", HTTP_X_REQUEST_ID="req-from-nginx-01")

    [access] = [line for line in json_log() if line["logger"] == "exchange.access"]
    assert access["request_id"] == response["X-Request-ID"] == "req-from-nginx-01"
    assert access["level"] == "INFO"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/vragen/", 200)
    assert access["duration_ms"] > 0
    assert access["user_id"] == member.pk
    assert "time" in access
    line = json.dumps(access)
    assert member.email not in line
    assert member.last_name not in line


def test_other_loggers_in_the_request_carry_its_id_too(client, json_log):
    response = client.get("/bestaat-niet/")

    lines = json_log()
    request_logger = [line for line in lines if line["logger"] == "django.request"]
    assert request_logger, lines
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}, lines
    assert [line["user_id"] for line in lines if line["logger"] == "exchange.access"] == [None]


def _log_one_line(log_format: str | None) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "exchange.settings.dev"}
    env.pop("LOG_FORMAT", None)
    if log_format:
        env["LOG_FORMAT"] = log_format
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('exchange.ops_check').warning('Zoekmachine onbereikbaar')"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def test_log_format_json_makes_every_line_a_json_object():
    line = json.loads(_log_one_line("json"))

    assert line["level"] == "WARNING"
    assert line["logger"] == "exchange.ops_check"
    assert line["message"] == "Zoekmachine onbereikbaar"
    assert line["request_id"] is None  # outside a request
    assert line["time"].startswith("20")


def test_by_default_the_lines_stay_plain_text_for_make_run():
    line = _log_one_line(None)

    assert line.endswith("WARNING exchange.ops_check Zoekmachine onbereikbaar")
    assert not line.startswith("{")


def test_a_token_in_the_address_stays_out_of_the_log(client, member, json_log):
    from exchange.notifications.models import EmailType
    from exchange.notifications.tokens import unsubscribe_token_make

    token = unsubscribe_token_make(user_id=member.pk, email_type=EmailType.NEW_ANSWER)

    client.get(f"/meldingen/afmelden/{token}/")

    [access] = [line for line in json_log() if line["logger"] == "exchange.access"]
    assert access["path"] == "/meldingen/afmelden/[redacted]/"
    assert token not in json.dumps(json_log())
