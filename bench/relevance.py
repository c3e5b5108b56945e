"""Search relevance: nDCG@5 and recall@10 for OpenSearch and the database engine, per set, half
and category.

    python bench/relevance.py [--sets judged dev] [--engines opensearch database]
                              [--per-query tune dev] [--search-url URL] [--scratch DIR]

The sets live in bench/relevance/: `judged` (315 items, 178 queries in a tuning and a holdout
half, each query with a category) and `dev` (45 items, 22 queries). Each set is imported with
`import_content` into its own scratch SQLite database (one child process per set), indexed, and
every query is sent through GET /api/v1/search with its filters (the API's names), as an
anonymous visitor or, for a query with a `viewer`, as a verified member of that municipality.
Without --search-url it starts a node from services/opensearch/.

Below each table: how far re-ranking alone could take the same results (the best nDCG@5 any
order of the first 50 could give, and their recall@50, columns as above); a figure under an
aim there says the aim needs items the search does not retrieve, not a better order.

Per-query lines are printed only for the parts named with --per-query; the holdout half is
never printed query by query unless asked for by name (it is looked at once, after tuning).
`--scratch DIR` keeps the scratch databases there and reuses them (only the index is rebuilt).
Prints figures; asserts nothing.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SETS = {"judged": ROOT / "bench/relevance/judged", "dev": ROOT / "bench/relevance/dev"}
ENGINES = ("opensearch", "database")
ENGINE_NAMES = {"opensearch": "OpenSearch", "database": "database"}
# Recall counts the items a searcher wants: graded 2 or 3 in the judged set, as its README
# suggests; the dev set keeps its earlier definition (any grade above 0), so its figures stay
# comparable with the ones in docs/search.md.
RECALL_MIN_GRADE = {"judged": 2, "dev": 1}
# The aims, printed beside the figures.
AIMS = {"opensearch": 0.90, "database": 0.85}
CATEGORY_MARGIN = 0.02
# Results asked per query: nDCG@5 and recall@10 read the first ten; the rest say how far
# re-ranking alone could take a query (the best nDCG@5 an ordering of these could give).
CANDIDATES = 50


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = 5) -> float:
    gains = [2 ** relevant.get(item, 0) - 1 for item in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in relevant.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = 10, min_grade: int = 1):
    wanted = {item for item, grade in relevant.items() if grade >= min_grade}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


# -- the child: one set in its own scratch database ---------------------------------------------


def external_ids() -> dict[tuple[str, int], str]:
    from exchange.questions.models import Question
    from practices.models import PracticePage

    ids = {
        ("practice", pk): ext for pk, ext in PracticePage.objects.values_list("pk", "external_id")
    }
    ids |= {("question", pk): ext for pk, ext in Question.objects.values_list("pk", "external_id")}
    return ids


def member_of(code: str):
    """A verified member of the municipality with CBS code `code` (made once per code)."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from exchange.accounts.models import Profile
    from exchange.municipalities.models import Municipality

    email = f"relevance-{code.lower()}@example.nl"
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(email=email, password=None)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Profile.objects.filter(user=user).update(
        status=Profile.Status.VERIFIED, municipality=Municipality.objects.get(code=code)
    )
    return get_user_model().objects.get(pk=user.pk)


def client_for(viewer: dict | None, clients: dict):
    from django.test import Client

    code = (viewer or {}).get("member_of")
    if code not in clients:
        clients[code] = Client()
        if code:
            clients[code].force_login(member_of(code))
    return clients[code]


def run_queries(set_name: str, engine: str, queries: list[dict]) -> list[dict]:
    ids = external_ids()
    clients: dict = {}
    out = []
    for query in queries:
        params = {"q": query["query"], "page_size": CANDIDATES, **query.get("filters", {})}
        response = client_for(query.get("viewer"), clients).get("/api/v1/search", params)
        if response.status_code != 200:
            raise SystemExit(f"{query['id']}: {response.status_code} {response.content[:300]}")
        answer = response.json()
        candidates = [ids.get((r["kind"], r["id"]), "?") for r in answer["results"]]
        ranked = candidates[:10]
        relevant = query["relevant"]
        best_order = sorted(candidates, key=lambda item: -relevant.get(item, 0))
        out.append(
            {
                "engine": engine,
                "id": query["id"],
                "query": query["query"],
                "half": query.get("half", "dev"),
                "category": query.get("category") or query.get("phenomenon") or "-",
                "ndcg": ndcg_at(ranked, relevant),
                "recall": recall_at(ranked, relevant, min_grade=RECALL_MIN_GRADE[set_name]),
                "ceiling": ndcg_at(best_order, relevant),
                "recall_candidates": recall_at(
                    candidates, relevant, k=CANDIDATES, min_grade=RECALL_MIN_GRADE[set_name]
                ),
                "ranked": ranked,
                "candidates": candidates,
                "suggestion": answer.get("suggestion"),
            }
        )
    return out


def child(set_name: str, search_url: str, engines: list[str], scratch: Path, out: Path) -> None:
    dataset = SETS[set_name]
    database = scratch / f"{set_name}.sqlite3"
    fresh = not database.exists()
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["SEARCH_INDEX_PREFIX"] = f"kn-relevance-{set_name}-{os.getpid()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from search.client import _client_for

    settings.ALLOWED_HOSTS = ["*"]
    settings.SEARCH_URL = ""  # the import indexes through the database rows only
    call_command("migrate", verbosity=0)  # a kept scratch database gets new migrations too
    if fresh:
        call_command("load_municipalities", verbosity=0)
        call_command("import_content", str(dataset / "content.jsonl"), verbosity=0)
    queries = [json.loads(line) for line in (dataset / "queries.jsonl").open() if line.strip()]
    results = []
    settings.SEARCH_URL = search_url
    _client_for.cache_clear()
    # The rebuild also rewrites the database engine's rows (search.text may have changed).
    call_command("rebuild_search_index", verbosity=0)
    # The rows' sentence vectors (search.embedding), as the background makes them in service;
    # kept in a scratch database between runs while the rows' texts stay the same.
    from search.embedding import embed_all

    embed_all()
    try:
        for engine in engines:
            settings.SEARCH_URL = search_url if engine == "opensearch" else ""
            results += run_queries(set_name, engine, queries)
    finally:
        settings.SEARCH_URL = search_url
        from search.engines import get_engine

        for index in get_engine().alias_targets():
            get_engine().delete_index(index)
    out.write_text(json.dumps(results), encoding="utf-8")


# -- the parent: start a node, run the children, print -------------------------------------------


def mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else float("nan")


def figures(rows: list[dict], keys=("ndcg", "recall")) -> str:
    return f"{mean(r[keys[0]] for r in rows):.3f} / {mean(r[keys[1]] for r in rows):.2f}"


def print_per_query(label: str, rows: list[dict]) -> None:
    print(f"\n-- {label}: per query (nDCG@5, recall@10, top 5) --")
    for row in rows:
        hint = f"  [bedoelde u: {row['suggestion']}]" if row["suggestion"] else ""
        print(
            f"{row['id']:5} {row['category']:16} {row['ndcg']:6.3f} {row['recall']:5.2f}  "
            f"{row['query']}  -> {row['ranked'][:5]}{hint}"
        )


def print_set(
    set_name: str, results: list[dict], engines: list[str], per_query: set[str], tuning: bool
):
    if tuning:
        results = [row for row in results if row["half"] != "holdout"]
    by = defaultdict(list)
    for row in results:
        by[(row["engine"], row["half"], row["category"])].append(row)
        by[(row["engine"], row["half"], "*")].append(row)
    halves = ["tune", "holdout"] if set_name == "judged" and not tuning else ["tune"]
    halves = halves if set_name == "judged" else ["dev"]
    categories = sorted({row["category"] for row in results})
    print(f"\n== {set_name} set: nDCG@5 / recall@10 ==")
    header = f"{'category':18}"
    for half in halves:
        for engine in engines:
            header += f" {half + ' ' + ENGINE_NAMES[engine]:>20}"
    compare = len(engines) == 2
    if compare:
        header += f" {'OS - db (' + halves[-1] + ')':>18}"
    print(header)
    for category in [*categories, "*"]:
        name = "all" if category == "*" else category
        rows = [by[(engine, half, category)] for half in halves for engine in engines]
        if not any(rows):
            continue
        line = f"{name:18}" + "".join(f" {figures(r):>20}" for r in rows)
        if compare:
            last = halves[-1]
            gap = mean(r["ndcg"] for r in by[("opensearch", last, category)]) - mean(
                r["ndcg"] for r in by[("database", last, category)]
            )
            judged = last == "holdout"
            mark = "  < aim" if judged and gap < -CATEGORY_MARGIN and category != "*" else ""
            line += f" {gap:+18.3f}{mark}"
        if category == "*":
            print("-" * len(header))
            counts = " / ".join(str(len(by[(engines[0], half, "*")])) for half in halves)
            line += f"   (n = {counts})"
        print(line)
    print(
        f"\n-- at best, by re-ranking the first {CANDIDATES} results: "
        f"nDCG@5 / recall@{CANDIDATES} --"
    )
    for category in [*categories, "*"]:
        rows = [by[(engine, half, category)] for half in halves for engine in engines]
        if any(rows):
            name = "all" if category == "*" else category
            keys = ("ceiling", "recall_candidates")
            print(f"{name:18}" + "".join(f" {figures(r, keys):>20}" for r in rows))
    if set_name == "judged" and not tuning:
        for engine in engines:
            score = mean(r["ndcg"] for r in by[(engine, "holdout", "*")])
            verdict = "met" if score >= AIMS[engine] else "NOT met"
            print(
                f"aim: holdout nDCG@5 >= {AIMS[engine]:.2f} on {ENGINE_NAMES[engine]}: "
                f"{score:.3f} ({verdict})"
            )
    for half in halves:
        if half in per_query:
            for engine in engines:
                rows = [r for r in results if r["engine"] == engine and r["half"] == half]
                print_per_query(f"{set_name} {half}, {ENGINE_NAMES[engine]}", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument(
        "--per-query",
        nargs="*",
        choices=["tune", "dev", "holdout"],
        default=[],
        help="print these parts query by query (the holdout only once tuning is done)",
    )
    parser.add_argument(
        "--tuning",
        action="store_true",
        help="leave the holdout half out altogether (while tuning, not even its means)",
    )
    parser.add_argument("--search-url", default=os.environ.get("TEST_SEARCH_URL", ""))
    parser.add_argument("--scratch", help="keep and reuse the scratch databases in this folder")
    parser.add_argument("--json", help="write every query's result to this file")
    parser.add_argument("--child", choices=list(SETS), help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="kn-relevance-"))
    scratch.mkdir(parents=True, exist_ok=True)
    if args.child:
        child(args.child, args.search_url, args.engines, scratch, Path(args.out))
        return

    node = None
    if not args.search_url:
        from tests.opensearch_node import OpenSearchNode

        node = OpenSearchNode().start()
        args.search_url = node.search_url
    everything = []
    try:
        for set_name in args.sets:
            out = scratch / f"{set_name}-results.json"
            command = [sys.executable, __file__, "--child", set_name, "--out", str(out)]
            command += ["--search-url", args.search_url, "--scratch", str(scratch)]
            # The child's import and rebuild chatter is shown only when it fails.
            done = subprocess.run(  # noqa: S603
                [*command, "--engines", *args.engines], capture_output=True, text=True
            )
            if done.returncode:
                sys.exit(f"{set_name} failed:\n{done.stdout[-3000:]}{done.stderr[-5000:]}")
            results = json.loads(out.read_text(encoding="utf-8"))
            out.unlink()
            print_set(set_name, results, args.engines, set(args.per_query), args.tuning)
            everything += [dict(row, set=set_name) for row in results]
    finally:
        if node is not None:
            node.stop()
    if args.json:
        # The holdout's queries stay out of the file unless asked for, as on the screen.
        shown = [
            r
            for r in everything
            if r["half"] != "holdout" or ("holdout" in args.per_query and not args.tuning)
        ]
        Path(args.json).write_text(json.dumps(shown, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
