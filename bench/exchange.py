"""Benchmark: load N questions and M answers, then time the question pages and posting an answer.

    python bench/exchange.py [--questions 5000] [--answers 20000] [--followers 200]
                             [--database-url postgres://user:pass@host/db]

Works like bench/practices.py (temporary SQLite, or a fresh `<name>_bench` PostgreSQL database).
Posting uses the database task backend, so enqueueing the followers' notifications is timed and
sending them is not. Prints figures, asserts nothing.
"""

import argparse
import datetime
import importlib.util
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POSTS = 20
DETAIL_ANSWERS = 100  # answers on the question whose detail page is timed

TITLES = [
    "Hoe gaan jullie om met spanningen rond {}?",
    "Ervaringen met {} in kleine kernen?",
    "Wie betrekken jullie bij {}?",
    "Signalen rond {}: wat doen jullie ermee?",
    "Gezocht: aanpak voor {}",
]
SUBJECTS = [
    "de komst van een azc",
    "online haat na een incident",
    "sleutelfiguren in de wijk",
    "het casusoverleg",
    "polarisatie op school",
    "anti-overheidsdenkbeelden",
    "demonstraties en tegendemonstraties",
    "moskeebesturen",
]
SENTENCES = [
    "Wij werken met een vaste klankbordgroep van bewoners en partners.",
    "Na een incident krijgen sleutelfiguren binnen twee uur **feitelijke informatie**.",
    "Het casusoverleg werkt met een privacyconvenant en een vaste voorzitter.",
    "Jongerenwerkers en wijkagenten bespreken signalen maandelijks.",
    "Docenten volgen een training over moeilijke gesprekken in de klas.",
    "We evalueren ieder jaar met de deelnemers en passen de aanpak aan.",
    "Zie ook [de handreiking](https://www.example.org/handreiking) van het ministerie.",
]


def load_practices_bench():
    """bench/practices.py's environment, database and timing helpers, reused as they are."""
    spec = importlib.util.spec_from_file_location("bench_practices", HERE / "practices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000, help="aantal vragen (5000)")
    parser.add_argument("--answers", type=int, default=20000, help="aantal antwoorden (20000)")
    parser.add_argument("--followers", type=int, default=200, help="volgers van de vraag (200)")
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def texts(rng: random.Random, count: int, render) -> list[tuple[str, str]]:
    """`count` distinct Markdown texts with their HTML, each rendered once."""
    pool = {" ".join(rng.sample(SENTENCES, rng.randint(2, 5))) for _ in range(count * 3)}
    return [(source, render(source)) for source in sorted(pool)[:count]]


def load_exchange(args, rng: random.Random) -> tuple[int, int]:
    """Bulk-create the questions and answers; returns (detail question id, posting question id)."""
    from django.db.models import Count
    from django.utils import timezone

    from exchange.core.markdown import render_markdown
    from exchange.municipalities.models import Municipality
    from exchange.questions.models import Answer, Question
    from exchange.themes.models import Theme

    municipality_ids = list(Municipality.objects.active().values_list("pk", flat=True))
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    bodies = texts(rng, 200, render_markdown)
    now = timezone.now()
    questions = []
    for n in range(args.questions):
        body, html = rng.choice(bodies)
        created = now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 900))
        questions.append(
            Question(
                title=rng.choice(TITLES).format(rng.choice(SUBJECTS)) + f" ({n})",
                body_markdown=body,
                body_html=html,
                municipality_id=rng.choice(municipality_ids),
                visibility=rng.choices(["public", "members", "restricted"], [6, 3, 1])[0],
                created_at=created,
                last_activity_at=created,
            )
        )
    Question.objects.bulk_create(questions, batch_size=500)
    question_ids = list(Question.objects.order_by("pk").values_list("pk", flat=True))
    through = Question.themes.through
    through.objects.bulk_create(
        [
            through(question_id=pk, theme_id=theme_id)
            for pk in question_ids
            for theme_id in rng.sample(theme_ids, rng.randint(1, 3))
        ],
        batch_size=1000,
    )

    # One public question gets DETAIL_ANSWERS answers, the rest are spread at random.
    detail_id = Question.objects.filter(visibility="public").order_by("pk").values("pk")[0]["pk"]
    targets = [detail_id] * min(DETAIL_ANSWERS, args.answers)
    targets += rng.choices(question_ids, k=args.answers - len(targets))
    positions: dict[int, int] = {}
    answers = []
    for question_id in targets:
        body, html = rng.choice(bodies)
        positions[question_id] = positions.get(question_id, -1) + 1
        answers.append(
            Answer(
                question_id=question_id,
                municipality_id=rng.choice(municipality_ids),
                body_markdown=body,
                body_html=html,
                position=positions[question_id],
                helpful_count=rng.choice([0, 0, 0, 1, 2, 5]),
                accepted=rng.random() < 0.05,
            )
        )
    Answer.objects.bulk_create(answers, batch_size=1000)
    counts = Answer.objects.values("question_id").annotate(n=Count("pk"))
    Question.objects.bulk_update(
        [Question(pk=row["question_id"], answer_count=row["n"]) for row in counts],
        ["answer_count"],
        batch_size=500,
    )
    posting_id = (
        Question.objects.filter(visibility="public", status="open")
        .exclude(pk=detail_id)
        .order_by("pk")
        .values("pk")[0]["pk"]
    )
    return detail_id, posting_id


def make_members(count: int, municipality_code: str, prefix: str):
    """Verified members, created in bulk; allauth's address row marks them verified."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from exchange.accounts.models import Profile
    from exchange.municipalities.models import Municipality

    User = get_user_model()
    municipality = Municipality.objects.get(code=municipality_code)
    users = [User.objects.create_user(email=f"{prefix}{n}@bench.nl") for n in range(count)]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Profile.objects.filter(user__in=users).update(
        status=Profile.Status.VERIFIED, municipality=municipality
    )
    return list(User.objects.filter(pk__in=[u.pk for u in users]).select_related("profile"))


def notifications_wired() -> bool:
    from django.apps import apps

    from exchange.questions import events

    return (
        apps.is_installed("exchange.notifications") and events.answer_posted_signal.has_listeners()
    )


def measure_posting(question_id: int, followers: int) -> tuple[float, float, int, int]:
    """(median ms, p95 ms, notifications per post, tasks per post) over POSTS answers."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from exchange.questions.models import Follow, Question
    from exchange.questions.services import answer_post

    Follow.objects.bulk_create(
        [
            Follow(user=user, question_id=question_id)
            for user in make_members(followers, "GM0193", "volger")
        ]
    )
    authors = make_members(POSTS, "GM0599", "schrijver")  # one post each: no rate limit
    notifications = _notification_count()
    tasks = DBTaskResult.objects.count()
    timings = []
    for n, author in enumerate(authors):
        question = Question.objects.get(pk=question_id)
        started = time.perf_counter()
        with transaction.atomic():  # on leaving it commits and runs the on-commit callbacks
            answer_post(author=author, question=question, body=f"Antwoord {n}: {SENTENCES[n % 7]}")
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    per_post = (_notification_count() - notifications) // POSTS
    return (
        statistics.median(timings),
        p95,
        per_post,
        (DBTaskResult.objects.count() - tasks) // POSTS,
    )


def _notification_count() -> int:
    from django.apps import apps

    if not apps.is_installed("exchange.notifications"):
        return 0
    return apps.get_model("notifications", "Notification").objects.count()


def main() -> int:
    args = parse_args()
    helpers = load_practices_bench()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-exchange-"))
    helpers.configure(args, workdir)
    # Enqueue into the database and leave sending to a worker: posting times the enqueueing.
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from exchange.questions.models import Question
    from exchange.themes.models import Theme

    drop = None
    try:
        drop = helpers.fresh_database(postgres=bool(args.database_url))
        rng = random.Random(args.seed)
        call_command("load_municipalities", stdout=io.StringIO())
        started = time.perf_counter()
        detail_id, posting_id = load_exchange(args, rng)
        print(
            f"Laden: {args.questions} vragen en {args.answers} antwoorden in "
            f"{time.perf_counter() - started:.1f} s"
        )
        member = Client(raise_request_exception=False)
        member.force_login(helpers.verified_member())
        theme = Theme.objects.order_by("pk").first()
        urls = [
            ("vragenlijst", "/vragen/"),
            ("vragenlijst met thema", f"/vragen/?thema={theme.slug}"),
            (
                f"vraag met {DETAIL_ANSWERS} antwoorden",
                Question.objects.get(pk=detail_id).get_absolute_url(),
            ),
        ]
        rows = [(label, *helpers.measure(member, url)) for label, url in urls]
        median, p95, notified, tasks = measure_posting(posting_id, args.followers)

        print(
            f"\n{args.questions} vragen, {args.answers} antwoorden; "
            f"{helpers.ROUNDS} verzoeken na {helpers.WARMUPS} opwarmers, als geverifieerd lid"
        )
        header = f"{'pagina':<28} {'status':>6} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for label, status, med, p, queries in rows:
            print(f"{label:<28} {status:>6} {med:>7.1f}ms {p:>7.1f}ms {queries:>8}")
        wired = "ja" if notifications_wired() else "nee (geen ontvangers)"
        print(
            f"\nAntwoord plaatsen ({POSTS}×, vraag met {args.followers} volgers; meldingen "
            f"aangesloten: {wired}): mediaan {median:.1f} ms, p95 {p95:.1f} ms; "
            f"per antwoord {notified} meldingen en {tasks} taken in de wachtrij"
        )
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
