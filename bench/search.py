"""Benchmark search: bulk indexing, the search API against the raw engine, the database
engine, and Wagtail's built-in search on the same node.

    python bench/search.py [--size 100000] [--db-size 10000] [--pages 10000] [--queries 200]

Starts its own OpenSearch node from services/opensearch/ (or uses SEARCH_BENCH_URL, e.g.
opensearch://127.0.0.1:9200) and works in a scratch SQLite database. The corpus is generated
Dutch text shaped exactly like search.documents' practice and question documents, with the
access fields varied; it goes into the index through the engine's bulk path, not through
Wagtail pages (creating 100,000 pages would measure page creation instead). Only the Wagtail
comparison creates real PracticePages (`--pages`, default 10,000 as the issue asks; page
creation runs at some tens of pages a second, so that part takes several minutes). Prints
figures; asserts nothing.
"""

import argparse
import datetime
import io
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.practices import (  # noqa: E402 - after the path is set
    SENTENCES,
    TARGET_GROUPS,
    TITLE_PLACE,
    TITLE_START,
    TITLE_SUBJECT,
    verified_member,
)

BATCH = 500
# Searches before measuring (others than the measured ones, each sent through the API and
# straight to the engine). A freshly started node is slow while the JVM compiles its hot
# paths: on this machine, at 100,000 items, the raw median / p95 went from 80 / 182 ms over
# the first 100 searches to 58 / 97 after 100 and reached 32 / 55 only after about 800,
# where it stayed. A node in service is past that; the figures are for such a node.
WARMUPS = 500
# Searches measured right after the node restarts on the same data, before any warm-up.
COLD_SEARCHES = 100

# More vocabulary than bench/practices.py, so posting lists have realistic lengths.
EXTRA_SENTENCES = [
    "Het jongerenwerk signaleert zorgen over radicalisering vroeg en deelt die in het netwerk.",
    "De wijkaanpak combineert huisbezoeken, buurtgesprekken en een vast aanspreekpunt.",
    "Ervaringsdeskundigen vertellen in de klas over hun weg uit een extremistische groep.",
    "Het veiligheidshuis coördineert de persoonsgerichte aanpak met zorg en politie.",
    "Moskeebesturen, kerken en het jongerenwerk organiseren samen een dialoogavond.",
    "Omwonenden van het asielzoekerscentrum kregen een klankbordgroep en een vaste contactpersoon.",
    "De ggz denkt mee in het casusoverleg wanneer psychische problemen een rol spelen.",
    "Docenten in het mbo leren polarisatie in de klas te herkennen en bespreekbaar te maken.",
    "Sociale media worden gemonitord op oproepen tot geweld rond demonstraties.",
    "Vrijwilligers van de sportvereniging zijn getraind in het herkennen van signalen.",
    "De gemeenteraad besprak de aanpak van polarisatie na spanningen rond een demonstratie.",
    "Ouders van jongeren die online radicaliseren vinden steun bij een oudernetwerk.",
    "Een weerbaarheidstraining helpt professionals omgaan met intimidatie en bedreiging.",
    "Statushouders worden via taalcafés en maatjesprojecten verbonden met de buurt.",
    "Het antidiscriminatiebureau registreert meldingen en bemiddelt bij conflicten.",
    "De evaluatie liet zien dat vertrouwen tussen partners het belangrijkste resultaat is.",
]
ALL_SENTENCES = SENTENCES + EXTRA_SENTENCES
QUESTION_STARTS = [
    "Hoe pakken jullie",
    "Wie heeft ervaring met",
    "Wat werkt bij",
    "Tips gevraagd voor",
    "Hoe betrek je",
    "Welke gemeente heeft",
]
QUERY_WORDS = [
    "radicalisering",
    "polarisatie",
    "jongerenwerker",
    "ouders",
    "preventie",
    "sleutelfiguren",
    "moskee",
    "azc",
    "asielzoekerscentrum",
    "casusoverleg",
    "privacy",
    "training",
    "docenten",
    "school",
    "wijkagent",
    "online",
    "extremisme",
    "incident",
    "draaiboek",
    "discriminatie",
    "statushouders",
    "weerbaarheid",
    "vrijwilligers",
    "sport",
    "netwerk",
    "dialoog",
    "ggz",
    "gemeenteraad",
    "signaleren",
    "coordinator",
]
STATUSES = {"practice": ["running", "finished"], "question": ["open", "answered"]}


# -- set-up ----------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", "--items", type=int, default=100_000, help="items in the index (100000)"
    )
    parser.add_argument("--db-size", type=int, default=10_000, help="database engine (10000)")
    parser.add_argument("--pages", type=int, default=10_000, help="Wagtail pages (0 = skip)")
    parser.add_argument("--queries", type=int, default=200, help="queries per measurement (200)")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def configure(workdir: Path) -> None:
    """Environment for exchange.settings.dev, isolated from the developer's own database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "exchange.settings.dev"
    os.environ["DATA_DIR"] = str(workdir)
    (workdir / "static").mkdir()
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["SEARCH_INDEX_PREFIX"] = f"kn-bench-{os.getpid()}"
    os.environ.pop("SEARCH_URL", None)  # set once the node is known
    os.environ.pop("CACHE_URL", None)


def percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return statistics.median(ordered), p95


# -- the corpus ------------------------------------------------------------------------------


def vocabularies():
    from exchange.municipalities.models import Municipality
    from exchange.themes.models import Theme

    municipalities = [
        {
            "code": m.code,
            "name": m.name,
            "names": [m.name, *m.alias_list],
            "province": m.province,
        }
        for m in Municipality.objects.active()
    ]
    themes = list(Theme.objects.all())
    return municipalities, themes


def generate_documents(size: int, rng: random.Random, municipalities, themes):
    """Yield index documents with the fields search.documents' builders produce."""
    start = datetime.datetime(2019, 1, 1, 9, tzinfo=datetime.UTC)
    for n in range(1, size + 1):
        kind = "practice" if rng.random() < 0.7 else "question"
        municipality = rng.choice(municipalities)
        picked = rng.sample(themes, rng.randint(1, 3))
        groups = rng.sample(TARGET_GROUPS, rng.randint(1, 3)) if kind == "practice" else []
        paragraphs = rng.randint(2, 5) if kind == "practice" else rng.randint(1, 3)
        body = " ".join(
            " ".join(rng.sample(ALL_SENTENCES, rng.randint(3, 6))) for _ in range(paragraphs)
        )
        if kind == "practice":
            title = " ".join(
                [rng.choice(TITLE_START), rng.choice(TITLE_SUBJECT), rng.choice(TITLE_PLACE)]
            )
            summary = " ".join(rng.sample(ALL_SENTENCES, 2))
        else:
            title = f"{rng.choice(QUESTION_STARTS)} {rng.choice(TITLE_SUBJECT)}?"
            summary = body[:300]
        visibility = rng.choices(["public", "members", "restricted"], weights=[7, 2, 1])[0]
        allowed = []
        if visibility == "restricted":
            allowed = sorted(
                {municipality["code"], *(m["code"] for m in rng.sample(municipalities, 2))}
            )
        published = start + datetime.timedelta(days=rng.randint(0, 2500))
        yield {
            "kind": kind,
            "id": n,
            "title": title,
            "summary": summary,
            "body": body,
            "attachment_text": (
                " ".join(rng.sample(ALL_SENTENCES, 4)) if rng.random() < 0.2 else ""
            ),
            "target_groups": [g.replace(" ", "-") for g in groups],
            "target_group_names": groups,
            "evidence_level": (
                rng.choice(["idee", "beschreven", "onderbouwd", "effectief"])
                if kind == "practice"
                else None
            ),
            "status": rng.choice(STATUSES[kind]),
            "has_accepted_answer": kind == "question" and rng.random() < 0.4,
            "url": f"/{'praktijken' if kind == 'practice' else 'vragen'}/bench-{n}/",
            "themes": [t.slug for t in picked],
            "theme_names": [t.name for t in picked],
            "theme_labels": [{"slug": t.slug, "name": t.name} for t in picked],
            "theme_synonyms": [
                line.strip() for t in picked for line in t.synonyms.splitlines() if line.strip()
            ],
            "municipality_code": municipality["code"],
            "municipality_name": municipality["name"],
            "municipality_names": municipality["names"],
            "province": municipality["province"],
            "published_at": published.isoformat(),
            "updated_at": published.isoformat(),
            "year": published.year,
            "visibility": visibility,
            "allowed_municipalities": allowed,
        }


def batches(items, size: int = BATCH):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def query_mix(count: int, rng: random.Random, municipalities, themes) -> list[dict]:
    """One to four Dutch words; about a third with one or two facet filters."""
    provinces = sorted({m["province"] for m in municipalities})
    mix = []
    for _ in range(count):
        params = {"q": " ".join(rng.sample(QUERY_WORDS, rng.randint(1, 4)))}
        if rng.random() < 0.35:
            facet = rng.choice(["theme", "province", "kind", "year", "theme+kind"])
            if facet.startswith("theme"):
                params["theme"] = [t.slug for t in rng.sample(themes, rng.randint(1, 2))]
            if facet == "province":
                params["province"] = [rng.choice(provinces)]
            if facet in {"kind", "theme+kind"}:
                params["kind"] = [rng.choice(["practice", "question"])]
            if facet == "year":
                params["year"] = [str(rng.randint(2019, 2025))]
        mix.append(params)
    return mix


# -- measurements ----------------------------------------------------------------------------


def bulk_index(engine, size, rng, municipalities, themes) -> tuple[str, float, float]:
    """Create a new index, bulk-load `size` documents, merge, swap the alias in; (index,
    items/s, seconds merging)."""
    from search.index import finish_loading, new_index_name
    from search.mapping import index_body

    name = new_index_name()
    # As rebuild_search_index does: no periodic refresh and an asynchronous translog while
    # loading; the rate counts until the items are visible and safely committed.
    engine.create_index(name, index_body(name, bulk_load=True, items=size))
    started = time.perf_counter()
    done = 0
    with engine.bulk_loader(name) as loader:  # the rebuild's path
        for chunk in batches(generate_documents(size, rng, municipalities, themes)):
            loader.add(chunk)
            done += len(chunk)
            if done % 10_000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  {done:>7} geïndexeerd ({rate:,.0f}/s)", flush=True)
    finish_loading(engine, name)
    seconds = time.perf_counter() - started
    # As rebuild_search_index does before the swap; timed apart from the loading rate.
    started = time.perf_counter()
    engine.merge_segments(name)
    merged = time.perf_counter() - started
    engine.update_aliases([{"add": {"index": name, "alias": engine.alias}}])
    return name, size / seconds, merged


def time_searches(clients: list, mix: list[dict], warmups: list[dict], engine=None):
    """Median and p95 ms of GET /api/v1/search, alternating the callers; with `engine`, also
    of the same bodies sent straight to the engine client: every body the API sends for the
    query (the first, and the one it asks again with when too few items hold every word or a
    typo is likely), recorded in a run of every query beforehand. Each query goes both ways,
    in alternating order, so both see the node in the same state and neither gains from the
    other having just read the same data. Also counts the answers that came from another
    engine than the first (a fallback would flatter the figures). The warm-up queries are
    others than the measured ones: they get the node's code compiled and its files read, as
    a node that serves searches all day has them."""
    from search.models import SearchQueryLog

    def api(n, params):
        started = time.perf_counter()
        response = clients[n % len(clients)].get("/api/v1/search", params)
        if response.status_code != 200:
            print(f"  ! {response.status_code} voor {params}: {response.content[:200]!r}")
        return (time.perf_counter() - started) * 1000

    def raw(bodies):
        started = time.perf_counter()
        for body in bodies:
            engine.client.search(index=engine.alias, body=body)
        return (time.perf_counter() - started) * 1000

    if engine is not None:
        sent = {
            n: sent_bodies(engine, clients[n % len(clients)], params)
            for n, params in enumerate(warmups + mix)
        }
    for n, params in enumerate(warmups):
        api(n, params)
        if engine is not None:
            raw(sent[n])
    first_logged = SearchQueryLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    api_timings, raw_timings = [], []
    for n, params in enumerate(mix):
        bodies = sent[len(warmups) + n] if engine is not None else None
        if engine is not None and n % 2:
            raw_timings.append(raw(bodies))
        api_timings.append(api(n, params))
        if engine is not None and not n % 2:
            raw_timings.append(raw(bodies))
    engines = list(
        SearchQueryLog.objects.filter(pk__gt=first_logged).values_list("engine", flat=True)
    )
    fallbacks = sum(engine != engines[0] for engine in engines) if engines else 0
    return percentiles(api_timings), percentiles(raw_timings) if raw_timings else None, fallbacks


def fresh_node_searches(node, engine, index_name: str, clients: list, queries: list[dict]):
    """Median and p95 ms of the first searches through the API after the node restarts on
    the same data (its JVM cold, as after a deploy or a crash), or None on a node the
    benchmark did not start."""
    if node is None:
        return None
    from search.client import _client_for

    os.killpg(node.process.pid, signal.SIGTERM)  # stop, keeping the data directory
    node.process.wait(timeout=60)
    node.start()
    _client_for.cache_clear()
    engine.client = get_engine_client()
    engine.wait_for_index(index_name)
    timings = []
    for n, params in enumerate(queries):
        started = time.perf_counter()
        clients[n % len(clients)].get("/api/v1/search", params)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def get_engine_client():
    from search.engines import get_engine

    return get_engine().client


def sent_bodies(engine, client, params: dict) -> list[dict]:
    """The bodies the engine sends when the client's user searches with `params`."""
    from django.http import QueryDict

    from exchange.visibility import viewer_for
    from search.engines import fetch_params
    from search.params import params_from_querydict

    sent = []
    send = engine.send_search
    engine.send_search = lambda body, index=None: sent.append(body) or send(body, index)
    try:
        parsed = params_from_querydict(QueryDict(urlencode(params, doseq=True)))
        # What the API asks the engine for: the first thirty, for the re-ordering by meaning.
        engine.search(fetch_params(parsed), viewer_for(client.bench_user))
    finally:
        del engine.send_search  # back to the class's method
    return sent


def stand_in_vector(seed: int) -> bytes:
    """A row's sentence vector for the benchmark: a random unit vector. Working out 100,000
    real ones takes the model hours (0.2-0.8 s an item); the re-ordering by meaning reads and
    compares them the same way whatever they hold, and the query's vector is worked out for
    real on every search."""
    import numpy as np

    from search.embedding import DIMENSIONS

    vector = np.random.default_rng(seed).normal(size=DIMENSIONS).astype(np.float32)
    return (vector / np.linalg.norm(vector)).tobytes()


def _row(doc: dict):
    from search.embedding import enabled
    from search.models import SearchEntry
    from search.sync import entry_terms

    return SearchEntry(
        kind=doc["kind"],
        object_id=doc["id"],
        title=doc["title"][:255],
        summary=doc["summary"],
        url=doc["url"],
        visibility=doc["visibility"],
        embedding=stand_in_vector(doc["id"]) if enabled() else None,
        **entry_terms(doc),
    )


def store_stand_in_vectors() -> None:
    """Every database row without a vector gets its stand-in (stand_in_vector), when the
    re-ordering by meaning is on (SEARCH_EMBEDDINGS=1); off, rows have none, as in service."""
    from django.db import connection

    from search.embedding import enabled
    from search.models import SearchEntry

    if not enabled():
        return

    rows = SearchEntry.objects.filter(embedding__isnull=True).values_list("pk", "object_id")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {SearchEntry._meta.db_table} SET embedding = %s WHERE id = %s",  # noqa: S608
            [(stand_in_vector(object_id), pk) for pk, object_id in rows],
        )


def store_feedback_rows(size, rng, municipalities, themes) -> float:
    """The database rows of the indexed documents (`rng` in the state the bulk load started
    from, so the same documents), their term statistics and stand-in sentence vectors: in
    service the sync keeps a row beside every indexed item, and search.feedback and
    search.embedding re-order the API's first results from them. Written in bulk
    (store_entries also fills access lists the API part does not read), the terms worked out
    on both cores; seconds."""
    from multiprocessing import get_context

    from django.db import connection

    from search.feedback import refresh_statistics
    from search.models import SearchEntry

    started = time.perf_counter()
    connection.close()  # the workers are forked: they must not share this connection
    with get_context("fork").Pool(2) as pool:
        for chunk in batches(generate_documents(size, rng, municipalities, themes)):
            SearchEntry.objects.bulk_create(pool.map(_row, chunk, chunksize=50))
    refresh_statistics()
    return time.perf_counter() - started


def load_database_engine(size, rng, municipalities, themes) -> float:
    """The database engine's rows for `size` documents; items/s."""
    from django.db import transaction

    from search.sync import store_entries

    started = time.perf_counter()
    for chunk in batches(generate_documents(size, rng, municipalities, themes)):
        with transaction.atomic():
            store_entries(chunk)
    return size / (time.perf_counter() - started)


def practice_items(count: int, rng: random.Random, municipalities, themes) -> list[str]:
    """import_content lines for `count` practices (the Wagtail comparison)."""
    import json

    lines = []
    for doc in generate_documents(count * 2, rng, municipalities, themes):
        if doc["kind"] != "practice" or doc["visibility"] == "restricted":
            continue
        lines.append(
            json.dumps(
                {
                    "id": f"bench-{doc['id']}",
                    "kind": "practice",
                    "title": f"{doc['title']} ({doc['id']})",
                    "summary": doc["summary"],
                    "body": doc["body"],
                    "municipality": doc["municipality_code"],
                    "themes": doc["themes"],
                    "target_groups": doc["target_group_names"],
                    "evidence_level": doc["evidence_level"],
                    "visibility": doc["visibility"],
                    "published_at": doc["published_at"][:10],
                }
            )
        )
        if len(lines) == count:
            break
    return lines


def wagtail_comparison(pages: int, node_url: str, rng, municipalities, themes, mix, warmups):
    """Import `pages` PracticePages, index them with modelsearch's OpenSearch 3 backend on the
    same node and time PracticePage.objects.search for the mix's query texts."""
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    from practices.importing import content_import, quiet_page_logging
    from practices.models import PracticePage

    http_url = node_url.replace("opensearch://", "http://")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "modelsearch.backends.opensearch3",
            "URLS": [http_url],
            "INDEX_PREFIX": f"bench-{os.getpid()}-",
            "AUTO_UPDATE": False,  # indexed in bulk below, not page by page
        }
    }
    settings.SEARCH_URL = ""  # our own sync only writes database rows meanwhile
    started = time.perf_counter()
    with quiet_page_logging():
        content_import(lines=practice_items(pages, rng, municipalities, themes), progress=True)
    created = time.perf_counter() - started
    backend = get_search_backend()
    started = time.perf_counter()
    index = backend.get_index_for_model(PracticePage)
    index.reset()
    index.add_model(PracticePage)
    queryset = PracticePage.objects.live().specific()
    for chunk in batches(queryset.iterator(chunk_size=BATCH)):
        index.add_items(PracticePage, chunk)
    index.refresh()
    indexed = time.perf_counter() - started
    texts = [params["q"] for params in mix]
    for params in warmups:
        list(PracticePage.objects.live().search(params["q"])[:10])
    timings = []
    for text in texts:
        began = time.perf_counter()
        list(PracticePage.objects.live().search(text)[:10])
        timings.append((time.perf_counter() - began) * 1000)
    total = PracticePage.objects.live().count()
    index.delete()
    return total, created, indexed, percentiles(timings)


# -- main ------------------------------------------------------------------------------------


def start_node():
    url = os.environ.get("SEARCH_BENCH_URL")
    if url:
        return None, url
    from tests.opensearch_node import OpenSearchNode

    print("OpenSearch-node starten…", flush=True)
    node = OpenSearchNode().start()
    return node, node.search_url


def row(label: str, figure: str, aim: str = "") -> str:
    return f"{label:<52} {figure:>22}  {aim}"


def main() -> int:
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-search-"))
    configure(workdir)
    node, url = start_node()
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from search.engines import get_engine

        call_command("migrate", verbosity=0)
        call_command("load_municipalities", stdout=io.StringIO())
        settings.SEARCH_URL = url
        rng = random.Random(args.seed)
        municipalities, themes = vocabularies()
        engine = get_engine(url)
        lines = []

        print(f"Index vullen met {args.size} items…", flush=True)
        loaded_from = rng.getstate()
        index_name, rate, merged = bulk_index(engine, args.size, rng, municipalities, themes)
        lines.append(row(f"bulk indexeren ({args.size} items)", f"{rate:,.0f} items/s", "≥ 1000"))
        lines.append(row("daarna segmenten samenvoegen (zoals de rebuild)", f"{merged:.1f} s"))
        print("Databaserijen en termstatistiek voor dezelfde items…", flush=True)
        same = random.Random()
        same.setstate(loaded_from)
        seconds = store_feedback_rows(args.size, same, municipalities, themes)
        lines.append(
            row("databaserijen, termstatistiek, vectoren (naast de index)", f"{seconds:.0f} s")
        )

        member_user = verified_member()
        anonymous, member = Client(), Client()
        member.force_login(member_user)
        anonymous.bench_user, member.bench_user = None, member_user
        mix = query_mix(args.queries, rng, municipalities, themes)
        warmups = query_mix(WARMUPS, rng, municipalities, themes)
        cold = query_mix(COLD_SEARCHES, rng, municipalities, themes)

        print("Node herstarten voor de eerste zoekvragen op een koude JVM…", flush=True)
        first = fresh_node_searches(node, engine, index_name, [anonymous, member], cold)
        lines.append(
            row(
                f"eerste {COLD_SEARCHES} zoekvragen na een herstart mediaan / p95",
                f"{first[0]:.1f} / {first[1]:.1f} ms" if first else "n.v.t. (eigen node)",
            )
        )

        (api_median, api_p95), (raw_median, raw_p95), api_fallbacks = time_searches(
            [anonymous, member], mix, warmups, engine
        )
        lines.append(row("API-antwoorden uit de database-terugval", str(api_fallbacks), "0"))
        lines.append(
            row(
                "zoek-API OpenSearch mediaan / p95",
                f"{api_median:.1f} / {api_p95:.1f} ms",
                "p95 ≤ 60 ms",
            )
        )
        lines.append(
            row("zelfde bodies rechtstreeks mediaan / p95", f"{raw_median:.1f} / {raw_p95:.1f} ms")
        )
        lines.append(
            row(
                "verhouding API / rechtstreeks (mediaan, p95)",
                f"{api_median / raw_median:.2f} / {api_p95 / raw_p95:.2f}",
                "≤ 1.5",
            )
        )

        print(f"Database-engine vullen met {args.db_size} items…", flush=True)
        from search.feedback import refresh_statistics
        from search.models import SearchEntry

        # The database engine is measured on its own size, in a full-text index as fresh as a
        # new install's: the 100,000 deletions would otherwise stay in SQLite's FTS5 segments
        # (and its vocabulary) as tombstones (measured: a p95 of 621 ms instead of 110).
        SearchEntry.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO kn_search_searchentry_fts(kn_search_searchentry_fts) "
                "VALUES ('rebuild')"
            )
            cursor.execute("VACUUM")
        db_rate = load_database_engine(args.db_size, rng, municipalities, themes)
        refresh_statistics()
        store_stand_in_vectors()
        settings.SEARCH_URL = ""
        (db_median, db_p95), _raw, _same = time_searches([anonymous, member], mix, warmups)
        lines.append(
            row(f"database-engine vullen ({args.db_size} items)", f"{db_rate:,.0f} items/s")
        )
        lines.append(
            row(
                f"zoek-API database-engine ({args.db_size}) mediaan / p95",
                f"{db_median:.1f} / {db_p95:.1f} ms",
                "p95 ≤ 150 ms",
            )
        )

        if args.pages:
            print(f"Wagtail-vergelijking: {args.pages} praktijkpagina's aanmaken…", flush=True)
            total, created, indexed, (wt_median, wt_p95) = wagtail_comparison(
                args.pages, url, rng, municipalities, themes, mix, warmups
            )
            lines.append(
                row(f"Wagtail-pagina's aanmaken ({total})", f"{total / created:,.0f} pagina's/s")
            )
            lines.append(
                row(
                    f"modelsearch opensearch3 indexeren ({total})",
                    f"{total / indexed:,.0f} items/s",
                )
            )
            lines.append(
                row(
                    f"PracticePage.objects.search ({total}) mediaan / p95",
                    f"{wt_median:.1f} / {wt_p95:.1f} ms",
                    "ter vergelijking",
                )
            )

        print(
            f"\nZoekbenchmark: {args.size} items in de index, {args.queries} zoekvragen "
            f"(1–4 woorden, ~35% met facetfilters, markering en alle facetten; "
            f"anoniem en lid afwisselend), {WARMUPS} opwarmers"
        )
        print(row("meting", "waarde", "doel"))
        print("-" * 96)
        print("\n".join(lines))
        if args.pages:
            print(
                f"\nWagtail is vergeleken op {total} echte praktijkpagina's (paginacreatie via "
                "import_content is traag); de eigen API zocht in het volledige corpus."
            )
        engine.delete_index(index_name)
    finally:
        if node is not None:
            node.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
