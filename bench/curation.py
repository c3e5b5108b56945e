"""Benchmark: the moderators' dashboards over a busy network.

    python bench/curation.py [--size 1] [--rounds 20] [--database-url postgres://user:pass@host/db]

Generates (at --size 1) 5,000 questions with about 7,000 answers and 2,000 practices spread over
24 months, themes and municipalities, plus reports, pending members and 20,000 search-log rows;
then renders the network dashboard (/beheer/netwerk/, in two periods, and one CSV download) and
the moderation dashboard as a signed-in moderator, --rounds times each. Prints the median and
p95 server time and the SQL query count per page; asserts nothing.

Works like bench/practices.py (temporary SQLite, or a fresh `<name>_bench` PostgreSQL database).
"""

import argparse
import datetime
import importlib.util
import io
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUERIES = [
    "jongeren",
    "azc",
    "polarisatie",
    "sleutelfiguren",
    "moskee",
    "online haat",
    "casusoverleg",
    "radicalisering",
    "demonstratie",
    "school",
    "wijkagent",
    "ouders",
    "complotdenken",
    "statushouders",
    "draaiboek",
]
# Words nobody wrote about: these searches find nothing.
NOTHING_FOUND = ["tiktok-challenge", "boerenprotest", "=cmd|' /C calc'!A0", "nepnieuws app"]


def load_practices_bench():
    """bench/practices.py's environment, database and timing helpers, reused as they are."""
    spec = importlib.util.spec_from_file_location("bench_practices", HERE / "practices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1, help="schaalfactor (1 = 5000 vragen)")
    parser.add_argument("--rounds", type=int, default=20, help="verzoeken per pagina (20)")
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def moment_in_last(rng: random.Random, days: int, now):
    return now - datetime.timedelta(minutes=rng.randint(60, days * 24 * 60))


def load_practices(helpers, count: int, rng: random.Random) -> float:
    """Practices through the importer (real pages and revisions), first published in 24 months."""
    from django.utils import timezone

    from practices.importing import content_import, quiet_page_logging

    today = timezone.localdate()
    items = helpers.generate_items(count, rng)
    for item in items:
        item["published_at"] = (today - datetime.timedelta(days=rng.randint(0, 730))).isoformat()
    started = time.perf_counter()
    with quiet_page_logging():
        content_import(lines=[json.dumps(item) for item in items], progress=False)
    return time.perf_counter() - started


def load_questions(count: int, rng: random.Random) -> tuple[int, int]:
    """Questions over 24 months with 0–4 answers each, some hidden; returns the row counts."""
    from django.utils import timezone

    from exchange.municipalities.models import Municipality
    from exchange.questions.models import Answer, Question
    from exchange.themes.models import Theme

    municipality_ids = list(Municipality.objects.active().values_list("pk", flat=True))
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    # Some municipalities and themes are far busier than others, as in life.
    busy = rng.sample(municipality_ids, len(municipality_ids) // 3)
    now = timezone.now()
    questions = []
    for n in range(count):
        created = moment_in_last(rng, 730, now)
        questions.append(
            Question(
                title=f"Vraag {n} over de aanpak in de wijk",
                body_markdown="Wie heeft ervaring?",
                body_html="<p>Wie heeft ervaring?</p>",
                municipality_id=rng.choice(busy if rng.random() < 0.7 else municipality_ids),
                visibility=rng.choices(["public", "members", "restricted"], [6, 3, 1])[0],
                hidden=rng.random() < 0.02,
                created_at=created,
                last_activity_at=created,
            )
        )
    Question.objects.bulk_create(questions, batch_size=500)
    rows = list(Question.objects.values_list("pk", "created_at"))
    through = Question.themes.through
    weights = [1 / (n + 1) for n in range(len(theme_ids))]
    through.objects.bulk_create(
        {
            (pk, theme_id): through(question_id=pk, theme_id=theme_id)
            for pk, _created in rows
            for theme_id in rng.choices(theme_ids, weights, k=rng.randint(1, 3))
        }.values(),
        batch_size=1000,
    )
    answers = []
    for pk, created in rows:
        for position in range(rng.choices([0, 1, 2, 3, 4], [3, 3, 2, 1, 1])[0]):
            # Hours to days; an answer never comes after now.
            delay = datetime.timedelta(hours=rng.lognormvariate(2.5, 1.3) * (position + 1))
            answers.append(
                Answer(
                    question_id=pk,
                    municipality_id=rng.choice(municipality_ids),
                    body_markdown="Bij ons werkte dit.",
                    body_html="<p>Bij ons werkte dit.</p>",
                    position=position,
                    hidden=rng.random() < 0.03,
                    created_at=min(created + delay, now),
                )
            )
    Answer.objects.bulk_create(answers, batch_size=1000)
    return len(rows), len(answers)


def make_users(count: int, prefix: str, status: str):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from exchange.accounts.models import Profile

    User = get_user_model()
    users = [User.objects.create_user(email=f"{prefix}{n}@bench.nl") for n in range(count)]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
    )
    Profile.objects.filter(user__in=users).update(status=status)
    return users


def load_curation_work(size: float, rng: random.Random) -> dict[str, int]:
    """Open and settled reports, members waiting for approval, and the search log."""
    from django.utils import timezone

    from exchange.accounts.models import Profile
    from exchange.moderation.models import Report, ReportReason, ReportStatus
    from exchange.questions.models import Answer, Question
    from search.models import SearchQueryLog

    reporters = make_users(max(3, round(30 * size)), "melder", Profile.Status.VERIFIED)
    pending = make_users(round(60 * size), "wachtend", Profile.Status.PENDING)
    question_ids = list(Question.objects.values_list("pk", flat=True))
    answer_ids = list(Answer.objects.values_list("pk", flat=True))
    now = timezone.now()
    reports = []
    for _ in range(round(300 * size)):
        on_question = rng.random() < 0.4
        reports.append(
            Report(
                reporter=rng.choice(reporters),
                question_id=rng.choice(question_ids) if on_question else None,
                answer_id=None if on_question else rng.choice(answer_ids),
                reason=rng.choice(ReportReason.values),
                created_at=moment_in_last(rng, 120, now),
                status=rng.choices(ReportStatus.values, [2, 2, 1])[0],
            )
        )
    Report.objects.bulk_create(reports, batch_size=500)

    entries = []
    words = QUERIES + [f"{a} {b}" for a in QUERIES[:8] for b in QUERIES[8:]]
    for _ in range(round(20000 * size)):
        if rng.random() < 0.12:
            query, results = rng.choice(NOTHING_FOUND), 0
        else:
            query = rng.choices(words, [1 / (n + 1) for n in range(len(words))])[0]
            results = rng.choice([0, 1, 3, 8, 20, 45])
        entries.append(SearchQueryLog(query=query, result_count=results, engine="database"))
    SearchQueryLog.objects.bulk_create(entries, batch_size=1000)
    # created_at is stamped on insert; spread the log over 120 days afterwards.
    for entry in entries:
        entry.created_at = moment_in_last(rng, 120, now)
    SearchQueryLog.objects.bulk_update(entries, ["created_at"], batch_size=1000)
    return {
        "meldingen": len(reports),
        "wachtende leden": len(pending),
        "zoekopdrachten": len(entries),
    }


def bench_moderator():
    """A moderator with two-factor authentication (the admin requires it) who accepted the code
    of conduct, if the site has one."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from exchange.accounts.models import Profile

    (user,) = make_users(1, "moderator", Profile.Status.VERIFIED)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name="Moderators"))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPBENCHSECRETBASEA")
    try:
        from exchange.accounts import conduct
    except ImportError:
        return user
    code = conduct.current_code()
    if code is not None:
        conduct.code_accept(user=user, version=code.version)
    return user


def sign_in_with_totp(client, user) -> None:
    """Sign `client` in as `user` as the TOTP login would: moderators' powers need the
    second factor recorded in the session (exchange/accounts/mfa.py)."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from django.test import RequestFactory

    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    request = RequestFactory().get("/")
    request.session, request.user = client.session, user
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
    request.session.save()


def moderation_dashboard_url() -> str | None:
    """Another engineer's page; the bench reports it as missing rather than failing."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("kn_moderation:dashboard")
    except NoReverseMatch:
        return None


def main() -> int:
    args = parse_args()
    helpers = load_practices_bench()
    helpers.ROUNDS = args.rounds
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-curation-"))
    helpers.configure(args, workdir)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    drop = None
    try:
        drop = helpers.fresh_database(postgres=bool(args.database_url))
        rng = random.Random(args.seed)
        call_command("load_municipalities", stdout=io.StringIO())
        practices = round(2000 * args.size)
        seconds = load_practices(helpers, practices, rng)
        print(f"Laden: {practices} praktijken in {seconds:.1f} s")
        started = time.perf_counter()
        questions, answers = load_questions(round(5000 * args.size), rng)
        extra = load_curation_work(args.size, rng)
        print(
            f"Laden: {questions} vragen, {answers} antwoorden, "
            + ", ".join(f"{count} {label}" for label, count in extra.items())
            + f" in {time.perf_counter() - started:.1f} s"
        )

        client = Client(raise_request_exception=False)
        sign_in_with_totp(client, bench_moderator())
        pages = [
            ("netwerk, 12 mnd / 30 d", "/beheer/netwerk/"),
            ("netwerk, 24 mnd / 90 d", "/beheer/netwerk/?periode=24&zoekperiode=90"),
            ("netwerk-CSV per thema", "/beheer/netwerk/csv/themas/?periode=24"),
        ]
        moderation = moderation_dashboard_url()
        rows = [(label, *helpers.measure(client, url)) for label, url in pages]
        if moderation:
            rows.append(("moderatiedashboard", *helpers.measure(client, moderation)))

        print(f"\n{args.rounds} verzoeken na {helpers.WARMUPS} opwarmers per pagina, als moderator")
        header = f"{'pagina':<26} {'status':>6} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for label, status, median, p95, queries in rows:
            print(f"{label:<26} {status:>6} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}")
        if not moderation:
            print(f"{'moderatiedashboard':<26} not available (geen URL 'kn_moderation:dashboard')")
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
