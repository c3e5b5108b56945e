"""Import a municipality's register entries from CSV (Dutch column names).

Columns: naam, soort (slug or name of an organisation kind), wijken, themas (slugs or names,
separated by ';'), samenwerking (formele afspraak / regulier overleg / ad hoc), contactrol,
deelbaar (ja/nee), laatst_gecontroleerd (YYYY-MM-DD, optional). Every line is checked first;
on any error nothing is written and every error is reported with its line and column.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exchange.core.privacy_check import find_personal_data
from exchange.themes.models import OrganisationKind, Theme

from .models import Cooperation, Organisation
from .permissions import check_edit_permission

COLUMNS = (
    "naam",
    "soort",
    "wijken",
    "themas",
    "samenwerking",
    "contactrol",
    "deelbaar",
    "laatst_gecontroleerd",
)
REQUIRED = ("naam", "soort", "samenwerking")
YES = {"ja", "j", "yes", "1", "waar"}
NO = {"nee", "n", "no", "0", "onwaar", ""}


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    organisation: Organisation
    themes: list = field(default_factory=list)


def _read(text: str) -> list[dict]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        return []
    if "\x00" in text:
        raise ImportRefused([_("Dit is geen tekstbestand (CSV): het bevat ongeldige tekens.")])
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportRefused(
            [_("Het bestand is geen leesbare CSV (%(reason)s).") % {"reason": exc}]
        ) from exc


def _lookup(objects, *attributes) -> dict[str, object]:
    found = {}
    for obj in objects:
        for attribute in attributes:
            found[getattr(obj, attribute).strip().lower()] = obj
    return found


def _cooperation(value: str) -> str | None:
    """The code for a form of cooperation, written as its code or its label, in Dutch (the
    file's language, whatever the language of the page) or in the page's language."""
    wanted = value.strip().lower()
    for code, label in Cooperation.choices:
        with translation.override("nl"):
            dutch = str(label).lower()
        if wanted in (code, dutch, str(label).lower()):
            return code
    return None


def organisations_validate(*, municipality, text: str) -> list[Row]:
    """Every line checked; raises ImportRefused with all errors, or returns the rows."""
    lines = _read(text)
    if not lines:
        raise ImportRefused([_("Het bestand is leeg.")])
    columns = {(c or "").strip().lower() for c in lines[0]}
    missing = [c for c in REQUIRED if c not in columns]
    unknown = sorted(columns - set(COLUMNS) - {""})
    errors = []
    if missing:
        errors.append(_("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        errors.append(_("Onbekende kolommen: %(columns)s.") % {"columns": ", ".join(unknown)})
    if errors:
        raise ImportRefused(errors)
    kinds = _lookup(OrganisationKind.objects.filter(active=True), "slug", "name")
    themes = _lookup(Theme.objects.all(), "slug", "name")
    existing = {
        name.strip().lower()
        for name in Organisation.objects.filter(municipality=municipality).values_list(
            "name", flat=True
        )
    }
    seen: set[str] = set()
    rows = []
    for number, raw in enumerate(lines, start=2):
        line = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}

        def error(column, message, number=number):
            errors.append(
                _("Regel %(line)s, kolom %(column)s: %(message)s")
                % {"line": number, "column": column, "message": message}
            )

        name = line.get("naam", "")
        if not name:
            error("naam", _("vul de naam van de organisatie in."))
        elif len(name) > 200:
            error("naam", _("de naam is langer dan 200 tekens."))
        elif name.lower() in existing:
            error("naam", _("'%(name)s' staat al in het register.") % {"name": name})
        elif name.lower() in seen:
            error("naam", _("'%(name)s' staat twee keer in het bestand.") % {"name": name})
        seen.add(name.lower())
        kind = kinds.get(line.get("soort", "").lower())
        if kind is None:
            error("soort", _("onbekende soort '%(value)s'.") % {"value": line.get("soort", "")})
        chosen_themes = []
        for part in line.get("themas", "").split(";"):
            if not part.strip():
                continue
            theme = themes.get(part.strip().lower())
            if theme is None:
                error("themas", _("onbekend thema '%(value)s'.") % {"value": part.strip()})
            else:
                chosen_themes.append(theme)
        cooperation = _cooperation(line.get("samenwerking", ""))
        if cooperation is None:
            error(
                "samenwerking",
                _("kies formele afspraak, regulier overleg of ad hoc (niet '%(value)s').")
                % {"value": line.get("samenwerking", "")},
            )
        shareable = line.get("deelbaar", "").lower()
        if shareable not in YES | NO:
            error("deelbaar", _("vul ja of nee in (niet '%(value)s').") % {"value": shareable})
        checked = timezone.localdate()
        if line.get("laatst_gecontroleerd"):
            try:
                checked = datetime.date.fromisoformat(line["laatst_gecontroleerd"])
            except ValueError:
                error("laatst_gecontroleerd", _("schrijf de datum als JJJJ-MM-DD."))
            else:
                if checked > timezone.localdate():
                    error("laatst_gecontroleerd", _("de datum ligt in de toekomst."))
        for column, limit in (("wijken", 300), ("contactrol", 200)):
            if len(line.get(column, "")) > limit:
                error(column, _("langer dan %(limit)s tekens.") % {"limit": limit})
        # The register names organisations and roles, never people (as the form checks).
        for column in ("naam", "wijken", "contactrol"):
            findings = find_personal_data(line.get(column, ""))
            if findings:
                error(
                    column,
                    _(
                        "lijkt persoonsgegevens te bevatten (%(kinds)s). Noem een organisatie "
                        "of een rol, geen persoon."
                    )
                    % {"kinds": ", ".join(sorted({f.label for f in findings}))},
                )
        if kind is None or cooperation is None:
            continue
        rows.append(
            Row(
                line=number,
                organisation=Organisation(
                    municipality=municipality,
                    name=name,
                    kind=kind,
                    neighbourhoods=line.get("wijken", ""),
                    cooperation=cooperation,
                    contact_role=line.get("contactrol", ""),
                    shareable=shareable in YES,
                    last_checked_on=checked,
                ),
                themes=chosen_themes,
            )
        )
    if errors:
        raise ImportRefused(errors)
    return rows


def organisations_import(*, user, municipality, text: str) -> int:
    """Validate every line, then write all entries in one transaction; returns how many.

    `user` None: a command run by an administrator (no member's permission to check).
    """
    if user is not None:
        check_edit_permission(user, municipality.pk)
    rows = organisations_validate(municipality=municipality, text=text)
    with transaction.atomic():
        for row in rows:
            row.organisation.created_by = user
            row.organisation.updated_by = user
            row.organisation.save()
            row.organisation.themes.set(row.themes)
    return len(rows)
