"""Benchmark: the pages of sharing a practice (/praktijken/delen/) beside N practices.

    python bench/sharing.py [--size 2000] [--database-url postgres://user:pass@host/db]

Sets up like bench/practices.py (a scratch SQLite file unless --database-url is given, N
imported practices with partners and attachments), adds a member of Utrecht with drafts of
their own, and times, in the server process, every page of the form: the GET of each step and
a valid POST of each step (which saves a revision), the preview, the submission, Mijn
concepten and a practice's overview. The aim is a median under 150 ms. Prints figures,
asserts nothing.
"""

import argparse
import importlib.util
import io
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARMUPS = 3
ROUNDS = 30
DRAFTS = 20  # the member's municipality's drafts on Mijn concepten


def _bench_practices():
    """bench/practices.py, loaded by path (its module name would hide the practices app)."""
    spec = importlib.util.spec_from_file_location("bench_practices", ROOT / "bench/practices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="aantal praktijken (2000)")
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def timed(request) -> tuple[int, float, int]:
    """(status, milliseconds, queries) of one request (a callable returning a response)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = request()
        elapsed = (time.perf_counter() - started) * 1000
    return response.status_code, elapsed, len(captured)


def figures(results) -> tuple[str, float, float, str]:
    statuses = sorted({status for status, _ms, _q in results})
    timings = sorted(ms for _status, ms, _q in results)
    queries = [q for _status, _ms, q in results]
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    count = str(queries[0]) if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}"
    return "/".join(map(str, statuses)), statistics.median(timings), p95, count


def measure(request, rounds: int = ROUNDS):
    for _ in range(WARMUPS):
        request()
    return figures([timed(request) for _ in range(rounds)])


def main() -> int:
    args = parse_args()
    bench = _bench_practices()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-sharing-"))
    bench.configure(args, workdir)
    import django

    django.setup()
    import random

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from exchange.themes.models import Theme
    from practices.importing import content_import, quiet_page_logging
    from practices.models import PracticePage
    from tests.practices.files import pdf_bytes
    from tests.practices.sharing_data import FORM_STEPS, share, step_data, step_url

    drop = None
    try:
        drop = bench.fresh_database(postgres=bool(args.database_url))
        rng = random.Random(args.seed)
        call_command("load_municipalities", stdout=io.StringIO())
        items = bench.generate_items(args.size, rng)
        with quiet_page_logging():
            content_import(lines=[json.dumps(item) for item in items], progress=False)
        bench.add_partners_and_attachments(rng)
        print(f"{PracticePage.objects.count()} praktijken geladen")

        member = bench.verified_member()
        client = Client(raise_request_exception=False)
        client.force_login(member)
        theme_ids = list(Theme.objects.order_by("pk").values_list("pk", flat=True)[:2])
        started = time.perf_counter()
        drafts = [
            share(client, theme_ids=theme_ids, contact_id=member.pk, submit=False)
            for _ in range(DRAFTS + WARMUPS + ROUNDS)
        ]
        print(f"{len(drafts)} concepten aangemaakt in {time.perf_counter() - started:.1f} s")
        page = drafts[0]

        rows = []
        rows.append(
            ("GET", "delen (stap 1, nieuw)", measure(lambda: client.get("/praktijken/delen/")))
        )
        for slug in FORM_STEPS:
            rows.append(("GET", slug, measure(lambda slug=slug: client.get(step_url(page, slug)))))
            data = step_data(slug, theme_ids=theme_ids, contact_id=member.pk)
            rows.append(
                ("POST", slug, measure(lambda s=slug, d=data: client.post(step_url(page, s), d)))
            )
        upload_page = drafts[1]

        def upload():
            file = SimpleUploadedFile("evaluatie.pdf", pdf_bytes(), "application/pdf")
            data = {**step_data("bijlagen"), "title": "Evaluatie", "file": file}
            return client.post(step_url(upload_page, "bijlagen"), data)

        rows.append(("POST", "bijlagen + PDF", measure(upload)))
        for slug in ("voorbeeld", "indienen"):
            rows.append(("GET", slug, measure(lambda slug=slug: client.get(step_url(page, slug)))))
        overview = reverse("practice_share_overview", args=[page.pk])
        rows.append(("GET", "overzicht", measure(lambda: client.get(overview))))
        drafts_url = reverse("practice_share_drafts")
        rows.append(("GET", "mijn concepten", measure(lambda: client.get(drafts_url))))
        to_submit = iter(drafts[2:])
        rows.append(
            (
                "POST",
                "indienen",
                measure(lambda: client.post(step_url(next(to_submit), "indienen"))),
            )
        )

        print(
            f"\n{args.size} praktijken, {DRAFTS}+ concepten; {ROUNDS} verzoeken na "
            f"{WARMUPS} opwarmers (doel: mediaan onder 150 ms)"
        )
        header = f"{'':<5} {'pagina':<24} {'status':>7} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for method, label, (status, median, p95, queries) in rows:
            print(
                f"{method:<5} {label:<24} {status:>7} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}"
            )
        # A page that answered with a redirect (to log in, to the code of conduct) timed
        # nothing of the form: say so instead of printing flattering figures.
        wrong = [
            (method, label, status)
            for method, label, (status, *_rest) in rows
            if status != ("200" if method == "GET" else "302")
        ]
        if wrong:
            print(f"Onverwachte status: {wrong}", file=sys.stderr)
            return 1
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
