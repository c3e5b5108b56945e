"""Benchmark: import N generated practices, then time the catalogue and a practice page.

    python bench/practices.py [--size 2000] [--database-url postgres://user:pass@host/db]

Without --database-url it works in a temporary SQLite file; with one it creates (and afterwards
drops) a fresh `<name>_bench` database on that PostgreSQL server. Prints figures, asserts nothing.
"""

import argparse
import datetime
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WARMUPS = 3
ROUNDS = 30

TITLE_START = [
    "Netwerk van",
    "Gesprekstafels met",
    "Training voor",
    "Dialoog tussen",
    "Steunpunt voor",
    "Vroegsignalering door",
    "Weerbaarheid van",
    "Samenwerking met",
    "Casusoverleg met",
    "Ontmoeting tussen",
]
TITLE_SUBJECT = [
    "sleutelfiguren",
    "jongerenwerkers",
    "docenten in het mbo",
    "ouders en school",
    "moskeebesturen",
    "wijkagenten",
    "buurtbewoners",
    "statushouders",
    "sportverenigingen",
    "frontlijnwerkers",
    "raadsleden",
    "vrijwilligers",
]
TITLE_PLACE = [
    "in de wijk",
    "na incidenten",
    "rond het azc",
    "op school",
    "in kleine kernen",
    "online",
    "in de regio",
    "bij onrust",
]
SENTENCES = [
    "Na een reeks incidenten wilden we beter weten wat er in de wijk speelt.",
    "Jongerenwerkers en wijkagenten trekken samen op en bespreken signalen maandelijks.",
    "Ouders bleken de belangrijkste bondgenoot bij zorgen over radicalisering.",
    "De gemeente financiert een coördinator, partners leveren uren in natura.",
    "We evalueren ieder jaar met deelnemers en passen de aanpak aan.",
    "Polarisatie rond internationale conflicten vroeg om snelle duiding in de klas.",
    "Sleutelfiguren krijgen binnen twee uur feitelijke informatie na een incident.",
    "Docenten volgen een training over het voeren van moeilijke gesprekken.",
    "Het casusoverleg werkt met een privacyconvenant en een vaste voorzitter.",
    "Online extremisme bereikt jongeren via gamingplatforms en groepsapps.",
    "Statushouders en buurtbewoners ontmoeten elkaar bij sport en vrijwilligerswerk.",
    "De aanpak is overdraagbaar, mits er vertrouwen is opgebouwd in rustige tijden.",
    "Discriminatie-ervaringen worden besproken met het antidiscriminatiebureau.",
    "Een draaiboek legt vast wie wat communiceert in de eerste 24 uur.",
]
TARGET_GROUPS = [
    "jongeren 12-16",
    "jongeren 14-23",
    "ouders",
    "docenten",
    "sleutelfiguren",
    "wijkagenten",
    "buurtbewoners",
    "statushouders",
    "professionals",
    "raadsleden",
    "vrijwilligers",
    "moskeebesturen",
]
PARTNER_NAMES = [
    "Politie, basisteam",
    "Jongerenwerk",
    "GGD",
    "Wijkteam",
    "Voetbalvereniging",
    "Woningcorporatie",
    "Moskeebestuur",
    "Oudernetwerk",
    "Scholengemeenschap",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="aantal praktijken (2000)")
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def configure(args, workdir: Path) -> None:
    """Environment for exchange.settings.dev, isolated from the developer's own database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "exchange.settings.dev"
    os.environ["DATA_DIR"] = str(workdir)
    (workdir / "static").mkdir()  # whitenoise warns about a missing STATIC_ROOT otherwise
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"  # time what production would do, not the debug pages
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("SEARCH_URL", None)  # database search: the benchmark needs no services
    os.environ.pop("CACHE_URL", None)


def fresh_database(postgres: bool):
    """Migrate an empty database; returns a function that removes it again."""
    from django.core.management import call_command
    from django.db import OperationalError, connection

    if not postgres:
        call_command("migrate", verbosity=0)
        return lambda: None
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        print(f"PostgreSQL is niet bereikbaar: {exc}".strip(), file=sys.stderr)
        sys.exit(2)
    settings_dict = connection.settings_dict
    settings_dict.setdefault("TEST", {})["NAME"] = f"{settings_dict['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def generate_items(size: int, rng: random.Random) -> list[dict]:
    from exchange.municipalities.models import Municipality
    from exchange.themes.models import Theme

    codes = list(Municipality.objects.active().values_list("code", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    start = datetime.date(2019, 1, 1)
    items = []
    for n in range(1, size + 1):
        title = " ".join(
            [rng.choice(TITLE_START), rng.choice(TITLE_SUBJECT), rng.choice(TITLE_PLACE)]
        )
        paragraphs = [
            " ".join(rng.sample(SENTENCES, rng.randint(3, 6))) for _ in range(rng.randint(2, 5))
        ]
        visibility = rng.choices(["public", "members", "restricted"], weights=[7, 2, 1])[0]
        item = {
            "id": f"bench-{n:05d}",
            "kind": "practice",
            "title": f"{title} ({n})",
            "summary": " ".join(rng.sample(SENTENCES, 2)),
            "body": "\n\n".join(paragraphs),
            "municipality": rng.choice(codes),
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "target_groups": rng.sample(TARGET_GROUPS, rng.randint(1, 3)),
            "evidence_level": rng.choice(["idee", "beschreven", "onderbouwd", "effectief", None]),
            "visibility": visibility,
            "published_at": (start + datetime.timedelta(days=rng.randint(0, 2500))).isoformat(),
        }
        if visibility == "restricted":
            item["allowed_municipalities"] = rng.sample(codes, rng.randint(1, 3))
        items.append(item)
    return items


def add_partners_and_attachments(rng: random.Random) -> None:
    """Straight into the tables: the benchmark needs the rows, not their revisions."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from exchange.themes.models import OrganisationKind
    from practices.models import PracticeAttachment, PracticePage, PracticePartner

    Document = get_document_model()
    documents = []
    for title in ("Evaluatierapport", "Draaiboek"):
        document = Document(title=title)
        document.file.save(f"{title.lower()}.pdf", ContentFile(b"%PDF-1.4 bench\n"), save=False)
        document.save()
        documents.append(document)
    kinds = list(OrganisationKind.objects.values_list("pk", flat=True))
    partners, attachments = [], []
    for page_id in PracticePage.objects.values_list("pk", flat=True):
        for order in range(rng.randint(2, 5)):
            partners.append(
                PracticePartner(
                    practice_id=page_id,
                    sort_order=order,
                    kind_id=rng.choice(kinds),
                    name=rng.choice(PARTNER_NAMES),
                    role="denkt mee en levert menskracht",
                )
            )
        for order, document in enumerate(documents):
            attachments.append(
                PracticeAttachment(practice_id=page_id, sort_order=order, document=document)
            )
    PracticePartner.objects.bulk_create(partners, batch_size=500)
    PracticeAttachment.objects.bulk_create(attachments, batch_size=500)


def verified_member():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from exchange.accounts.conduct import code_accept_current
    from exchange.accounts.models import Profile
    from exchange.municipalities.models import Municipality

    user = get_user_model().objects.create_user(email="bench@utrecht.nl", password=None)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # Without the code of conduct accepted every member page redirects to it.
    code_accept_current(user=user)
    Profile.objects.filter(user=user).update(
        status=Profile.Status.VERIFIED, municipality=Municipality.objects.get(code="GM0344")
    )
    return get_user_model().objects.get(pk=user.pk)


def measure(client, url: str) -> tuple[int, float, float, str]:
    """(status, median ms, p95 ms, query count or range) over ROUNDS requests."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUPS):
        client.get(url)
    timings, queries, status = [], [], 0
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured))
        status = response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    count = str(queries[0]) if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}"
    return status, statistics.median(timings), p95, count


def main() -> int:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-"))
    configure(args, workdir)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from practices.importing import content_import, quiet_page_logging
    from practices.models import PracticePage

    drop = None
    try:
        drop = fresh_database(postgres=bool(args.database_url))
        rng = random.Random(args.seed)
        call_command("load_municipalities", stdout=io.StringIO())
        items = generate_items(args.size, rng)
        started = time.perf_counter()
        with quiet_page_logging():
            summary = content_import(lines=[json.dumps(item) for item in items], progress=True)
        seconds = time.perf_counter() - started
        print(
            f"Import: {summary.created} praktijken in {seconds:.1f} s "
            f"({summary.created / seconds:.1f} per seconde)"
        )
        add_partners_and_attachments(rng)

        practice = PracticePage.objects.live().filter(visibility="public").order_by("pk").first()
        urls = [
            ("catalogus", "/praktijken/"),
            ("catalogus met filter", "/praktijken/?thema=jongeren&provincie=Utrecht"),
            ("praktijkpagina", practice.url),
        ]
        anonymous, member = (
            Client(raise_request_exception=False),
            Client(raise_request_exception=False),
        )
        member.force_login(verified_member())
        rows = []
        for who, client in (("anoniem", anonymous), ("lid", member)):
            for label, url in urls:
                rows.append((who, label, *measure(client, url)))

        print(f"\n{args.size} praktijken, {ROUNDS} verzoeken na {WARMUPS} opwarmers")
        header = f"{'wie':<8} {'pagina':<22} {'status':>6} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for who, label, status, median, p95, queries in rows:
            print(f"{who:<8} {label:<22} {status:>6} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}")
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
