"""Loading the CBS municipality list: an idempotent upsert that never deletes history."""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import PROVINCES, EmailDomain, Municipality

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "municipalities-2025.csv"
REQUIRED_COLUMNS = ["code", "name", "province"]
CODE_RE = re.compile(r"^GM\d{4}$")
DOMAIN_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


class MunicipalityFileError(Exception):
    """A row of the file is malformed; nothing has been written."""


@dataclass
class LoadSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    deactivated: list[str] = field(default_factory=list)
    domains_added: int = 0


@dataclass
class MunicipalityRow:
    line: int
    code: str
    name: str
    province: str
    population: int | None
    population_date: datetime.date | None
    email_domain: str
    aliases: str


def parse_rows(path: Path) -> list[MunicipalityRow]:
    """Read and validate every row first, so a bad row aborts before anything is written."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise MunicipalityFileError(f"Kan {path} niet openen: {exc.strerror}") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise MunicipalityFileError(f"regel 1: kolommen ontbreken: {', '.join(missing)}")
        rows, seen = [], set()
        for record in reader:
            line = reader.line_num
            rows.append(_parse_row(record, line, seen))
    return rows


def _parse_row(record: dict, line: int, seen: set[str]) -> MunicipalityRow:
    def fail(message: str):
        raise MunicipalityFileError(f"regel {line}: {message}")

    if None in record:
        fail("te veel kolommen")
    code = (record.get("code") or "").strip().upper()
    name = (record.get("name") or "").strip()
    province = (record.get("province") or "").strip()
    if not CODE_RE.match(code):
        fail(f"ongeldige CBS-code {code!r} (verwacht GM en vier cijfers)")
    if code in seen:
        fail(f"code {code} komt twee keer voor")
    seen.add(code)
    if not name:
        fail("naam ontbreekt")
    if province not in PROVINCES:
        fail(f"onbekende provincie {province!r}")
    population = None
    if raw := (record.get("population") or "").strip():
        if not (raw.isascii() and raw.isdigit()):
            fail(f"inwonertal {raw!r} is geen geheel getal")
        population = int(raw)
    population_date = None
    if raw := (record.get("population_date") or "").strip():
        try:
            population_date = datetime.date.fromisoformat(raw)
        except ValueError:
            fail(f"datum {raw!r} is geen datum (JJJJ-MM-DD)")
    domain = (record.get("email_domain") or "").strip().lower()
    if domain and not DOMAIN_RE.match(domain):
        fail(f"ongeldig e-maildomein {domain!r}")
    aliases = ";".join(a.strip() for a in (record.get("aliases") or "").split(";") if a.strip())
    return MunicipalityRow(line, code, name, province, population, population_date, domain, aliases)


def _unique_slug(name: str, code: str, taken: dict[str, str]) -> str:
    slug = slugify(name.replace("(", " ").replace(")", " ")) or code.lower()
    if taken.get(slug, code) != code:
        slug = f"{slug}-{code.lower()}"
    return slug


@transaction.atomic
def municipalities_load(*, path: Path = DEFAULT_CSV) -> LoadSummary:
    """Upsert municipalities by CBS code; codes missing from the file become inactive."""
    rows = parse_rows(path)
    summary = LoadSummary()
    existing = {m.code: m for m in Municipality.objects.all()}
    taken_slugs = {m.slug: m.code for m in existing.values()}
    fields = ["name", "province", "population", "population_date", "aliases", "active"]
    for row in rows:
        values = {
            "name": row.name,
            "province": row.province,
            "population": row.population,
            "population_date": row.population_date,
            "aliases": row.aliases,
            "active": True,
        }
        municipality = existing.get(row.code)
        if municipality is None:
            slug = _unique_slug(row.name, row.code, taken_slugs)
            taken_slugs[slug] = row.code
            municipality = Municipality.objects.create(code=row.code, slug=slug, **values)
            summary.created.append(row.code)
        elif any(getattr(municipality, f) != values[f] for f in fields):
            for name, value in values.items():
                setattr(municipality, name, value)
            municipality.save()
            summary.updated.append(row.code)
        else:
            summary.unchanged += 1
        # Domains from the file are a starting point; moderators' edits are never overwritten.
        if row.email_domain and not EmailDomain.objects.filter(domain=row.email_domain).exists():
            EmailDomain.objects.create(municipality=municipality, domain=row.email_domain)
            summary.domains_added += 1
    codes_in_file = {row.code for row in rows}
    vanished = Municipality.objects.filter(active=True).exclude(code__in=codes_in_file)
    summary.deactivated = sorted(vanished.values_list("code", flat=True))
    vanished.update(active=False)
    return summary
