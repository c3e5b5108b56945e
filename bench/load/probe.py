"""What a person would see, twice a second, and who uses the CPU: the fault runs' witnesses.

Locust's table says how many requests failed over a whole run; a fault needs the statuses
inside its own window (from the kill to the recovery). `Probe` asks a few kinds of page
every half second, as an anonymous visitor and as a logged-in member, and keeps
(time, kind, status). `CpuSampler` adds up the CPU of the stack's processes by role
(gunicorn, PostgreSQL, OpenSearch's Java, the workers, Locust itself) while a level runs.
"""

import http.cookiejar
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import psutil
import requests

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def send_secure_cookies_to_loopback() -> None:
    """Send Secure cookies to http://127.0.0.1, as browsers do and Python's cookiejar does not.

    Production settings mark the session and CSRF cookies Secure; the local stack serves plain
    HTTP on 127.0.0.1, which browsers treat as a secure context (they send Secure cookies
    there). Without this, every simulated login would fail the CSRF check or lose its session.
    """
    original = http.cookiejar.DefaultCookiePolicy.return_ok_secure
    if getattr(original, "loopback", False):
        return

    def return_ok_secure(self, cookie, request):
        if urlsplit(request.get_full_url()).hostname in LOOPBACK:
            return True
        return original(self, cookie, request)

    return_ok_secure.loopback = True
    http.cookiejar.DefaultCookiePolicy.return_ok_secure = return_ok_secure


send_secure_cookies_to_loopback()

PROBES = {
    "home": "/",
    "catalogue": "/praktijken/",
    "search page": "/zoeken/?q=jongeren",
    "search api": "/api/v1/search?q=polarisatie",
}
MEMBER_PAGE = "/mijn-kennisnetwerk/"
LOGIN = "/account/login/"


def log_in(session: requests.Session, host: str, email: str, password: str) -> requests.Response:
    """allauth's login form, with its CSRF token, as a browser fills it in."""
    session.get(host + LOGIN, timeout=15)
    return session.post(
        host + LOGIN,
        data={
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
        },
        headers={"Referer": host + LOGIN},
        timeout=15,
    )


def status_of(call) -> str:
    try:
        return str(call().status_code)
    except requests.RequestException as exc:
        return f"no answer ({type(exc).__name__})"


class Probe(threading.Thread):
    """Records what each probe kind answered, every `interval` seconds, until stopped."""

    def __init__(self, host: str, member: dict, interval: float = 0.5):
        super().__init__(daemon=True)
        self.host, self.member, self.interval = host, member, interval
        self.records: list[tuple[float, str, str]] = []
        self.stopping = threading.Event()
        self.anonymous = requests.Session()
        self.session = requests.Session()

    def log_in(self) -> bool:
        try:
            member = self.member
            response = log_in(self.session, self.host, member["email"], member["password"])
        except requests.RequestException:
            return False
        return LOGIN not in response.url

    def member_status(self) -> str:
        """200 while logged in; "login asked" when the site sends the member to log in."""
        try:
            response = self.session.get(self.host + MEMBER_PAGE, allow_redirects=False, timeout=10)
        except requests.RequestException as exc:
            return f"no answer ({type(exc).__name__})"
        if response.status_code in (301, 302) and LOGIN in response.headers.get("Location", ""):
            return "login asked"
        return str(response.status_code)

    def run(self):
        while not self.stopping.is_set():
            for kind, path in PROBES.items():
                now = time.time()
                status = status_of(lambda p=path: self.anonymous.get(self.host + p, timeout=10))
                self.records.append((now, kind, status))
            self.records.append((time.time(), "member page", self.member_status()))
            self.stopping.wait(self.interval)

    def stop(self):
        self.stopping.set()
        self.join(timeout=15)

    def window(self, start: float, end: float) -> dict[str, Counter]:
        seen: dict[str, Counter] = defaultdict(Counter)
        for at, kind, status in list(self.records):
            if start <= at <= end:
                seen[kind][status] += 1
        return seen

    def server_errors(self, start: float, end: float) -> int:
        return sum(
            n
            for counts in self.window(start, end).values()
            for status, n in counts.items()
            if status.startswith("5") or status.startswith("no answer")
        )

    def first_and_last_failure(self, start: float, end: float):
        failed = [
            at
            for at, _, status in list(self.records)
            if start <= at <= end and status[:1] not in ("2", "3") and status != "login asked"
        ]
        return (min(failed), max(failed)) if failed else (None, None)


ROLES = (
    ("gunicorn", "gunicorn"),
    ("worker", "db_worker"),
    ("worker", "worker.py"),
    ("locust", "locust"),
    ("opensearch (java)", "java"),
    ("postgres", "postgres"),
    ("redis", "redis-server"),
    ("nginx", "nginx"),
    ("smtp sink", "smtp_sink"),
    ("dev server", "runserver"),
)


def role_of(process: psutil.Process) -> str | None:
    try:
        text = " ".join(process.cmdline()) or process.name()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None
    for role, needle in ROLES:
        if needle in text:
            return role
    return None


class CpuSampler(threading.Thread):
    """Mean CPU per role (100 % = one core) and of the whole machine, sampled every 2 s."""

    def __init__(self, interval: float = 2.0):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[dict[str, float]] = []
        self.machine: list[float] = []
        self.stopping = threading.Event()
        self.processes: dict[int, tuple[psutil.Process, str]] = {}

    def refresh(self):
        for process in psutil.process_iter():
            if process.pid not in self.processes:
                role = role_of(process)
                if role:
                    process.cpu_percent(None)  # the first call only primes the counter
                    self.processes[process.pid] = (process, role)

    def run(self):
        self.refresh()
        psutil.cpu_percent(None)
        while not self.stopping.wait(self.interval):
            sample: dict[str, float] = defaultdict(float)
            for pid, (process, role) in list(self.processes.items()):
                try:
                    sample[role] += process.cpu_percent(None)
                except psutil.Error:
                    del self.processes[pid]
            self.samples.append(sample)
            self.machine.append(psutil.cpu_percent(None) * psutil.cpu_count())
            self.refresh()

    def stop(self) -> dict[str, float]:
        self.stopping.set()
        self.join(timeout=10)
        return self.means()

    def means(self) -> dict[str, float]:
        if not self.samples:
            return {}
        roles = {role for sample in self.samples for role in sample}
        count = len(self.samples)
        means = {role: sum(s.get(role, 0) for s in self.samples) / count for role in roles}
        means["machine"] = sum(self.machine) / len(self.machine)
        return dict(sorted(means.items(), key=lambda item: -item[1]))
