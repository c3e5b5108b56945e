"""No case data on a knowledge forum: find likely personal data in free text before it is posted.

The forum is for approaches, not for cases about people. Every free-text form (questions,
answers, practices; later quickscan answers, meeting reports and register notes) runs this
check on the text a member is about to post. A finding is a warning, not a refusal: the member
sees what was found, removes it or confirms that it is not about a person, and moderators see
that a warning was overridden (`record_override`, an entry in the audit trail).

`find_personal_data(text)` is the plain function; `PersonalDataCheckMixin` puts it on a form.
The rules (each kind is a small function below, so a test names what it expects):

- BSN: nine digits (also 123.456.782, 1234 56 782) that pass the eleven-test; not an amount.
- Phone: a Dutch mobile (06…) or landline number of ten digits, also written with +31 / 0031,
  spaces, dashes or "(0)"; not the 0800/0900/088 service numbers organisations use.
- E-mail: an address at a consumer mail provider (gmail, hotmail, outlook, live, icloud, ziggo,
  kpn…), which is where private persons have theirs; organisations' and municipalities'
  addresses are never flagged.
- Address: a street (a capitalised word ending in -straat, -laan, -weg, -plein, -gracht,
  -kade, -singel, -dreef, -hof, -pad, -steeg, -dijk, -markt, -wal …) followed by a house number.
- Birth date: a full date (12-03-2009, 12 maart 2009) shortly after "geboren", "geb.",
  "geboortedatum" and the like.
- Name: a capitalised name after "meneer", "mevrouw", "de heer", "mw.", "dhr.", "mr." …
  ("mevrouw X" and "meneer de burgemeester" are not names).
"""

import hashlib
import re
from dataclasses import dataclass

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

OVERRIDE_ACTION = "kennisnetwerk.privacy.override"


class Kind:
    BSN = "bsn"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    BIRTH_DATE = "birth_date"
    NAME = "name"


KIND_LABELS = {
    Kind.BSN: _("burgerservicenummer (BSN)"),
    Kind.PHONE: _("telefoonnummer"),
    Kind.EMAIL: _("privé-e-mailadres"),
    Kind.ADDRESS: _("adres met huisnummer"),
    Kind.BIRTH_DATE: _("geboortedatum"),
    Kind.NAME: _("naam van een persoon"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    fragment: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


# -- BSN ------------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,/-])(?:\d{9}|\d{3}[. ]\d{3}[. ]\d{3}|\d{4}[. ]\d{2}[. ]\d{3})(?![\w/-]|[.,]\d)"
)
# "€ 123.456.782" or "123.456.782 euro" is an amount, whatever its digits.
_AMOUNT_BEFORE = re.compile(r"(?:€|eur|euro)\s*$", re.IGNORECASE)
_AMOUNT_AFTER = re.compile(r"^\s*(?:€|eur\b|euro)", re.IGNORECASE)


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (not all zero)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def _bsn(text: str):
    for match in _BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        before, after = text[max(0, match.start() - 6) : match.start()], text[match.end() :]
        if _AMOUNT_BEFORE.search(before) or _AMOUNT_AFTER.match(after[:6]):
            continue
        if passes_eleven_test(digits):
            yield Finding(Kind.BSN, match.group(), match.start(), match.end())


# -- phone numbers --------------------------------------------------------------------------

# A run that starts like a Dutch number: +31, 0031, (0…) or 0, then digits in groups separated
# by one space, dash or dot. Which prefix of it is the number is decided in code.
_PHONE = re.compile(
    r"(?<![\w+/.,-])(?:(?:\+|00)31[ -]?(?:\(0\)[ -]?)?|\(0\d{1,3}\)[ -]?|0)\d+(?:[ .-]\d+)*"
)
# Service numbers of organisations (free, paid information lines, company-wide numbers).
_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909", "088", "0970")
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")


def _phone(text: str):
    for match in _PHONE.finditer(text):
        fragment = match.group()
        if _DATE_LIKE.match(fragment):
            continue  # "06-12-2023 10.30" is a date and a time
        international = fragment.startswith(("+", "0031"))
        groups = list(re.finditer(r"\+?\d+|\(0\d*\)", fragment))
        if not international and len(groups[0].group()) == 2 and groups[0].group() != "06":
            continue  # no Dutch area code has one digit: "01-02" starts a date
        # Take groups until exactly ten national digits; crossing ten is another number.
        digits = ""
        for group in groups:
            digits += re.sub(r"\D", "", group.group())
            national = _national(digits, international=international)
            if len(national) >= 10:
                break
        if len(national) != 10 or national[1] == "0" or national.startswith(_SERVICE_PREFIXES):
            continue
        start = match.start()
        yield Finding(Kind.PHONE, fragment[: group.end()], start, start + group.end())


def _national(digits: str, *, international: bool) -> str:
    if international:
        rest = digits[4:] if digits.startswith("0031") else digits[2:]
        return "0" + rest.removeprefix("0")  # "+31 (0)20 …" writes the trunk zero too
    return digits


# -- e-mail addresses -----------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
# Where private persons have their address. An organisation (a municipality, the police, a
# school, a foundation) has its own domain, and its addresses are never flagged.
PRIVATE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "yahoo.com",
        "yahoo.nl",
        "ymail.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "tutanota.com",
        "ziggo.nl",
        "zeelandnet.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "hetnet.nl",
        "home.nl",
        "casema.nl",
        "chello.nl",
        "upcmail.nl",
        "xs4all.nl",
        "telfort.nl",
        "tele2.nl",
        "online.nl",
        "quicknet.nl",
        "caiway.nl",
        "solcon.nl",
        "hccnet.nl",
        "freeler.nl",
        "t-mobilethuis.nl",
        "kabelfoon.nl",
        "delta.nl",
    }
)


def is_private_mail_domain(domain: str) -> bool:
    parts = domain.lower().rstrip(".").split(".")
    return any(".".join(parts[i:]) in PRIVATE_MAIL_DOMAINS for i in range(len(parts) - 1))


def _email(text: str):
    for match in _EMAIL.finditer(text):
        if is_private_mail_domain(match.group(1)):
            yield Finding(Kind.EMAIL, match.group(), match.start(), match.end())


# -- street addresses -----------------------------------------------------------------------

STREET_ENDINGS = (
    "straat|laan|weg|plein|gracht|kade|singel|dreef|hof|pad|steeg|dijk|markt|wal|plantsoen"
    "|boulevard|baan|erf|park"
)
_STREET = re.compile(
    # "Kerkstraat 12", "Van Goghstraat 3a", "Burgemeester de Withstraat 12-2", "Grote Markt 5".
    r"(?:\b(?:Van|De|Den|Der|Ter|Ten)\s(?:(?:der|den|de)\s)?)?"
    rf"\b[A-ZÀ-Ý][\w'’-]*(?:{STREET_ENDINGS})(?:\s(?:[A-Z][\w'’-]*(?:{STREET_ENDINGS})))?"
    rf"|\b[A-ZÀ-Ý][\w'’-]*\s(?:{STREET_ENDINGS.title()})"
)
_HOUSE_NUMBER = re.compile(
    r"\s(?:nr\.?\s?)?(\d{1,4})(?!\d)(?:\s?[a-zA-Z](?![\w]))?(?:\s?[-/]\s?\d{1,4}|\s(?:bis|hs|huis)\b)?"
    # Not a count or a measure: "Stadspark 3 keer", "Ringweg 10 km", "Wijkpark 4 jaar".
    r"(?!\s*(?:%|km|m\b|meter|jaar|uur|minuten|keer|euro|x\b|procent|,\d|\.\d))"
)
# Words that end like a street but are not one: common nouns that may start a sentence.
_NOT_STREETS = {"loopbaan", "leerpad", "zorgpad", "onderweg", "halverwege", "stappad"}


def _address(text: str):
    for match in _STREET.finditer(text):
        street = match.group()
        if street.lower() in _NOT_STREETS:
            continue
        number = _HOUSE_NUMBER.match(text, match.end())
        if number is None:
            continue
        house = number.group(1)
        if len(house) == 4 and house[:2] in ("19", "20"):
            continue  # "Actieplan Wijkpark 2023": a year, not a house number
        yield Finding(Kind.ADDRESS, text[match.start() : number.end()], match.start(), number.end())


# -- dates of birth -------------------------------------------------------------------------

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"  # 12-03-2009, 12/3/09
    rf"|\d{{1,2}}\s(?:{MONTHS})\.?\s\d{{4}}"  # 12 maart 2009, 12 mrt. 2009
    r"|\d{4}-\d{2}-\d{2})"  # 2009-03-12
)
_BIRTH_DATE = re.compile(
    r"\b(?:geboren|geb\.|geboortedatum|geboortedag|geb\.datum|d\.o\.b\.?|dob"
    r"|date\sof\sbirth|born)"
    rf"[^.\n;]{{0,30}}?\b({_DATE})",
    re.IGNORECASE,
)


def _birth_date(text: str):
    for match in _BIRTH_DATE.finditer(text):
        yield Finding(Kind.BIRTH_DATE, match.group(), match.start(), match.end())


# -- names after a form of address ----------------------------------------------------------

_TITLE = r"(?i:\b(?:meneer|mevrouw|mevr\.?|mw\.?|mej\.?|juffrouw|dhr\.?|de\sheer|heer|mr\.?))"
# Not "in", "op" or "te": "een mevrouw in Utrecht" names a place, not a person.
_PARTICLES = r"(?:van|de|der|den|ter|ten|'t|el|al|la|le|du|da|di|von|bin)"
_NAME = re.compile(
    rf"{_TITLE}\s+"
    rf"(?:(?:[A-Z]\.\s?){{1,4}}\s?)?"  # initials: "dhr. J.P. de Vries"
    rf"(?i:{_PARTICLES}\s+){{0,3}}"
    # At least two letters: "mevrouw X" is no name.
    r"([A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?)"
)
# Functions that follow a form of address ("mevrouw de Burgemeester") are not names.
_ROLES = {
    "burgemeester",
    "wethouder",
    "voorzitter",
    "minister",
    "staatssecretaris",
    "directeur",
    "commissaris",
    "officier",
    "rechter",
    "secretaris",
    "griffier",
    "ombudsman",
    "gedeputeerde",
}


def _name(text: str):
    for match in _NAME.finditer(text):
        if match.group(1).lower() in _ROLES:
            continue
        yield Finding(Kind.NAME, match.group(), match.start(), match.end())


# -- the check ------------------------------------------------------------------------------

RULES = (_bsn, _phone, _email, _address, _birth_date, _name)


def find_personal_data(text: str) -> list[Finding]:
    """Likely personal data in `text`, in reading order; overlapping findings once."""
    if not text:
        return []
    found = sorted(
        (finding for rule in RULES for finding in rule(text)), key=lambda f: (f.start, -f.end)
    )
    kept: list[Finding] = []
    for finding in found:
        if kept and finding.start < kept[-1].end:
            continue
        kept.append(finding)
    return kept


def fingerprint(findings) -> str:
    """Identifies what the member was shown, so a confirmation covers exactly that."""
    text = "\n".join(sorted(f"{f.kind}:{f.fragment}" for f in findings))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def record_override(obj, *, user, findings) -> None:
    """Log that `user` posted `obj` after confirming a personal-data warning.

    Only the kinds are logged, never the fragments: the audit trail must not copy personal
    data that moderators may yet remove from the post.
    """
    kinds = sorted({finding.kind for finding in findings})
    if kinds:
        log(obj, OVERRIDE_ACTION, user=user, data={"kinds": kinds})


def kinds_label(kinds) -> str:
    return ", ".join(str(KIND_LABELS[kind]) for kind in kinds if kind in KIND_LABELS)


# -- forms ----------------------------------------------------------------------------------

CONFIRM_FIELD = "privacy_confirmed"
SHOWN_FIELD = "privacy_shown"


class PersonalDataCheckMixin(forms.Form):
    """Checks the form's free-text fields (`personal_data_fields`) for likely personal data.

    With a finding the form is invalid and shows what was found (`privacy_findings`) with a
    checkbox; once the member ticks it for exactly those findings the form is valid and
    `privacy_override` holds them for the service to record. Render the warning with
    `{% include "components/personal_data_check.html" %}`; loops over the form's fields skip
    `PersonalDataCheckMixin.CHECK_FIELDS`.
    """

    personal_data_fields: tuple[str, ...] = ()
    CHECK_FIELDS = (CONFIRM_FIELD, SHOWN_FIELD)

    privacy_confirmed = forms.BooleanField(
        label=_("Ik heb dit gecontroleerd; het gaat niet om gegevens van een persoon"),
        required=False,
    )
    privacy_shown = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_findings: list[tuple[str, Finding]] = []
        self.privacy_override: list[Finding] = []

    def clean(self):
        cleaned = super().clean()
        findings = [
            (name, finding)
            for name in self.personal_data_fields
            for finding in find_personal_data(str(cleaned.get(name) or ""))
        ]
        if not findings:
            return cleaned
        shown = fingerprint(finding for _name, finding in findings)
        if cleaned.get(CONFIRM_FIELD) and cleaned.get(SHOWN_FIELD) == shown:
            self.privacy_override = [finding for _name, finding in findings]
            return cleaned
        # Show these findings; a tick given for earlier (other) findings does not count.
        self.privacy_findings = findings
        self.data = self.data.copy()
        self.data[self.add_prefix(SHOWN_FIELD)] = shown
        self.data.pop(self.add_prefix(CONFIRM_FIELD), None)
        self.add_error(
            CONFIRM_FIELD,
            _(
                "Uw tekst lijkt persoonsgegevens te bevatten. Haal ze weg, of bevestig dat het "
                "niet om gegevens van een persoon gaat."
            ),
        )
        return cleaned

    @cached_property
    def privacy_field_labels(self) -> dict[str, str]:
        return {name: self.fields[name].label for name in self.personal_data_fields}

    @property
    def privacy_warnings(self) -> list[dict]:
        """What the template lists: the field, the kind and the fragment as typed."""
        labels = self.privacy_field_labels
        return [
            {"field": labels.get(name, ""), "kind": finding.label, "fragment": finding.fragment}
            for name, finding in self.privacy_findings
        ]
