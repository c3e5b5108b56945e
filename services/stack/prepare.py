"""Prepare the stack's site in one Python process: each `manage.py` start costs seconds.

    python services/stack/prepare.py [--seed] [--collectstatic] [--wait-for URL]

Migrates, creates the cache table, seeds the demo content (--seed, the first time only),
collects static files (--collectstatic: the stack skips it when no source changed, as
compressing ~500 files takes minutes on a busy 2-core machine), then waits for the search
engine (--wait-for) and rebuilds the index from the database unless the index already holds
what the database holds (a warm start).
"""

import argparse
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))


def step(name: str, *args: str) -> None:
    from django.core.management import call_command

    started = time.monotonic()
    print(f"== {name} {' '.join(args)}", flush=True)
    call_command(name, *args)
    print(f"== {name}: {time.monotonic() - started:.1f}s", flush=True)


def wait_for(url: str, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"prepare.py: {url} did not answer within {limit:.0f}s")
        time.sleep(0.5)


def index_matches_database() -> bool:
    """True when the alias points at an index holding as many items per kind as the database:
    a warm `up` then skips a rebuild that takes minutes on a 20,000-item corpus."""
    from search.index import status

    info = status()
    return bool(info["alias_targets"]) and all(
        info["index"].get(kind) == count for kind, count in info["database"].items()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", action="store_true")
    parser.add_argument("--collectstatic", action="store_true")
    parser.add_argument("--wait-for", metavar="URL")
    args = parser.parse_args()

    import django

    django.setup()
    step("migrate", "--no-input")
    step("createcachetable")
    if args.seed:
        step("load_municipalities")
        step("seed_demo")
    if args.collectstatic:
        step("collectstatic", "--no-input")
    if args.wait_for:
        wait_for(args.wait_for)
    if index_matches_database():
        print("== search index matches the database: no rebuild", flush=True)
        return
    try:
        step("rebuild_search_index")
    except Exception as error:  # noqa: BLE001 - any engine hiccup: one more, fresh index
        # A busy 2-core machine can make the engine answer an index creation after the
        # client gave up; each rebuild writes a new versioned index, so trying again is safe.
        print(f"== rebuild_search_index failed ({error}); trying once more", flush=True)
        step("rebuild_search_index")


if __name__ == "__main__":
    main()
