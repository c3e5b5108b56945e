"""Relevance on the dev set: nDCG@5 and recall@10 per query, for OpenSearch and the database.

    python bench/relevance.py [--set ../shared/data/relevance/dev] [--search-url URL]

Imports the set with `import_content` into a scratch SQLite database (questions are created
here while import_content skips them), rebuilds the index and runs every query through
GET /api/v1/search as an anonymous visitor. Without --search-url it starts a node from
services/opensearch/. Prints figures; asserts nothing.
"""

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = 5) -> float:
    gains = [2 ** relevant.get(item, 0) - 1 for item in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in relevant.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    wanted = {item for item, grade in relevant.items() if grade > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def import_questions(path: Path) -> None:
    """Create the set's questions (with answers) where import_content does not yet."""
    from django.utils.dateparse import parse_date

    from exchange.municipalities.models import Municipality
    from exchange.questions.models import Answer, Question
    from exchange.themes.models import Theme
    from practices.importing import published_datetime

    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["kind"] != "question" or Question.objects.filter(external_id=item["id"]).exists():
            continue
        municipalities = {m.code: m for m in Municipality.objects.all()}
        created = published_datetime(parse_date(item["published_at"]))
        question = Question.objects.create(
            title=item["title"],
            body_markdown=f"{item.get('summary', '')}\n\n{item.get('body', '')}",
            municipality=municipalities.get(item["municipality"]),
            visibility=item.get("visibility", "public"),
            external_id=item["id"],
            created_at=created,
            last_activity_at=created,
        )
        question.themes.set(Theme.objects.filter(slug__in=item.get("themes", [])))
        for answer in item.get("answers", []):
            Answer.objects.create(
                question=question,
                body_markdown=answer["body"],
                municipality=municipalities.get(answer.get("municipality")),
            )


def external_ids() -> dict[tuple[str, int], str]:
    from exchange.questions.models import Question
    from practices.models import PracticePage

    ids = {
        ("practice", pk): ext for pk, ext in PracticePage.objects.values_list("pk", "external_id")
    }
    ids |= {("question", pk): ext for pk, ext in Question.objects.values_list("pk", "external_id")}
    return ids


def evaluate(label: str, queries: list[dict]) -> float:
    from django.test import Client

    client = Client()
    ids = external_ids()
    ndcgs, recalls = [], []
    print(f"\n== {label} ==")
    print(f"{'id':4} {'nDCG@5':>7} {'R@10':>5}  query")
    for query in queries:
        answer = client.get("/api/v1/search", {"q": query["query"], "page_size": 10}).json()
        ranked = [ids.get((r["kind"], r["id"]), "?") for r in answer["results"]]
        ndcg, recall = ndcg_at(ranked, query["relevant"]), recall_at(ranked, query["relevant"])
        ndcgs.append(ndcg)
        recalls.append(recall)
        print(f"{query['id']:4} {ndcg:7.3f} {recall:5.2f}  {query['query']}  -> {ranked[:5]}")
    mean_ndcg = sum(ndcgs) / len(ndcgs)
    print(f"overall nDCG@5 {mean_ndcg:.3f}  recall@10 {sum(recalls) / len(recalls):.3f}")
    return mean_ndcg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(ROOT.parent / "shared/data/relevance/dev"))
    parser.add_argument("--search-url", default=os.environ.get("TEST_SEARCH_URL", ""))
    args = parser.parse_args()
    dataset = Path(args.set)
    scratch = tempfile.mkdtemp(prefix="kn-relevance-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/relevance.sqlite3"
    os.environ["SEARCH_INDEX_PREFIX"] = f"kn-relevance-{os.getpid()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    node = None
    if not args.search_url:
        from tests.opensearch_node import OpenSearchNode

        node = OpenSearchNode().start()
        args.search_url = node.search_url
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    try:
        call_command("migrate", verbosity=0)
        call_command("load_municipalities", verbosity=0)
        call_command("import_content", str(dataset / "content.jsonl"), verbosity=0)
        import_questions(dataset / "content.jsonl")
        queries = [json.loads(line) for line in (dataset / "queries.jsonl").open()]
        settings.SEARCH_URL = args.search_url
        call_command("rebuild_search_index", verbosity=0)
        evaluate(f"OpenSearch ({args.search_url})", queries)
        settings.SEARCH_URL = ""
        evaluate("database engine", queries)
    finally:
        if node is not None:
            node.stop()


if __name__ == "__main__":
    main()
