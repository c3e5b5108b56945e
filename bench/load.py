"""Load test of the production-shaped stack, then its faults under load: one run, one report.

    python bench/load.py [--levels 25,50,100] [--duration 90] [--warmup 30]
                         [--faults node,worker,redis,postgres,search] [--skip-corpus]

Needs the stack of services/stack/stack.sh running (`stack.sh up`); reads its environment
from .data/stack/env. Steps:

1. bench/load/corpus.py fills the stack's database to 20,000 practices and questions (skipped
   when already there) and writes the load members to .data/stack/load-users.json;
2. Locust (bench/load/locustfile.py, headless) runs a warm-up, then each level of simulated
   people; the table gives requests/s and per kind of request median / p95 / p99 and errors,
   beside the aims of issue 18, with the CPU each role used (gunicorn, PostgreSQL, Java, …);
3. during one more run at 50 people, the faults (bench/load/faults.py) one after the other,
   each with what the probe saw in its window and what the data looks like afterwards.

The load generator runs on the same machine as the stack: its CPU is in the table. Prints
figures; asserts nothing.
"""

import argparse
import csv
import datetime
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "load"))

from faults import FAULTS, Context, run_faults  # noqa: E402 - after the path is set
from probe import CpuSampler, Probe  # noqa: E402

STACK_DIR = ROOT / ".data" / "stack"
LOCUST = str(ROOT / ".venv" / "bin" / "locust")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
AIMS = {"rps_at_50": 15.0, "page_p95": 500, "api_p95": 300}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8080")
    parser.add_argument("--levels", default="25,50,100", help="simulated people per level")
    parser.add_argument("--duration", type=int, default=90, help="seconds per level (90)")
    parser.add_argument("--warmup", type=int, default=30, help="seconds at 10 people first")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--faults", default=",".join(FAULTS), help="'' to skip the faults")
    parser.add_argument("--fault-users", type=int, default=50)
    parser.add_argument("--catch-up", type=int, default=240, help="seconds to wait for the index")
    parser.add_argument("--env-file", default=str(STACK_DIR / "env"))
    parser.add_argument("--stack", default=str(ROOT / "services" / "stack" / "stack.sh"))
    parser.add_argument("--users-file", default=str(STACK_DIR / "load-users.json"))
    parser.add_argument("--mail-dir", default=str(STACK_DIR / "mail"))
    parser.add_argument("--skip-corpus", action="store_true")
    parser.add_argument("--corpus-args", default="", help="passed on to corpus.py")
    return parser.parse_args()


def stack_environment(env_file: str) -> dict:
    """The environment the stack's processes get (a sourceable file), over ours."""
    env = dict(os.environ)
    if Path(env_file).is_file():
        dump = subprocess.run(  # noqa: S603 - our own stack's file
            ["/bin/bash", "-c", f"set -a; source {shlex.quote(env_file)}; env -0"],
            capture_output=True,
            check=True,
        ).stdout.decode()
        env.update(line.split("=", 1) for line in dump.split("\0") if "=" in line)
    else:
        print(f"note: no {env_file}; using this shell's environment")
    return env


def stamp() -> str:
    return f"{datetime.datetime.now(datetime.UTC):%H:%M:%S}"


# -- Locust ----------------------------------------------------------------------------------


def start_locust(
    args, users: int, seconds: int, prefix: str, env: dict, *, steady: bool = True
) -> subprocess.Popen:
    """Locust headless; `steady` counts only after everyone has spawned (and logged in)."""
    command = [
        LOCUST,
        "-f",
        str(ROOT / "bench" / "load" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(args.spawn_rate),
        "-t",
        f"{seconds}s",
        "--host",
        args.host,
        "--csv",
        prefix,
        "--only-summary",
        "--loglevel",
        "WARNING",
        *(["--reset-stats"] if steady else []),
    ]
    env = {**env, "LOAD_USERS_FILE": args.users_file, "LOAD_MEMBER_OFFSET": str(users * 7)}
    log = open(prefix + ".log", "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def read_stats(prefix: str) -> list[dict]:
    path = Path(prefix + "_stats.csv")
    return list(csv.DictReader(path.open())) if path.is_file() else []


def run_level(args, users: int, seconds: int, prefix: str, env: dict):
    sampler = CpuSampler()
    sampler.start()
    process = start_locust(args, users, seconds, prefix, env)
    process.wait(timeout=seconds + 120)
    return read_stats(prefix), sampler.stop()


# -- the table -------------------------------------------------------------------------------


def is_page(name: str) -> bool:
    return name.startswith(("page:", "search page", "moderator:"))


def aim_mark(name: str, p95: float) -> str:
    if name == "search api":
        return "ok" if p95 < AIMS["api_p95"] else f"> {AIMS['api_p95']}"
    if is_page(name):
        return "ok" if p95 < AIMS["page_p95"] else f"> {AIMS['page_p95']}"
    return ""


def number(value: str) -> float:
    """A figure from Locust's CSV, which writes N/A where no request succeeded."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def figures(row: dict) -> str:
    """n, median, p95, p99 (ms) and errors of one row of Locust's stats CSV."""
    times = [f"{number(row[key]):>{width}.0f}" for key, width in TIMES]
    return f"{row['Request Count']:>6} {' '.join(times)} {row['Failure Count']:>5}"


TIMES = (("Median Response Time", 7), ("95%", 6), ("99%", 6))


def print_level(users: int, rows: list[dict], cpu: dict) -> dict:
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if total is None:
        print(f"\n{users} people: no figures (did Locust run? see its log)")
        return {}
    rps = float(total["Requests/s"])
    errors = int(total["Failure Count"])
    aim = f" (aim at 50: ≥ {AIMS['rps_at_50']:.0f})" if users == 50 else ""
    print(
        f"\n{users} people: {rps:.1f} requests/s{aim}, {total['Request Count']} requests, "
        f"{errors} errors{' (aim: 0)' if users == 50 else ''}"
    )
    header = f"{'n':>6} {'median':>7} {'p95':>6} {'p99':>6} {'err':>5}  aim p95"
    print(f"  {'kind of request':<28} {header}")
    for row in sorted(rows, key=lambda r: r["Name"]):
        if row["Name"] == "Aggregated":
            continue
        mark = aim_mark(row["Name"], number(row["95%"]))
        print(f"  {row['Name']:<28} {figures(row)}  {mark}")
    print(f"  {'all':<28} {figures(total)}")
    shown = ", ".join(f"{role} {share:.0f}%" for role, share in cpu.items())
    print(f"  CPU (100% = one core of 2): {shown}")
    pages = [number(r["95%"]) for r in rows if is_page(r["Name"])]
    api = [number(r["95%"]) for r in rows if r["Name"] == "search api"]
    return {
        "users": users,
        "rps": rps,
        "errors": errors,
        "page_p95": max(pages, default=0),
        "api_p95": max(api, default=0),
        "cpu": cpu,
    }


def print_failures(prefix: str) -> None:
    path = Path(prefix + "_failures.csv")
    rows = list(csv.DictReader(path.open())) if path.is_file() else []
    for row in sorted(rows, key=lambda r: -int(r["Occurrences"]))[:8]:
        print(f"    failed {row['Occurrences']:>4}× {row['Name']}: {row['Error'][:90]}")


def print_scaling(levels: list[dict]) -> None:
    """Where throughput stops following the number of people, and who used the CPU then."""
    print("\nScaling")
    previous = None
    for level in levels:
        line = f"  {level['users']:>4} people: {level['rps']:6.1f} req/s"
        if previous:
            wanted = previous["rps"] * level["users"] / previous["users"]
            line += f" ({level['rps'] / wanted:.0%} of linear from {previous['users']})"
        line += f", worst page p95 {level['page_p95']:.0f} ms"
        line += f", search api p95 {level['api_p95']:.0f} ms"
        print(line)
        previous = level
    stopped = next(
        (
            level
            for before, level in zip(levels, levels[1:], strict=False)
            if level["rps"] < 0.8 * before["rps"] * level["users"] / before["users"]
        ),
        None,
    )
    if stopped is None:
        print("  throughput follows the number of people up to the highest level tried")
        return
    cpu = stopped["cpu"]
    machine = cpu.get("machine", 0)
    busiest = [(role, share) for role, share in cpu.items() if role != "machine"][:3]
    print(
        f"  stops scaling at {stopped['users']} people: the machine is at {machine:.0f}% of 200%; "
        "busiest: " + ", ".join(f"{role} {share:.0f}%" for role, share in busiest)
    )
    if machine > 170:
        print(
            "  → CPU-bound: both cores are used; the biggest share says where the time goes "
            "(gunicorn = Python rendering, postgres = queries, java = the engine, locust = the "
            "load generator itself, which shares the machine)"
        )
    else:
        print("  → not CPU-bound: waiting (locks, connection limits, worker count) dominates")


# -- main ------------------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    env = stack_environment(args.env_file)
    try:
        print(f"{stamp()} site: {requests.get(args.host + '/healthz', timeout=10).text}")
    except requests.RequestException as exc:
        print(f"the site does not answer at {args.host} ({exc}); start it: stack.sh up")
        return 1
    if not args.skip_corpus:
        print(f"{stamp()} corpus (bench/load/corpus.py) …", flush=True)
        subprocess.run(  # noqa: S603 - our own script
            [
                PYTHON,
                str(ROOT / "bench" / "load" / "corpus.py"),
                "--users-file",
                args.users_file,
                *shlex.split(args.corpus_args),
            ],
            env=env,
            check=True,
            cwd=ROOT,
        )
    workdir = Path(tempfile.mkdtemp(prefix="kn-load-"))
    print(f"{stamp()} Locust output in {workdir}")
    if args.warmup:
        print(f"{stamp()} warm-up: 10 people for {args.warmup} s", flush=True)
        run_level(args, 10, args.warmup, str(workdir / "warmup"), env)

    levels = []
    for users in [int(n) for n in args.levels.split(",") if n]:
        print(f"{stamp()} level: {users} people for {args.duration} s", flush=True)
        rows, cpu = run_level(args, users, args.duration, str(workdir / f"u{users}"), env)
        levels.append((users, rows, cpu))

    if levels:
        print_levels(args, levels, workdir)

    names = [n for n in args.faults.split(",") if n]
    if names:
        verdicts = faults_under_load(args, names, env, workdir)
        print("\nFaults")
        for verdict in verdicts:
            print(f"  {verdict}")
    return 0


def print_levels(args, levels: list, workdir: Path) -> None:
    print("\n" + "=" * 78)
    print(f"Load ({args.duration} s per level, people wait 1–5 s; load generator on the same")
    print("machine; figures from when everyone has spawned and logged in)")
    print(
        f"Aims: ≥ {AIMS['rps_at_50']:.0f} req/s at 50, 0 errors, p95 pages < "
        f"{AIMS['page_p95']} ms, search api < {AIMS['api_p95']} ms"
    )
    summaries = []
    for users, rows, cpu in levels:
        summary = print_level(users, rows, cpu)
        print_failures(str(workdir / f"u{users}"))
        if summary:
            summaries.append(summary)
    if len(summaries) > 1:
        print_scaling(summaries)


def faults_under_load(args, names: list[str], env: dict, workdir: Path) -> list[str]:
    import json

    users = json.loads(Path(args.users_file).read_text())
    probe = Probe(args.host, users["members"][len(users["members"]) // 2])
    if not probe.log_in():
        print("note: the probe's member could not log in")
    context = Context(
        host=args.host,
        env=env,
        stack=args.stack,
        probe=probe,
        users=users,
        users_file=args.users_file,
        mail_dir=Path(args.mail_dir),
        catch_up_seconds=args.catch_up,
    )
    print("\n" + "=" * 78)
    print(f"Faults during a run of {args.fault_users} people ({stamp()} UTC)")
    prefix = str(workdir / "faults")
    process = start_locust(args, args.fault_users, 3600, prefix, env, steady=False)
    probe.start()
    try:
        time.sleep(30)  # everyone spawned and busy
        run_faults(context, names)
    finally:
        probe.stop()
        process.send_signal(signal.SIGTERM)  # Locust stops and writes its CSV
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    rows = read_stats(prefix)
    total = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if total:
        inside, outside = failures_by_window(prefix, context.windows)
        where = ", ".join(
            f"{count} in the '{name}' window"
            for name, count in zip(context.window_names, inside, strict=True)
            if count
        )
        context.verdicts.append(
            f"the whole fault run: {total['Request Count']} requests, {total['Failure Count']} "
            f"failed{' (' + where + ')' if where else ''}, of which {outside} outside the fault "
            f"windows above (aim: 0); {float(total['Requests/s']):.1f} req/s"
        )
    print_failures(prefix)
    return context.verdicts


def failures_by_window(
    prefix: str, windows: list[tuple[float, float]], grace: float = 10
) -> tuple[list[int], int]:
    """The simulated people's failures in each fault window, and outside all of them (from
    Locust's per-second history); (-1 each) without the history."""
    path = Path(prefix + "_stats_history.csv")
    if not path.is_file():
        return [-1] * len(windows), -1
    inside, outside, previous = [0] * len(windows), 0, 0
    for row in csv.DictReader(path.open()):
        if row["Name"] != "Aggregated":
            continue
        at, count = float(row["Timestamp"]), int(row["Total Failure Count"])
        hit = next(
            (i for i, (start, end) in enumerate(windows) if start - grace <= at <= end + grace),
            None,
        )
        if hit is None:
            outside += count - previous
        else:
            inside[hit] += count - previous
        previous = count
    return inside, outside


if __name__ == "__main__":
    sys.exit(main())
