"""Benchmark: the quickscan's results pages at 342 municipalities × 3 rounds × 25 questions.

    python bench/inventories.py [--database-url postgres://user:pass@host/db]

Sets up like bench/practices.py (a scratch SQLite file unless --database-url is given): loads
the municipalities, builds the quickscan with 25 questions in three closed rounds (each the
next round of the one before) and lets every municipality answer every round. Times, in the
server process, the results page of the last round (with the round before side by side) for
a moderator (every figure) and for a member (everything through the small-group rule), the
CSV, the response form, the own-results view, "Wat anderen doen" and the unmet needs. The
aim is a p95 under 200 ms on SQLite. Prints figures, asserts nothing.
"""

import argparse
import datetime
import importlib.util
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARMUPS = 3
ROUNDS = 30
QUESTIONS = 25
ROUNDS_OF_QUESTIONNAIRE = 3


def _bench_practices():
    """bench/practices.py, loaded by path (its module name would hide the practices app)."""
    spec = importlib.util.spec_from_file_location("bench_practices", ROOT / "bench/practices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=16)
    return parser.parse_args()


def measure(request) -> tuple[str, float, float, str]:
    """(statuses, median ms, p95 ms, query count or range) over ROUNDS requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUPS):
        request()
    timings, queries, statuses = [], [], set()
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = request()
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        statuses.add(response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    count = str(queries[0]) if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}"
    return "/".join(map(str, sorted(statuses))), statistics.median(timings), p95, count


def build_rounds(rng):
    """Three closed rounds of a 25-question quickscan, every municipality answering each."""
    from django.utils import timezone

    from exchange.inventories import services
    from exchange.inventories.demo import _value
    from exchange.inventories.models import Answer, Kind, Question, Response
    from exchange.inventories.quickscan import quickscan_ensure
    from exchange.municipalities.models import Municipality
    from exchange.municipalities.size_classes import size_class

    first, _created = quickscan_ensure()
    for n in range(first.questions.count(), QUESTIONS):
        Question.objects.create(
            questionnaire=first,
            sort_order=n,
            section="Extra",
            code=f"extra-{n}",
            text=f"Extra schaalvraag {n}",
            kind=Kind.SCALE,
            scale_low="laag",
            scale_high="hoog",
        )
    rounds = [first]
    for _ in range(ROUNDS_OF_QUESTIONNAIRE - 1):
        rounds.append(services.questionnaire_new_round(user=None, questionnaire=rounds[-1]))
    today = timezone.localdate()
    municipalities = list(Municipality.objects.active())
    for number, questionnaire in enumerate(rounds):
        questionnaire.opens_on = today - datetime.timedelta(days=400 * (3 - number))
        questionnaire.closes_on = questionnaire.opens_on + datetime.timedelta(days=40)
        questionnaire.save()
        responses = Response.objects.bulk_create(
            Response(
                questionnaire=questionnaire,
                municipality=municipality,
                status=Response.Status.SUBMITTED,
                submitted_at=timezone.now(),
            )
            for municipality in municipalities
        )
        questions = list(questionnaire.questions.all())
        answers = []
        for response, municipality in zip(responses, municipalities, strict=True):
            size = size_class(municipality.population) or 4
            for question in questions:
                value = _value(question, rng, size)
                if value is not None:
                    answers.append(Answer(response=response, question=question, value=value))
        Answer.objects.bulk_create(answers, batch_size=2000)
    return rounds, len(municipalities)


def moderator_client():
    """A client logged in as a moderator with two-factor authentication in the session."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client, RequestFactory

    from exchange.accounts.conduct import code_accept_current

    user = get_user_model().objects.create_user(email="moderator@bench.example", password=None)
    user.groups.add(Group.objects.get(name="Moderators"))
    TOTP.activate(user, "JBSWY3DPEHPK3PXPBENCHSECRETBASEA")
    code_accept_current(user=user)
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    request.session.save()
    return client


def main() -> int:
    args = parse_args()
    bench = _bench_practices()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-inventories-"))
    bench.configure(args, workdir)
    import django

    django.setup()
    import random

    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from exchange.accounts.conduct import code_accept_current
    from exchange.inventories.models import Answer

    drop = None
    try:
        drop = bench.fresh_database(postgres=bool(args.database_url))
        call_command("load_municipalities", stdout=io.StringIO())
        started = time.perf_counter()
        rounds, municipalities = build_rounds(random.Random(args.seed))  # noqa: S311
        print(
            f"{municipalities} gemeenten × {len(rounds)} rondes × {QUESTIONS} vragen: "
            f"{Answer.objects.count()} antwoorden in {time.perf_counter() - started:.1f} s"
        )
        last = rounds[-1]
        member = bench.verified_member()
        code_accept_current(user=member)
        client = Client(raise_request_exception=False)
        client.force_login(member)
        moderator = moderator_client()
        results = reverse("inventory_results", args=[last.slug])
        answered = client.get(results)
        if answered.status_code != 200:
            print(f"resultaten: {answered.status_code} {answered.get('Location', '')}")
        rows = [
            ("resultaten (moderator)", measure(lambda: moderator.get(results))),
            ("resultaten (lid, beschermd)", measure(lambda: client.get(results))),
            (
                "resultaten.csv (lid)",
                measure(lambda: client.get(reverse("inventory_results_csv", args=[last.slug]))),
            ),
            (
                "mijn resultaten",
                measure(lambda: client.get(reverse("inventory_own_results", args=[last.slug]))),
            ),
            (
                "wat anderen doen",
                measure(lambda: client.get(reverse("inventory_what_others_do", args=[last.slug]))),
            ),
            (
                "onvervulde behoeften (mod.)",
                measure(lambda: moderator.get(reverse("inventory_unmet_needs", args=[last.slug]))),
            ),
            (
                "formulier, onderdeel 1",
                measure(lambda: client.get(reverse("inventory_section", args=[last.slug, 1]))),
            ),
        ]
        print(f"\n{ROUNDS} verzoeken na {WARMUPS} opwarmers (doel: p95 onder 200 ms)")
        header = f"{'pagina':<30} {'status':>7} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for label, (status, median, p95, queries) in rows:
            print(f"{label:<30} {status:>7} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}")
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
