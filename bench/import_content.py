"""Benchmark: import N generated practices with import_content and print pages per second.

    python bench/import_content.py [--count 10000] [--database-url postgres://user:pass@host/db]

Without --database-url it works in a temporary SQLite file; with one it creates (and afterwards
drops) a fresh `<name>_bench` database on that PostgreSQL server. The practices are those of
bench/practices.py. Search runs on the database engine and tasks run immediately (as in
`make run`), so the figure includes the search rows the import leads to. Prints figures,
asserts nothing.
"""

import argparse
import importlib.util
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_practices_bench():
    # bench/practices.py shares its generator; its module name clashes with the app's.
    spec = importlib.util.spec_from_file_location("bench_practices", ROOT / "bench/practices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="aantal praktijken (10000)")
    parser.add_argument("--database-url", help="PostgreSQL-URL; zonder: tijdelijke SQLite")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    bench = load_practices_bench()
    workdir = Path(tempfile.mkdtemp(prefix="kn-bench-import-"))
    try:
        bench.configure(argparse.Namespace(database_url=args.database_url), workdir)
        import django

        django.setup()
        drop = bench.fresh_database(postgres=bool(args.database_url))
        try:
            run(args, bench)
        finally:
            drop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, bench) -> None:
    from django.core.management import call_command
    from django.db import connection

    from practices.importing import content_import, quiet_page_logging
    from practices.models import PracticePage
    from search.models import SearchEntry

    call_command("load_municipalities", verbosity=0)
    items = bench.generate_items(args.count, random.Random(args.seed))
    lines = [bench.json.dumps(item, ensure_ascii=False) for item in items]
    with quiet_page_logging():
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = content_import(lines=lines, progress=False)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        rerun_started = time.perf_counter()
        again = content_import(lines=lines, progress=False)
        rerun = time.perf_counter() - rerun_started
    pages = PracticePage.objects.filter(live=True).count()
    rows = SearchEntry.objects.filter(kind="practice").count()
    print(f"database: {connection.vendor}, practices: {args.count}")
    print(
        f"import:   {summary.created} created in {elapsed:.1f} s = "
        f"{summary.created / elapsed:.1f} pages/s "
        f"({cpu:.1f} s of this process's CPU = {summary.created / cpu:.1f} pages per CPU second)"
    )
    print(f"again:    {again.unchanged} unchanged in {rerun:.1f} s")
    print(f"result:   {pages} live practice pages, {rows} search rows")


if __name__ == "__main__":
    sys.exit(main())
