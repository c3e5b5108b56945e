"""A notification burst: one answer on the question every load member follows.

    python bench/load/burst.py [--users-file .data/stack/load-users.json] [--author N]

Posts the answer through the questions service, as the site would, so the notifications and
their e-mail tasks are made by the site's own code; the e-mails are then sent by the workers.
Prints one JSON line: the answer, the question, and how many e-mails the workers should send
(notifications of members whose rhythm for them is "instant"), for bench/load.py to count at
the SMTP sink.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users-file", default=str(ROOT / ".data" / "stack" / "load-users.json"))
    parser.add_argument("--author", type=int, default=0, help="which load member answers")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from exchange.notifications.models import Notification, NotificationPreference, Rhythm
    from exchange.questions import services
    from exchange.questions.models import Question

    users = json.loads(Path(args.users_file).read_text())
    members = users["members"]
    author = get_user_model().objects.get(pk=members[-1 - args.author % len(members)]["id"])
    question = Question.objects.get(pk=users["burst_question"])
    answer = services.answer_post(
        author=author,
        question=question,
        body="Wij hebben goede ervaringen met een vast overleg van sleutelfiguren per wijk.",
    )
    # The notifications are made when the answer commits, in this process.
    notifications = list(Notification.objects.filter(answer=answer))
    preferences = {
        p.user_id: p
        for p in NotificationPreference.objects.filter(
            user_id__in=[n.recipient_id for n in notifications]
        )
    }
    default = NotificationPreference()
    instant = [
        n
        for n in notifications
        if preferences.get(n.recipient_id, default).rhythm_for(n.kind) == Rhythm.INSTANT
    ]
    print(
        json.dumps(
            {
                "answer": answer.pk,
                "question": question.pk,
                "question_path": question.get_absolute_url(),
                "notifications": len(notifications),
                "expected_mails": len(instant),
                "recipients": sorted(n.recipient.email for n in instant),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
