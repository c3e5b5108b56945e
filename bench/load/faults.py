"""The faults of issue 18, each scripted through services/stack/stack.sh during a load run.

Every fault prints a timeline (UTC times), what the probe saw in the fault's window (status
counts per kind of request: what a person would have seen) and what the data looks like
afterwards. The functions return a one-line verdict for bench/load.py's summary.
"""

import datetime
import email
import json
import random
import re
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from email.policy import default as default_policy
from pathlib import Path

import requests
from probe import Probe, log_in

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
FALLBACK_NOTICE = "tijdelijk niet bereikbaar"
SEARCH_PORTS = (9211, 9212, 9213)


@dataclass
class Context:
    host: str
    env: dict
    stack: str
    probe: Probe
    users: dict
    users_file: str
    mail_dir: Path
    catch_up_seconds: int = 240
    verdicts: list[str] = field(default_factory=list)
    windows: list[tuple[float, float]] = field(default_factory=list)
    window_names: list[str] = field(default_factory=list)
    current: str = ""


def say(text: str) -> None:
    print(f"  {datetime.datetime.now(datetime.UTC):%H:%M:%S} {text}", flush=True)


def stack(context: Context, *words: str) -> None:
    say("stack.sh " + " ".join(words))
    result = subprocess.run(  # noqa: S603 - our own stack script
        [context.stack, *words], env=context.env, capture_output=True, text=True, timeout=300
    )
    if result.returncode:
        say(f"  stack.sh failed ({result.returncode}): {result.stderr.strip()[-300:]}")


def manage(context: Context, *args: str, timeout: int = 120) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=context.env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    return result.stdout + result.stderr


def show_window(context: Context, start: float, end: float) -> None:
    context.windows.append((start, end))
    context.window_names.append(context.current)
    say(f"what the probe saw ({end - start:.0f} s window):")
    for kind, counts in sorted(context.probe.window(start, end).items()):
        shown = ", ".join(f"{status}: {n}" for status, n in counts.most_common())
        print(f"      {kind:<12} {shown}")


def wait_until(check, seconds: float, every: float = 2.0):
    deadline = time.time() + seconds
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    return None


# -- 1. one OpenSearch node ------------------------------------------------------------------


def cluster_green() -> bool:
    for port in SEARCH_PORTS:
        try:
            health = requests.get(f"http://127.0.0.1:{port}/_cluster/health", timeout=3).json()
            return health.get("status") == "green" and health.get("number_of_nodes") == 3
        except (requests.RequestException, ValueError):
            continue
    return False


def index_equals_database(context: Context) -> tuple[bool, str]:
    output = manage(context, "search_index_status")
    counts = re.findall(r"^(\w+): database (\d+), index ([\d-]+)", output, re.M)
    equal = bool(counts) and all(db == index for _, db, index in counts)
    return equal, output.strip()


def node_down(context: Context, node: int = 2, hold: int = 30) -> None:
    print(f"\n[fault] OpenSearch node {node} killed, restarted after {hold} s")
    start = time.time()
    stack(context, "kill-node", str(node))
    time.sleep(hold)
    stack(context, "start-node", str(node))
    green = wait_until(cluster_green, 180, every=3)
    end = time.time()
    say("cluster green with 3 nodes" if green else "cluster NOT green within 180 s")
    show_window(context, start, end)
    errors = context.probe.server_errors(start, end)
    # Locust keeps writing meanwhile: give queued index updates a moment to land.
    equal, output = False, ""
    for _ in range(6):
        equal, output = index_equals_database(context)
        if equal:
            break
        time.sleep(10)
    say("search_index_status after recovery:")
    print("      " + output.replace("\n", "\n      "))
    verdict = f"node {node} down: {errors} 5xx/unanswered; index {'=' if equal else '≠'} database"
    say(verdict)
    context.verdicts.append(verdict)


# -- 2. a worker in the middle of a notification burst ---------------------------------------


def burst_mails(context: Context, before: set[str], answer: int, recipients: set[str]):
    """New mails about the burst's answer: (recipient, idempotency key) per file."""
    link = re.compile(rf"#antwoord-{answer}(?!\d)")  # every such mail links to the answer
    found = []
    for file in sorted(context.mail_dir.glob("*.eml")):
        if file.name in before:
            continue
        message = email.message_from_bytes(file.read_bytes(), policy=default_policy)
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        to = str(message["To"] or "")
        address = next((r for r in recipients if r in to), None)
        if address and link.search(text):
            key = message["X-Idempotency-Key"] or message["Idempotency-Key"] or ""
            found.append((address, str(key)))
    return found


def task_states(context: Context) -> str:
    code = (
        "from collections import Counter;"
        "from django_tasks_db.models import DBTaskResult as R;"
        "print(dict(Counter(R.objects.values_list('status', flat=True))))"
    )
    return manage(context, "shell", "-c", code).strip().splitlines()[-1]


def worker_killed(context: Context, worker: int = 1, down: int = 10) -> None:
    print(f"\n[fault] worker {worker} killed in the middle of a notification burst")
    before = {file.name for file in context.mail_dir.glob("*.eml")}
    start = time.time()
    result = subprocess.run(  # noqa: S603 - our own script
        [
            PYTHON,
            str(ROOT / "bench" / "load" / "burst.py"),
            "--users-file",
            context.users_file,
            "--author",
            str(random.randrange(1000)),
        ],
        env=context.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        burst = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        say(f"burst failed: {result.stderr.strip()[-400:]}")
        context.verdicts.append("worker killed: burst could not be made")
        return
    answer = burst["answer"]
    recipients = set(burst["recipients"])
    expected = burst["expected_mails"]
    say(f"answer {burst['answer']} posted: {expected} e-mails to send")
    first = wait_until(lambda: burst_mails(context, before, answer, recipients), 30, every=0.2)
    say(f"{len(first or [])} sent when the worker is killed")
    stack(context, "kill-worker", str(worker))
    time.sleep(down)
    say(f"tasks by state while worker {worker} is down: {task_states(context)}")
    stack(context, "start-worker", str(worker))

    def settled():
        mails = burst_mails(context, before, answer, recipients)
        return mails if len({r for r, _ in mails}) >= expected else None

    # A mail the dead worker had claimed waits for its lease; a task it left running, for
    # TASK_STALE_AFTER; then a surviving worker's maintenance (every 30 s) takes over.
    patience = max(
        int(context.env.get("NOTIFICATION_CLAIM_LEASE", 600)),
        int(context.env.get("TASK_STALE_AFTER", 300)),
    )
    restarted = time.time()
    mails = wait_until(settled, patience + 90, every=3)
    if mails:
        say(f"every mail sent {time.time() - restarted:.0f} s after the restart")
    else:
        mails = burst_mails(context, before, answer, recipients)
    time.sleep(10)  # anything sent twice arrives late
    mails = burst_mails(context, before, answer, recipients)
    end = time.time()
    show_window(context, start, end)
    delivered = {r for r, _ in mails}
    keys = {k for _, k in mails if k}
    lost = len(recipients - delivered)
    duplicated = len(mails) - len(delivered)
    say(
        f"at the SMTP sink: {len(mails)} mails for {expected} notifications; "
        f"{len(delivered)} recipients reached, {len(keys)} distinct idempotency keys, "
        f"{sum(1 for _, k in mails if not k)} mails without a key"
    )
    say(f"tasks by state afterwards: {task_states(context)}")
    verdict = f"worker killed mid-burst: {expected} expected, {lost} lost, {duplicated} duplicated"
    say(verdict)
    context.verdicts.append(verdict)


# -- 3. Redis restarted ----------------------------------------------------------------------


def limited_after_failures(context: Context, account: dict, attempts: int = 7) -> bool:
    """Wrong passwords for one account: is the last attempt refused by the rate limit?"""
    session = requests.Session()
    response = None
    for _ in range(attempts):
        response = log_in(session, context.host, account["email"], "wrong-" + account["password"])
    text = response.text.lower() if response is not None else ""
    return response is not None and (response.status_code == 429 or "te veel" in text)


def redis_restarted(context: Context, after: int = 15) -> None:
    print("\n[fault] Redis restarted")
    member_before = context.probe.member_status()
    start = time.time()
    stack(context, "restart", "redis")
    time.sleep(after)
    end = time.time()
    show_window(context, start, end)
    member_after = context.probe.member_status()
    relogin = ""
    if member_after == "login asked":
        relogin = "; logging in again: " + ("works" if context.probe.log_in() else "FAILS")
    say(f"member page before: {member_before}, after: {member_after}{relogin}")
    limited = limited_after_failures(context, context.users["moderators"][-1])
    say(f"failed-login limit applies again after the restart: {'yes' if limited else 'NO'}")
    errors = context.probe.server_errors(start, end)
    verdict = (
        f"Redis restarted: {errors} 5xx/unanswered; member {member_after}; "
        f"rate limit {'recovers' if limited else 'does NOT recover'}"
    )
    say(verdict)
    context.verdicts.append(verdict)


# -- 4. PostgreSQL restarted -----------------------------------------------------------------


def web_pids() -> set[int]:
    import psutil

    pids = set()
    for process in psutil.process_iter(["cmdline"]):
        if "gunicorn" in " ".join(process.info["cmdline"] or []):
            pids.add(process.pid)
    return pids


def postgres_restarted(context: Context, after: int = 20) -> None:
    print("\n[fault] PostgreSQL restarted")
    pids = web_pids()
    start = time.time()
    stack(context, "restart", "postgres")
    time.sleep(after)
    end = time.time()
    show_window(context, start, end)
    first, last = context.probe.first_and_last_failure(start, end)
    if first:
        say(f"failures from +{first - start:.1f} s to +{last - start:.1f} s after the restart")
    else:
        say("no failed request seen")
    statuses = {s for c in context.probe.window(start, end).values() for s in c}
    same = pids == web_pids()
    say(f"web processes {'unchanged (not restarted)' if same else 'CHANGED'}: {sorted(pids)}")
    healthz = requests.get(context.host + "/healthz", timeout=10).text
    say(f"/healthz afterwards: {healthz}")
    bad = sorted(s for s in statuses if s.startswith("5") and s != "503")
    down = f"failures for {last - first:.1f} s" if first else "no failed request"
    verdict = (
        f"PostgreSQL restarted: {down}; "
        f"statuses {sorted(statuses)}; {'no' if not bad else 'unexpected'} non-503 errors"
    )
    say(verdict)
    context.verdicts.append(verdict)


# -- 5. the whole search cluster down --------------------------------------------------------


def outage_item(word: str) -> tuple[Path, str]:
    title = f"Wijkgesprekken over {word} in de regio"
    line = {
        "id": f"load-outage-{word}",
        "kind": "practice",
        "title": title,
        "summary": f"Een proef met {word}: bewoners en partners spreken elkaar maandelijks.",
        "body": f"De gemeente organiseert gesprekken over {word} met bewoners en partners.",
        "municipality": "GM0344",
        "themes": ["polarisatie"],
        "target_groups": ["bewoners"],
        "visibility": "public",
        "published_at": datetime.date.today().isoformat(),
    }
    file = Path(tempfile.mkstemp(suffix=".jsonl", prefix="load-outage-")[1])
    file.write_text(json.dumps(line, ensure_ascii=False) + "\n")
    return file, title


def search_page(context: Context, word: str) -> tuple[str, bool, bool]:
    """(status, fallback notice shown, item found) for a search for `word`."""
    try:
        response = requests.get(context.host + "/zoeken/", params={"q": word}, timeout=15)
    except requests.RequestException as exc:
        return f"no answer ({type(exc).__name__})", False, False
    # The query is echoed in the search box: look for the item's link (its slug) instead.
    found = f"wijkgesprekken-over-{word}" in response.text
    return str(response.status_code), FALLBACK_NOTICE in response.text, found


def search_down(context: Context, hold: int = 30) -> None:
    print("\n[fault] the whole search cluster stopped; an item imported meanwhile")
    word = "proef" + "".join(random.choices(string.ascii_lowercase, k=8))
    start = time.time()
    stack(context, "stop-search")
    time.sleep(5)
    status, said, _ = search_page(context, "jongeren")
    say(f"search page: {status}, says it uses the simple search: {'yes' if said else 'NO'}")
    file, title = outage_item(word)
    output = manage(context, "import_content", str(file), "--no-progress")
    file.unlink()
    summary = [line for line in output.splitlines() if line.startswith("Praktijken:")]
    say(f"import_content during the outage: {summary or output.strip()[-300:]}")
    # The database engine's rows are written by a task too: give the workers a moment.
    began = time.time()
    found = wait_until(lambda: search_page(context, word)[2], 60, every=3)
    took = f"after {time.time() - began:.0f} s" if found else "within 60 s"
    say(f"'{word}' found by the database engine: {'yes' if found else 'NO'} ({took})")
    time.sleep(hold)
    stack(context, "start-search")
    back = time.time()

    def found_by_engine():
        status, notice, found = search_page(context, word)
        return status == "200" and not notice and found

    caught = wait_until(found_by_engine, context.catch_up_seconds, every=5)
    end = time.time()
    show_window(context, start, end)
    if caught:
        say(f"'{word}' found by OpenSearch {end - back:.0f} s after start-search, no command run")
    else:
        say(f"'{word}' NOT found by OpenSearch {context.catch_up_seconds} s after start-search")
    errors = context.probe.server_errors(start, end)
    verdict = (
        f"search cluster down: {errors} 5xx/unanswered; fallback said so: "
        f"{'yes' if said else 'NO'}; imported item in index without a command: "
        f"{f'yes, after {end - back:.0f} s' if caught else 'NO'}"
    )
    say(verdict)
    context.verdicts.append(verdict)


FAULTS = {
    "node": node_down,
    "worker": worker_killed,
    "redis": redis_restarted,
    "postgres": postgres_restarted,
    "search": search_down,
}


def healthz(context: Context) -> str:
    try:
        return requests.get(context.host + "/healthz", timeout=10).text
    except requests.RequestException as exc:
        return f"no answer ({type(exc).__name__})"


def run_faults(context: Context, names: list[str]) -> None:
    for name in names:
        # A fault can leave damage the next one inherits (a worker that did not come back):
        # say what the stack reported before each.
        print(f"\n  /healthz before '{name}': {healthz(context)}")
        context.current = name
        try:
            FAULTS[name](context)
        except Exception as exc:  # noqa: BLE001 - one failed fault must not hide the others
            say(f"fault '{name}' could not be run: {type(exc).__name__}: {exc}")
            context.verdicts.append(f"{name}: NOT RUN ({type(exc).__name__})")
        sys.stdout.flush()
        time.sleep(10)  # let the site settle between faults
