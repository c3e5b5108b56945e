"""Demo network registers and meetings for `seed_demo` (idempotent).

Registers for a dozen municipalities come from `exchange.partners.demo`; the meetings are made
through the meetings app's own services (a moderator's network meetings, a municipality's
intervision, a webinar), some upcoming with registrations and a waiting list, some past with a
report. Run twice, nothing changes: a meeting whose title exists is left alone.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from exchange.meetings.models import MeetingPage
from exchange.meetings.services import (
    meeting_create,
    meeting_report_save,
    registration_register,
)
from exchange.municipalities.models import Municipality
from exchange.partners.demo import demo_registers_seed
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models import PracticePage

from . import demo

REGISTER_MUNICIPALITIES = (
    "GM0344",  # Utrecht
    "GM0193",  # Zwolle
    "GM0599",  # Rotterdam
    "GM0363",  # Amsterdam
    "GM0518",  # 's-Gravenhage
    "GM0855",  # Tilburg
    "GM0014",  # Groningen
    "GM0772",  # Eindhoven
    "GM0034",  # Almere
    "GM0202",  # Arnhem
    "GM0080",  # Leeuwarden
    "GM0268",  # Nijmegen
)

# (title, days from today (negative: past), kind, organiser CBS code or None, themes,
#  visibility, capacity, place, online, report)
MEETINGS = [
    (
        "Netwerkbijeenkomst: sleutelfiguren in de wijk",
        12,
        "network",
        None,
        ("polarisatie", "sleutelfiguren-netwerk"),
        Visibility.MEMBERS,
        3,
        "Stadhuis Utrecht, Stadsplateau 1",
        "",
        "",
    ),
    (
        "Intervisie casusoverleg radicalisering (regio Oost)",
        20,
        "intervision",
        "GM0193",
        ("radicalisering", "casusoverleg"),
        Visibility.MEMBERS,
        12,
        "Stadskantoor Zwolle",
        "",
        "",
    ),
    (
        "Webinar: online haat en jongeren",
        33,
        "webinar",
        None,
        ("online-extremisme", "jongeren"),
        Visibility.PUBLIC,
        None,
        "",
        "https://webinar.kennisnetwerk.example/online-haat",
        "",
    ),
    (
        "Netwerkbijeenkomst: spanningen rond asielopvang",
        -40,
        "network",
        None,
        ("polarisatie", "vluchtelingen-en-azc"),
        Visibility.PUBLIC,
        60,
        "Provinciehuis Arnhem",
        "",
        "Twintig gemeenten deelden hoe zij omwonenden betrekken bij een nieuwe opvanglocatie. "
        "Vaste klankbordgroepen met bewoners, COA en politie werkten het best; een "
        "informatieavond alleen gaf vaak meer onrust.",
    ),
    (
        "Intervisie: samenwerken met moskeebesturen",
        -90,
        "intervision",
        "GM0599",
        ("radicalisering", "religieuze-organisaties"),
        Visibility.MEMBERS,
        15,
        "Stadhuis Rotterdam",
        "",
        "Ervaringen met vaste gesprekspartners in moskeebesturen: investeer in de relatie "
        "vóór er iets gebeurt, en spreek af wie wie belt bij spanningen.",
    ),
]


def _themes(slugs) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def demo_network_seed(*, moderator) -> tuple[int, int]:
    """(organisations added to registers, meetings added)."""
    municipalities = list(Municipality.objects.filter(code__in=REGISTER_MUNICIPALITIES))
    practices = PracticePage.objects.live().filter(municipality__code__in=REGISTER_MUNICIPALITIES)
    organisations = demo_registers_seed(
        municipalities=municipalities,
        themes=Theme.objects.all(),
        practices=list(practices),
        rng=random.Random(17),  # noqa: S311 - demo data
    )
    return organisations, _meetings_seed(moderator=moderator)


@transaction.atomic
def _meetings_seed(*, moderator) -> int:
    User = get_user_model()
    members = list(
        User.objects.filter(
            email__in=[m.email for m in demo.MEMBERS if m.municipality and m.status == "verified"]
        ).select_related("profile__municipality")
    )
    by_code = {m.profile.municipality.code: m for m in members if m.profile.municipality_id}
    existing = set(MeetingPage.objects.values_list("title", flat=True))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    added = 0
    for (
        title,
        days,
        kind,
        organiser,
        themes,
        visibility,
        capacity,
        place,
        online,
        report,
    ) in MEETINGS:
        if title in existing:
            continue
        author = by_code.get(organiser) if organiser else moderator
        if author is None:
            continue
        starts = (now + datetime.timedelta(days=days)).replace(hour=14)
        meeting = meeting_create(
            user=author,
            data={
                "title": title,
                "kind": kind,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2, minutes=30),
                "place": place,
                "online_url": online,
                "municipality": None,
                "themes": _themes(themes),
                "audience": "beleidsadviseurs, jongerenwerkers en wijkagenten",
                "visibility": visibility,
                "allowed_municipalities": [],
                "capacity": capacity,
                "description": (
                    "Collega's van gemeenten en partners delen wat werkt. Neem een vraag uit "
                    "uw eigen praktijk mee."
                ),
            },
        )
        if days < 0:
            # A past meeting, with the report its organiser wrote afterwards.
            meeting_report_save(user=author, meeting=meeting, report=report)
        else:
            for member in members[:5]:
                if meeting.is_visible_to(member):
                    registration_register(user=member, meeting=meeting)
        added += 1
    return added
