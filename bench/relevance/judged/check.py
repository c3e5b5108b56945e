#!/usr/bin/env python3
"""Validate the relevance set in this folder (stdlib only).

Usage: python3 check.py [--content content.jsonl] [--queries queries.jsonl]

Checks: every line parses; ids unique; item fields valid in the import_content shape; every theme
slug exists in the themes migration; every municipality code exists in the CSV; every judged id
exists; anonymous queries judge only public items; member queries judge only items visible to that
member; filter queries judge only items that satisfy the filter; at least 7 queries per category
per half; every query has a grade >= 2. Exit status 0 when everything passes, 1 otherwise.
"""

import argparse
import ast
import collections
import csv
import datetime
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[3]
MIGRATION = ROOT / "exchange" / "themes" / "migrations" / "0002_starting_themes.py"
MUNICIPALITIES = ROOT / "exchange" / "municipalities" / "data" / "municipalities-2025.csv"

KINDS = ("practice", "question")
VISIBILITIES = ("public", "members", "restricted")
# practices.models.pages.EvidenceLevel values (the import also accepts no level).
EVIDENCE_LEVELS = ("idee", "beschreven", "onderbouwd", "effectief")
CATEGORIES = (
    "inflection",
    "compound",
    "synonym",
    "abbreviation",
    "role-age",
    "diacritics",
    "typo",
    "municipality",
    "one-word",
    "natural-question",
    "filter",
)
HALVES = ("tune", "holdout")
FILTER_KEYS = ("municipality", "theme", "province", "kind", "evidence_level", "year")
MIN_PER_CATEGORY_HALF = 7
TITLE_MAX, QUESTION_TITLE_MAX, ID_MAX, TAG_MAX = 255, 200, 100, 100
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^GM\d{4}$")


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, message):
        self.items.append(f"{where}: {message}")


def theme_slugs(path):
    """The slugs of THEMES in the migration, read with ast (no Django needed)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "THEMES" for t in node.targets
        ):
            return {entry[0] for entry in ast.literal_eval(node.value)}
    raise SystemExit(f"no THEMES list found in {path}")


def municipalities(path):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {r["code"]: r for r in rows}


def read_jsonl(path, problems):
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.add(f"{path.name}:{number}", f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(data, dict):
            problems.add(f"{path.name}:{number}", "expected a JSON object")
            continue
        rows.append((number, data))
    return rows


def is_text(value):
    return isinstance(value, str) and value.strip() != ""


def check_item(where, item, slugs, codes, problems):
    for key in ("id", "kind", "title", "municipality", "visibility"):
        if not is_text(item.get(key)):
            problems.add(where, f"'{key}' missing or empty")
    for key in ("summary", "body"):
        if item.get(key) is not None and not isinstance(item.get(key), str):
            problems.add(where, f"'{key}' must be text")
    if isinstance(item.get("id"), str) and len(item["id"]) > ID_MAX:
        problems.add(where, "'id' too long")
    kind = item.get("kind")
    if kind not in KINDS:
        problems.add(where, f"unknown kind {kind!r}")
    title = item.get("title") or ""
    if isinstance(title, str):
        limit = QUESTION_TITLE_MAX if kind == "question" else TITLE_MAX
        if len(title.strip()) > limit:
            problems.add(where, f"title too long ({len(title)} > {limit})")
    if kind == "practice" and not (is_text(item.get("summary")) or is_text(item.get("body"))):
        problems.add(where, "practice without summary and body")
    if item.get("municipality") not in codes:
        problems.add(where, f"unknown municipality {item.get('municipality')!r}")
    themes = item.get("themes") or []
    if not isinstance(themes, list):
        problems.add(where, "'themes' must be a list")
        themes = []
    for slug in themes:
        if slug not in slugs:
            problems.add(where, f"unknown theme slug {slug!r}")
    groups = item.get("target_groups") or []
    if not isinstance(groups, list) or not all(is_text(g) and len(g) <= TAG_MAX for g in groups):
        problems.add(where, "'target_groups' must be a list of short non-empty texts")
    level = item.get("evidence_level")
    if level not in (None, "") and level not in EVIDENCE_LEVELS:
        problems.add(where, f"unknown evidence_level {level!r}")
    if item.get("visibility") not in VISIBILITIES:
        problems.add(where, f"unknown visibility {item.get('visibility')!r}")
    allowed = item.get("allowed_municipalities") or []
    if not isinstance(allowed, list):
        problems.add(where, "'allowed_municipalities' must be a list")
        allowed = []
    for code in allowed:
        if code not in codes:
            problems.add(where, f"unknown municipality {code!r} in allowed_municipalities")
    if allowed and item.get("visibility") != "restricted":
        problems.add(where, "allowed_municipalities on an item that is not restricted")
    date = item.get("published_at")
    if date not in (None, ""):
        ok = isinstance(date, str) and DATE_RE.match(date)
        if ok:
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                ok = False
        if not ok:
            problems.add(where, f"invalid published_at {date!r}")
    answers = item.get("answers") or []
    if not isinstance(answers, list):
        problems.add(where, "'answers' must be a list")
        answers = []
    for n, answer in enumerate(answers, start=1):
        if not isinstance(answer, dict) or not is_text(answer.get("body")):
            problems.add(where, f"answer {n}: missing body")
            continue
        if answer.get("municipality") not in codes:
            problems.add(where, f"answer {n}: unknown municipality {answer.get('municipality')!r}")
        if not isinstance(answer.get("accepted", False), bool):
            problems.add(where, f"answer {n}: 'accepted' must be true or false")


def visible_to(item, viewer_code):
    """Mirror of exchange/visibility.py for a verified member (viewer_code) or anonymous (None)."""
    if item.get("visibility") == "public":
        return True
    if viewer_code is None:
        return False
    if item.get("visibility") == "members":
        return True
    return viewer_code == item.get("municipality") or viewer_code in (
        item.get("allowed_municipalities") or []
    )


def satisfies(item, filters, province_of):
    for key, values in filters.items():
        if key == "municipality" and item.get("municipality") not in values:
            return False
        if key == "province" and province_of.get(item.get("municipality")) not in values:
            return False
        if key == "theme" and not set(item.get("themes") or []) & set(values):
            return False
        if key == "kind" and item.get("kind") not in values:
            return False
        if key == "evidence_level" and item.get("evidence_level") not in values:
            return False
        if key == "year" and int((item.get("published_at") or "0")[:4]) not in values:
            return False
    return True


def check_filters(where, filters, slugs, codes, provinces, problems):
    if not isinstance(filters, dict) or not filters:
        problems.add(where, "'filters' must be a non-empty object")
        return False
    ok = True
    for key, values in filters.items():
        if key not in FILTER_KEYS:
            problems.add(
                where, f"unknown filter {key!r} (expected one of {', '.join(FILTER_KEYS)})"
            )
            ok = False
            continue
        if not isinstance(values, list) or not values:
            problems.add(where, f"filter {key!r} must be a non-empty list")
            ok = False
            continue
        valid = {
            "municipality": lambda v: v in codes,
            "theme": lambda v: v in slugs,
            "province": lambda v: v in provinces,
            "kind": lambda v: v in KINDS,
            "evidence_level": lambda v: v in EVIDENCE_LEVELS,
            "year": lambda v: isinstance(v, int) and not isinstance(v, bool) and 2000 <= v <= 2100,
        }[key]
        for v in values:
            if not valid(v):
                problems.add(where, f"invalid value {v!r} for filter {key!r}")
                ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=HERE / "content.jsonl")
    parser.add_argument("--queries", type=Path, default=HERE / "queries.jsonl")
    args = parser.parse_args()

    problems = Problems()
    slugs = theme_slugs(MIGRATION)
    munis = municipalities(MUNICIPALITIES)
    codes = set(munis)
    province_of = {c: r["province"] for c, r in munis.items()}
    provinces = set(province_of.values())

    # ---- content ----
    items = {}
    for number, item in read_jsonl(args.content, problems):
        where = f"{args.content.name}:{number} ({item.get('id')})"
        check_item(where, item, slugs, codes, problems)
        if item.get("id") in items:
            problems.add(where, f"duplicate item id {item.get('id')!r}")
        else:
            items[item.get("id")] = item

    # ---- queries ----
    queries = []
    seen_ids = set()
    per_cat_half = collections.Counter()
    for number, q in read_jsonl(args.queries, problems):
        where = f"{args.queries.name}:{number} ({q.get('id')})"
        queries.append(q)
        qid = q.get("id")
        if not is_text(qid):
            problems.add(where, "'id' missing")
        elif qid in seen_ids:
            problems.add(where, f"duplicate query id {qid!r}")
        seen_ids.add(qid)
        if not is_text(q.get("query")):
            problems.add(where, "'query' missing or empty")
        if q.get("category") not in CATEGORIES:
            problems.add(where, f"unknown category {q.get('category')!r}")
        if q.get("half") not in HALVES:
            problems.add(where, f"'half' must be tune or holdout, not {q.get('half')!r}")
        per_cat_half[(q.get("category"), q.get("half"))] += 1
        unknown_keys = set(q) - {"id", "query", "category", "half", "relevant", "filters", "viewer"}
        if unknown_keys:
            problems.add(where, f"unknown keys {sorted(unknown_keys)}")

        viewer_code = None
        if "viewer" in q:
            viewer = q["viewer"]
            if not isinstance(viewer, dict) or set(viewer) != {"member_of"}:
                problems.add(where, '\'viewer\' must be {"member_of": "GMxxxx"}')
            elif viewer["member_of"] not in codes:
                problems.add(where, f"viewer municipality {viewer['member_of']!r} unknown")
            else:
                viewer_code = viewer["member_of"]

        filters = q.get("filters")
        filters_ok = False
        if "filters" in q:
            filters_ok = check_filters(where, filters, slugs, codes, provinces, problems)
        if q.get("category") == "filter" and "filters" not in q:
            problems.add(where, "category 'filter' without 'filters'")

        relevant = q.get("relevant")
        if not isinstance(relevant, dict) or not relevant:
            problems.add(where, "'relevant' must be a non-empty object")
            continue
        best = -1
        for item_id, grade in relevant.items():
            if not (isinstance(grade, int) and not isinstance(grade, bool) and 0 <= grade <= 3):
                problems.add(where, f"grade for {item_id!r} must be 0, 1, 2 or 3")
                continue
            best = max(best, grade)
            item = items.get(item_id)
            if item is None:
                problems.add(where, f"judged id {item_id!r} does not exist")
                continue
            if not visible_to(item, viewer_code):
                who = (
                    "an anonymous visitor" if viewer_code is None else f"a member of {viewer_code}"
                )
                problems.add(where, f"{item_id} ({item.get('visibility')}) is not visible to {who}")
            if filters_ok and not satisfies(item, filters, province_of):
                problems.add(where, f"{item_id} does not satisfy the filters {filters}")
        if best < 2:
            problems.add(where, "no item graded 2 or 3")

    for cat in CATEGORIES:
        for half in HALVES:
            n = per_cat_half[(cat, half)]
            if n < MIN_PER_CATEGORY_HALF:
                problems.add(
                    "queries",
                    f"category {cat!r} has {n} queries in {half} (< {MIN_PER_CATEGORY_HALF})",
                )

    # ---- report ----
    kinds = collections.Counter(i.get("kind") for i in items.values())
    vis = collections.Counter(i.get("visibility") for i in items.values())
    print(
        f"content: {len(items)} items ({dict(kinds)}; {dict(vis)}); "
        f"themes in migration: {len(slugs)}; municipalities in CSV: {len(codes)}"
    )
    print(
        f"queries: {len(queries)} ({sum(1 for q in queries if 'viewer' in q)} with a viewer, "
        f"{sum(1 for q in queries if 'filters' in q)} with filters)"
    )
    width = max(len(c) for c in CATEGORIES)
    print(f"  {'category':{width}}  tune  holdout")
    for cat in CATEGORIES:
        print(
            f"  {cat:{width}}  {per_cat_half[(cat, 'tune')]:4}  {per_cat_half[(cat, 'holdout')]:7}"
        )
    if problems.items:
        print(f"\nFAILED: {len(problems.items)} problem(s)")
        for p in problems.items:
            print("  " + p)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
