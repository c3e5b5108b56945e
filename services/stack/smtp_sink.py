"""A local SMTP server that keeps every message it accepts as a file, for the stack.

Each message becomes <dir>/<time>-<n>.eml, written to a temporary name and renamed, so a
reader never sees half a message. One line per message goes to stdout (the stack's log):
its Message-ID and idempotency key, which the fault tests count to prove nothing was lost
and nothing sent twice.

    python services/stack/smtp_sink.py --port 8025 --dir .data/stack/mail
"""

import argparse
import asyncio
import itertools
import os
import time
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

from aiosmtpd.controller import Controller

IDEMPOTENCY_HEADERS = ("Idempotency-Key", "X-Idempotency-Key")


class MaildirHandler:
    def __init__(self, directory: Path):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        raw = envelope.original_content or envelope.content
        name = f"{time.time():.6f}-{os.getpid()}-{next(self.counter)}.eml"
        temporary = self.directory / f".{name}.tmp"
        temporary.write_bytes(raw)
        temporary.rename(self.directory / name)
        message = message_from_bytes(raw, policy=default_policy)
        key = next((message[h] for h in IDEMPOTENCY_HEADERS if message[h]), "-")
        print(
            f"accepted {name} to={','.join(envelope.rcpt_tos)} "
            f"message-id={message['Message-ID'] or '-'} idempotency-key={key}",
            flush=True,
        )
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)

    controller = Controller(MaildirHandler(args.dir), hostname=args.host, port=args.port)
    controller.start()
    print(f"SMTP sink on {args.host}:{args.port}, messages in {args.dir}", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())  # until SIGTERM/SIGINT ends the process
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
