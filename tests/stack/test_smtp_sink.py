"""The stack's SMTP sink keeps every accepted message as a file the fault tests can count."""

import smtplib
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

SINK = Path(__file__).resolve().parents[2] / "services" / "stack" / "smtp_sink.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sink(tmp_path):
    port = _free_port()
    log = (tmp_path / "sink.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, str(SINK), "--port", str(port), "--dir", str(tmp_path / "mail")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, (tmp_path / "sink.log").read_text()
            assert time.monotonic() < deadline, "the SMTP sink did not start within 20 s"
            time.sleep(0.1)
    yield port, tmp_path
    process.terminate()
    process.wait(timeout=10)
    log.close()


def test_each_accepted_message_is_one_file_with_its_idempotency_key(sink):
    port, tmp_path = sink
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        for number in (1, 2):
            message = EmailMessage()
            message["From"] = "noreply@kennisnetwerk.example"
            message["To"] = "lid@utrecht.nl"
            message["Subject"] = "Nieuw antwoord"
            message["Message-ID"] = f"<notification-{number}@kennisnetwerk.example>"
            message["Idempotency-Key"] = f"notification-{number}"
            message.set_content("Er is een nieuw antwoord op uw vraag.")
            smtp.send_message(message)

    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    assert b"Idempotency-Key: notification-1" in files[0].read_bytes()
    log = (tmp_path / "sink.log").read_text()
    assert "idempotency-key=notification-2" in log
    assert "message-id=<notification-1@kennisnetwerk.example>" in log
