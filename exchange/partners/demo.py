"""Demo registers: partner organisations and key-figure roles for a dozen municipalities.

`seed_demo` calls `demo_registers_seed()`; a municipality whose register has entries is left
alone, so running it again changes nothing. Key figures are roles only: demo data holds no
names of people, so nobody's consent is pretended.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from exchange.themes.models import OrganisationKind

from .models import Cooperation, KeyFigure, Organisation
from .services import participations_set

# (kind slug, name pattern, contact role, key-figure role or "")
ENTRIES = [
    ("mosque", "Moskeebestuur {place}", "bestuurssecretaris", "imam van de moskee"),
    ("church", "Protestantse gemeente {place}", "scriba", "predikant"),
    ("youth_work", "Jongerenwerk {place}", "teamleider", "jongerenwerker in {place}-Noord"),
    ("welfare", "Welzijn {place}", "coördinator", ""),
    ("neighbourhood_team", "Wijkteam {place}-Centrum", "teamcoach", ""),
    ("secondary_education", "Scholengemeenschap {place}", "zorgcoördinator", "mentor"),
    ("vocational_education", "ROC-locatie {place}", "teamleider studentzaken", ""),
    ("police", "Basisteam politie {place}", "wijkagent", "wijkagent"),
    ("safety_house", "Zorg- en Veiligheidshuis regio {place}", "procesregisseur", ""),
    ("migrant_organisation", "Stichting Samen {place}", "voorzitter", "sleutelfiguur in de wijk"),
    ("sports", "Voetbalvereniging {place}", "jeugdcoördinator", ""),
    ("housing", "Woonstichting {place}", "wijkconsulent", ""),
    ("mental_health", "GGZ {place}", "preventiemedewerker", ""),
    ("parents", "Oudernetwerk {place}", "contactpersoon", "voorzitter van het oudernetwerk"),
]
RESIDENTS = "voorzitter van de bewonersvereniging"


def demo_registers_seed(*, municipalities, themes, practices=(), rng: random.Random) -> int:
    """Fill the registers of `municipalities` (without entries yet) from `themes`; link some
    entries to the municipality's own `practices`. Returns how many organisations were added."""
    themes = list(themes)
    kinds = {kind.slug: kind for kind in OrganisationKind.objects.filter(active=True)}
    by_municipality: dict[int, list] = {}
    for practice in practices:
        by_municipality.setdefault(practice.municipality_id, []).append(practice)
    busy = set(
        Organisation.objects.filter(municipality__in=list(municipalities)).values_list(
            "municipality_id", flat=True
        )
    )
    today = timezone.localdate()
    added = 0
    with transaction.atomic():
        for municipality in municipalities:
            if municipality.pk in busy:
                continue
            chosen = rng.sample(ENTRIES, k=min(len(ENTRIES), rng.randint(6, 10)))
            for slug, name, contact_role, key_role in chosen:
                if slug not in kinds:
                    continue
                # A few entries were last checked over a year ago, so the reminder shows.
                days = rng.choice([3, 30, 90, 200, 300, 400, 500])
                organisation = Organisation.objects.create(
                    municipality=municipality,
                    name=name.format(place=municipality.name),
                    kind=kinds[slug],
                    neighbourhoods=rng.choice(["", "Centrum", "Noord, Oost", "Zuid"]),
                    cooperation=rng.choice(Cooperation.values),
                    contact_role=contact_role,
                    shareable=rng.random() < 0.6,
                    last_checked_on=today - datetime.timedelta(days=days),
                )
                if themes:
                    organisation.themes.set(rng.sample(themes, k=min(len(themes), 2)))
                if key_role:
                    KeyFigure.objects.create(
                        municipality=municipality,
                        organisation=organisation,
                        role=key_role.format(place=municipality.name),
                        last_checked_on=organisation.last_checked_on,
                    )
                own_practices = by_municipality.get(municipality.pk, [])
                if own_practices and rng.random() < 0.3:
                    participations_set(
                        organisation=organisation, practices=[rng.choice(own_practices)]
                    )
                added += 1
            KeyFigure.objects.create(
                municipality=municipality, role=RESIDENTS, last_checked_on=today
            )
    return added
