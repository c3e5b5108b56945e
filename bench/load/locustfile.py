"""Simulated people on the site: anonymous readers, members, and a moderator.

    locust -f bench/load/locustfile.py --host http://127.0.0.1:8080

Reads the members, moderators and sample items bench/load/corpus.py wrote
(LOAD_USERS_FILE, default .data/stack/load-users.json). Everyone waits 1–5 seconds between
actions. Requests are named by kind ("page: practice", "search api", …) so Locust's table
groups them; bench/load.py runs this file headless and prints the figures.

Members log in through allauth's form (with its CSRF token) and then search with filters,
read, follow a theme, answer and now and then ask; their texts are neutral, so the site's
personal-data check lets them through. The one moderator logs in with a TOTP code computed
from the secret in the users file and works the queues under /beheer/.
"""

import base64
import hashlib
import hmac
import itertools
import json
import os
import random
import re
import struct
import sys
import time
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from probe import send_secure_cookies_to_loopback  # noqa: E402 - after the path is set

send_secure_cookies_to_loopback()  # the stack's cookies are Secure; it serves 127.0.0.1
USERS = json.loads(
    Path(
        os.environ.get("LOAD_USERS_FILE", ROOT / ".data" / "stack" / "load-users.json")
    ).read_text()
)
# Each simulated member logs in as a different account (rate limits are per member); the
# offset spreads successive runs over the accounts.
_member_numbers = itertools.count(int(os.environ.get("LOAD_MEMBER_OFFSET", "0")))
_moderator_numbers = itertools.count()

WORDS = [
    "radicalisering",
    "polarisatie",
    "jongerenwerk",
    "ouders",
    "preventie",
    "sleutelfiguren",
    "moskee",
    "asielzoekerscentrum",
    "casusoverleg",
    "training",
    "school",
    "online",
    "extremisme",
    "discriminatie",
    "weerbaarheid",
    "vrijwilligers",
    "dialoog",
    "signaleren",
]
PROVINCES = ["Utrecht", "Noord-Holland", "Zuid-Holland", "Gelderland", "Overijssel"]
ANSWERS = [
    "Bij ons werkte een vaste contactpersoon in de wijk goed. Partners wisten elkaar sneller te "
    "vinden en signalen kwamen eerder binnen.",
    "Wij zijn begonnen met een kleine groep sleutelfiguren en hebben na een half jaar met alle "
    "partners geëvalueerd. Dat gaf richting voor de uitbreiding.",
    "Een gezamenlijke training voor jongerenwerk, wijkteam en onderwijs hielp ons om dezelfde "
    "taal te spreken over signalen.",
]
# Members may post 5 questions and 20 answers an hour (exchange/questions/services.py); runs
# close together reuse the same accounts, and a polite refusal is the site working.
RATE_LIMITED = "maximum aantal berichten per uur"
QUESTIONS = [
    (
        "Hoe organiseren jullie een dialoogavond na spanningen in de wijk?",
        "Wij willen na een incident bewoners en partners samenbrengen. Welke opzet werkt goed?",
    ),
    (
        "Welke training over polarisatie raden jullie aan voor docenten?",
        "We zoeken een training voor het voortgezet onderwijs. Wat zijn jullie ervaringen?",
    ),
    (
        "Hoe houden jullie een netwerk van sleutelfiguren actief?",
        "Na de start zakt de aandacht vaak weg. Hoe houden jullie het contact levendig?",
    ),
]
# allauth allows 30 logins a minute per client address, and every simulated person comes
# from this machine's one address: people in a real crowd log in from many. Stay under it.
LOGINS_PER_MINUTE = 25
_logins: list[float] = []


# A question's address by number redirects (301) to its address with the title; links on the
# site use the latter, and a browser remembers a permanent redirect. So does each simulated
# person's process: the first visit follows the redirect, later ones go straight there.
QUESTION_URLS: dict[int, str] = {}


def question_url(pk: int) -> str:
    return QUESTION_URLS.get(pk, f"/vragen/{pk}/")


def remember_question_url(pk: int, response) -> None:
    if response.ok and response.history:
        QUESTION_URLS[pk] = re.sub(r"^https?://[^/]+", "", response.url)


def wait_for_login_slot() -> None:
    while True:
        now = time.time()
        _logins[:] = [at for at in _logins if at > now - 60]
        if len(_logins) < LOGINS_PER_MINUTE:
            _logins.append(now)
            return
        time.sleep(1 + random.random())  # gevent's sleep under Locust: others go on


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code (30 s, SHA-1, six digits), as an authenticator app shows it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


class Visitor(HttpUser):
    """Somebody without an account reading the catalogue, practices and questions."""

    weight = 6
    wait_time = between(1, 5)

    @task(3)
    def home(self):
        self.client.get("/", name="page: home")

    @task(4)
    def catalogue(self):
        self.client.get("/praktijken/", name="page: catalogue")

    @task(4)
    def catalogue_filtered(self):
        params = random.choice(
            [
                {"thema": random.choice(USERS["themes"])},
                {"gemeente": random.choice(USERS["municipalities"])},
                {"provincie": random.choice(PROVINCES), "thema": random.choice(USERS["themes"])},
                {"thema": random.choice(USERS["themes"]), "pagina": "2"},
            ]
        )
        self.client.get("/praktijken/", params=params, name="page: catalogue filtered")

    @task(8)
    def practice(self):
        self.client.get(random.choice(USERS["public_practices"]), name="page: practice")

    @task(2)
    def question_list(self):
        self.client.get("/vragen/", name="page: question list")

    @task(5)
    def question(self):
        pk = random.choice(USERS["public_questions"])
        remember_question_url(pk, self.client.get(question_url(pk), name="page: question"))

    @task(1)
    def theme(self):
        self.client.get(f"/thema/{random.choice(USERS['themes'])}/", name="page: theme")

    @task(2)
    def search(self):
        self.client.get("/zoeken/", params={"q": random.choice(WORDS)}, name="search page")


class Member(HttpUser):
    """A logged-in policy officer: searches with filters, reads, follows, answers, asks."""

    weight = 3
    wait_time = between(1, 5)
    MAX_ASKED = 1  # the site allows 5 questions an hour per member
    MAX_ANSWERED = 3  # and 20 answers

    def on_start(self):
        members = USERS["members"]
        self.account = members[next(_member_numbers) % len(members)]
        self.asked = self.answered = 0
        self.logged_in = self.log_in()

    def log_in(self) -> bool:
        wait_for_login_slot()
        self.client.get("/account/login/", name="action: login form")
        with self.client.post(
            "/account/login/",
            data={
                "login": self.account["email"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": self.host + "/account/login/"},
            name="action: login",
            catch_response=True,
        ) as response:
            if "/account/login/" in response.url:
                response.failure("still on the login page")
                return False
            return True

    def csrf(self) -> dict:
        return {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}

    def ensure_logged_in(self, response) -> None:
        # After a session store restart the site asks to log in again: do so, as a person would.
        if "/account/login/" in response.url:
            self.logged_in = self.log_in()

    @task(3)
    def start_page(self):
        response = self.client.get("/mijn-kennisnetwerk/", name="page: member start")
        self.ensure_logged_in(response)

    @task(6)
    def search_page(self):
        params = {"q": random.choice(WORDS)}
        if random.random() < 0.6:
            params["thema"] = random.choice(USERS["themes"])
        if random.random() < 0.4:
            params["soort"] = random.choice(["practice", "question"])
        self.client.get("/zoeken/", params=params, name="search page (filters)")

    @task(6)
    def search_api(self):
        params = {"q": random.choice(WORDS)}
        if random.random() < 0.6:
            params["theme"] = random.choice(USERS["themes"])
        if random.random() < 0.3:
            params["province"] = random.choice(PROVINCES)
        self.client.get("/api/v1/search", params=params, name="search api")

    @task(5)
    def practice(self):
        self.client.get(random.choice(USERS["member_practices"]), name="page: practice")

    @task(4)
    def question(self):
        pk = random.choice(USERS["member_questions"])
        remember_question_url(pk, self.client.get(question_url(pk), name="page: question"))

    @task(1)
    def follow_theme(self):
        slug = random.choice(USERS["themes"])
        self.client.post(
            f"/vragen/volgen/thema/{slug}/",
            data=self.csrf(),
            headers={"Referer": f"{self.host}/thema/{slug}/"},
            name="action: follow theme",
        )

    @task(1)
    def answer(self):
        if self.answered >= self.MAX_ANSWERED or not self.logged_in:
            return
        pk = random.choice(USERS["member_questions"])
        page = self.client.get(question_url(pk), name="page: question")
        remember_question_url(pk, page)
        with self.client.post(
            f"/vragen/{pk}/antwoorden/",
            data={**self.csrf(), "body": random.choice(ANSWERS)},
            headers={"Referer": page.url},
            name="action: answer",
            catch_response=True,
        ) as response:
            if response.ok and f"/vragen/{pk}" not in response.url:
                if RATE_LIMITED in response.text:
                    response.success()
                else:
                    response.failure(f"answer not placed (ended on {response.url})")
        self.answered += 1

    @task(1)
    def ask(self):
        if self.asked >= self.MAX_ASKED or not self.logged_in:
            return
        self.client.get("/vragen/stel-een-vraag/", name="page: ask form")
        title, body = random.choice(QUESTIONS)
        with self.client.post(
            "/vragen/stel-een-vraag/",
            data={
                **self.csrf(),
                "title": title,
                "body": body,
                "visibility": "members",
                "themes": [],
            },
            headers={"Referer": self.host + "/vragen/stel-een-vraag/"},
            name="action: ask",
            catch_response=True,
        ) as response:
            if response.ok and not re.search(r"/vragen/\d+", response.url):
                if RATE_LIMITED in response.text:
                    response.success()  # the site's hourly limit said no, as designed
                else:
                    response.failure(f"question not placed (ended on {response.url})")
        self.asked += 1


class Moderator(HttpUser):
    """One moderator with two-factor authentication, working the queues in the admin."""

    fixed_count = 1
    wait_time = between(1, 5)

    def on_start(self):
        moderators = USERS["moderators"]
        self.account = moderators[next(_moderator_numbers) % len(moderators)]
        self.log_in()

    def log_in(self) -> None:
        wait_for_login_slot()
        self.client.get("/account/login/", name="action: login form")
        response = self.client.post(
            "/account/login/",
            data={
                "login": self.account["email"],
                "password": self.account["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": self.host + "/account/login/"},
            name="action: login",
        )
        if "/2fa/" not in response.url:
            return
        for attempt in range(2):
            # A code is accepted once: on a second try wait for the next one.
            if attempt:
                time.sleep(31 - time.time() % 30)
            with self.client.post(
                response.url,
                data={
                    "code": totp(self.account["totp_secret"]),
                    "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                },
                headers={"Referer": response.url},
                name="action: two-factor code",
                catch_response=True,
            ) as answer:
                if "/2fa/" not in answer.url:
                    return
                answer.failure("code not accepted") if attempt else answer.success()

    def queue(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if "/account/" in response.url:
                response.failure(f"sent to {response.url}")
                self.log_in()

    @task(3)
    def dashboard(self):
        self.queue("/beheer/moderatie/", "moderator: dashboard")

    @task(2)
    def reports(self):
        self.queue("/beheer/meldingen/", "moderator: reports")

    @task(2)
    def members(self):
        self.queue("/beheer/leden/", "moderator: member queue")

    @task(1)
    def review(self):
        self.queue("/beheer/praktijken/te-beoordelen/", "moderator: review queue")

    @task(1)
    def audit(self):
        self.queue("/beheer/moderatie/logboek/", "moderator: audit log")
