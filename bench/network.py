"""Benchmark: the local network register, its overview and the meetings agenda at scale.

    python bench/network.py [--database-url postgres://user:pass@host/db]

Sets up like bench/practices.py (a scratch SQLite file unless --database-url is given): loads
the 342 municipalities, gives each 30 partner organisations (kinds and themes drawn from the
vocabularies, a third shareable) and 3 key-figure roles, and publishes 500 meetings (half past,
half upcoming, with registrations). Times, in the server process, the network overview for a
member (through the small-group rule) and a moderator, "wie werkt met …", a municipality's
register and one organisation for its member, the meetings agenda, one meeting page and "mijn
bijeenkomsten". Prints median and p95 over 30 requests after 3 warm-ups, and each page's query
count; asserts nothing.
"""

import argparse
import datetime
import importlib.util
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORGANISATIONS_PER_MUNICIPALITY = 30
KEY_FIGURES_PER_MUNICIPALITY = 3
MEETINGS = 500


def _load(name: str):
    """A sibling benchmark loaded by path (its module name would hide an app)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / f"bench/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=17)
    return parser.parse_args()


def build_registers(rng) -> tuple[int, int]:
    """30 organisations and 3 key-figure roles per municipality, straight into the tables."""
    from django.utils import timezone

    from exchange.municipalities.models import Municipality
    from exchange.partners.models import Cooperation, KeyFigure, Organisation
    from exchange.themes.models import OrganisationKind, Theme

    kinds = list(OrganisationKind.objects.values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    organisations, figures = [], []
    for municipality in Municipality.objects.active():
        for n in range(ORGANISATIONS_PER_MUNICIPALITY):
            organisations.append(
                Organisation(
                    municipality=municipality,
                    name=f"Organisatie {n} in {municipality.name}",
                    kind_id=rng.choice(kinds),
                    neighbourhoods="Centrum, Noord" if n % 2 else "",
                    cooperation=rng.choice(Cooperation.values),
                    contact_role="coördinator",
                    shareable=n % 3 == 0,
                    last_checked_on=today - datetime.timedelta(days=rng.randint(0, 500)),
                )
            )
        for n in range(KEY_FIGURES_PER_MUNICIPALITY):
            figures.append(
                KeyFigure(
                    municipality=municipality,
                    role=f"jongerenwerker in wijk {n}",
                    last_checked_on=today - datetime.timedelta(days=rng.randint(0, 500)),
                )
            )
    created = Organisation.objects.bulk_create(organisations, batch_size=2000)
    Through = Organisation.themes.through
    Through.objects.bulk_create(
        (
            Through(organisation_id=organisation.pk, theme_id=theme)
            for organisation in created
            for theme in rng.sample(themes, k=min(len(themes), rng.randint(1, 3)))
        ),
        batch_size=5000,
    )
    KeyFigure.objects.bulk_create(figures, batch_size=2000)
    return len(created), len(figures)


def build_meetings(rng, organiser) -> int:
    """500 published meetings through the site's own service, half of them past."""
    from django.utils import timezone

    from exchange.meetings.services import meeting_create
    from exchange.municipalities.models import Municipality
    from exchange.themes.models import Theme

    themes = list(Theme.objects.all())
    municipalities = list(Municipality.objects.active())
    now = timezone.now()
    for n in range(MEETINGS):
        visibility = rng.choice(["public", "members", "restricted"])
        # Half organised by a municipality (every restricted one: it sees its own), half by
        # the network.
        organiser_municipality = (
            rng.choice(municipalities) if visibility == "restricted" or n % 2 else None
        )
        starts = now + datetime.timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 8))
        meeting_create(
            user=organiser,
            data={
                "title": f"Netwerkbijeenkomst {n}",
                "kind": rng.choice(["network", "intervision", "webinar"]),
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "place": "Stadhuis",
                "online_url": "",
                "municipality": organiser_municipality,
                "themes": rng.sample(themes, k=min(2, len(themes))),
                "audience": "beleidsadviseurs",
                "visibility": visibility,
                "allowed_municipalities": [],
                "capacity": rng.choice([None, 20, 40]),
                "description": "Ervaringen uitwisselen over samenwerken met sleutelfiguren.",
            },
        )
    return MEETINGS


def main() -> int:
    args = parse_args()
    bench = _load("practices")
    inventories = _load("inventories")
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-network-"))
    bench.configure(args, workdir)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from exchange.meetings.models import MeetingPage
    from exchange.meetings.services import registration_register
    from exchange.partners.models import Organisation

    drop = None
    try:
        drop = bench.fresh_database(postgres=bool(args.database_url))
        call_command("load_municipalities", stdout=io.StringIO())
        rng = random.Random(args.seed)  # noqa: S311
        started = time.perf_counter()
        organisations, figures = build_registers(rng)
        print(
            f"{organisations} organisaties en {figures} sleutelfiguren in "
            f"{time.perf_counter() - started:.1f} s"
        )
        member = bench.verified_member()
        moderator = inventories.moderator_client()
        started = time.perf_counter()
        organiser = get_user_model().objects.get(pk=moderator.session["_auth_user_id"])
        build_meetings(rng, organiser)
        print(f"{MEETINGS} bijeenkomsten in {time.perf_counter() - started:.1f} s")
        upcoming = MeetingPage.objects.filter(starts_at__gt=timezone.now())
        for meeting in upcoming.filter(visibility="public")[:20]:
            registration_register(user=member, meeting=meeting)
        client = Client(raise_request_exception=False)
        client.force_login(member)
        own = Organisation.objects.filter(municipality=member.profile.municipality).first()
        meeting = upcoming.filter(visibility="public").first()
        kind_filter = f"{reverse('partners_who_works_with')}?soort=mosque"
        rows = [
            ("overzicht (lid)", client, reverse("partners_overview")),
            ("overzicht (moderator)", moderator, reverse("partners_overview")),
            ("wie werkt met (moskee)", client, kind_filter),
            ("register (lid, 30 org.)", client, reverse("partners_register")),
            ("organisatie (lid)", client, reverse("partners_organisation", args=[own.pk])),
            ("agenda bijeenkomsten", client, "/bijeenkomsten/"),
            ("bijeenkomst", client, meeting.url),
            ("mijn bijeenkomsten", client, reverse("meeting_mine")),
        ]
        print(
            f"\n{bench.ROUNDS} verzoeken na {bench.WARMUPS} opwarmers, "
            f"{Organisation.objects.count()} organisaties, {MeetingPage.objects.count()} "
            "bijeenkomsten"
        )
        header = f"{'pagina':<28} {'status':>7} {'mediaan':>9} {'p95':>9} {'queries':>8}"
        print(header)
        print("-" * len(header))
        for label, who, url in rows:
            status, median, p95, queries = bench.measure(who, url)
            print(f"{label:<28} {status:>7} {median:>7.1f}ms {p95:>7.1f}ms {queries:>8}")
    finally:
        if drop is not None:
            drop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
