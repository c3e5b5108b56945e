"""Reading and validating content lines: every problem is collected, nothing is written."""

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models.pages import EvidenceLevel

PRACTICE = "practice"
QUESTION = "question"
KINDS = (PRACTICE, QUESTION)
TITLE_MAX = 255
QUESTION_TITLE_MAX = 200  # Question.title
ID_MAX = 100
TAG_MAX = 100
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EVIDENCE_LEVELS = tuple(EvidenceLevel.values)
VISIBILITIES = tuple(Visibility.values)


class ContentImportError(Exception):
    """The file has problems; nothing has been imported. `errors` lists every one."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class ContentAnswer:
    body: str
    municipality: str
    accepted: bool = False


@dataclass(frozen=True)
class ContentItem:
    line: int
    id: str
    kind: str
    title: str
    summary: str
    body: str
    municipality: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    evidence_level: str
    visibility: str
    allowed_municipalities: tuple[str, ...]
    published_at: datetime.date | None
    answers: tuple[ContentAnswer, ...] = ()


def _type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("waar/onwaar")
    if isinstance(value, int | float):
        return _("een getal")
    if isinstance(value, list):
        return _("een lijst")
    if isinstance(value, dict):
        return _("een object")
    return _("tekst")


class _LineChecker:
    """Reads one decoded line, noting every problem instead of stopping at the first."""

    def __init__(self, line: int, data: dict, *, codes: set[str], slugs: set[str]):
        self.line = line
        self.data = data
        self.codes = codes
        self.slugs = slugs
        self.errors: list[str] = []

    def error(self, message: str) -> None:
        self.errors.append(
            _("regel %(line)d: %(message)s") % {"line": self.line, "message": message}
        )

    def text(self, key: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = self.data.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(
                _("'%(key)s' moet tekst zijn, niet %(type)s")
                % {"key": key, "type": _type_name(value)}
            )
            return ""
        value = value.strip()
        if required and not value:
            self.error(_("'%(key)s' ontbreekt of is leeg") % {"key": key})
        if max_length is not None and len(value) > max_length:
            self.error(
                _("'%(key)s' is te lang (%(length)d tekens, maximaal %(max)d)")
                % {"key": key, "length": len(value), "max": max_length}
            )
        return value

    def text_list(self, key: str, *, max_length: int | None = None) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                _("'%(key)s' moet een lijst zijn, niet %(type)s")
                % {"key": key, "type": _type_name(value)}
            )
            return ()
        result: list[str] = []
        for entry in value:
            if not isinstance(entry, str) or not entry.strip():
                self.error(
                    _("'%(key)s' mag alleen niet-lege tekst bevatten, niet %(value)s")
                    % {"key": key, "value": json.dumps(entry, ensure_ascii=False)}
                )
                continue
            entry = entry.strip()
            if max_length is not None and len(entry) > max_length:
                self.error(
                    _("'%(key)s': '%(value)s…' is te lang (maximaal %(max)d tekens)")
                    % {"key": key, "value": entry[:30], "max": max_length}
                )
                continue
            if entry not in result:
                result.append(entry)
        return tuple(result)

    def municipality(self, code: str, *, where: str = "") -> None:
        if code and code not in self.codes:
            self.error(
                _("onbekende gemeentecode %(code)s%(where)s") % {"code": code, "where": where}
            )

    def choice(self, key: str, allowed: tuple[str, ...], *, required: bool, label: str) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.error(_("'%(key)s' ontbreekt") % {"key": key})
            return ""
        if value not in allowed:
            self.error(
                _("ongeldige %(label)s %(value)s (verwacht %(allowed)s)")
                % {
                    "label": label,
                    "value": json.dumps(value, ensure_ascii=False),
                    "allowed": ", ".join(allowed),
                }
            )
            return ""
        return value

    def date(self, key: str) -> datetime.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and DATE_RE.match(value):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        self.error(
            _("ongeldige datum '%(key)s': %(value)s (verwacht JJJJ-MM-DD)")
            % {"key": key, "value": json.dumps(value, ensure_ascii=False)}
        )
        return None

    def answers(self) -> tuple[ContentAnswer, ...]:
        value = self.data.get("answers")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                _("'answers' moet een lijst zijn, niet %(type)s") % {"type": _type_name(value)}
            )
            return ()
        answers = []
        for number, answer in enumerate(value, start=1):
            if not isinstance(answer, dict):
                self.error(_("antwoord %(n)d moet een object zijn") % {"n": number})
                continue
            body, code = answer.get("body"), answer.get("municipality")
            if not isinstance(body, str) or not body.strip():
                self.error(_("antwoord %(n)d: 'body' ontbreekt of is leeg") % {"n": number})
            if not isinstance(code, str) or not code.strip():
                self.error(_("antwoord %(n)d: 'municipality' ontbreekt") % {"n": number})
            else:
                self.municipality(code.strip(), where=_(" (antwoord %(n)d)") % {"n": number})
            accepted = answer.get("accepted", False)
            if not isinstance(accepted, bool):
                self.error(
                    _("antwoord %(n)d: 'accepted' moet waar of onwaar zijn, niet %(type)s")
                    % {"n": number, "type": _type_name(accepted)}
                )
            if isinstance(body, str) and isinstance(code, str):
                answers.append(
                    ContentAnswer(
                        body=body.strip(), municipality=code.strip(), accepted=accepted is True
                    )
                )
        return tuple(answers)

    def item(self) -> ContentItem:
        item_id = self.text("id", required=True, max_length=ID_MAX)
        kind = self.text("kind", required=True)
        if kind and kind not in KINDS:
            self.error(
                _("onbekende soort '%(kind)s' (verwacht %(allowed)s)")
                % {"kind": kind, "allowed": " of ".join(KINDS)}
            )
        title = self.text("title", required=True, max_length=TITLE_MAX)
        summary = self.text("summary")
        body = self.text("body")
        if kind == QUESTION and len(title) > QUESTION_TITLE_MAX:
            self.error(
                _("'title' is te lang voor een vraag (%(length)d tekens, maximaal %(max)d)")
                % {"length": len(title), "max": QUESTION_TITLE_MAX}
            )
        if kind == PRACTICE and not summary and not body:
            self.error(_("'summary' en 'body' ontbreken allebei"))
        code = self.text("municipality", required=True)
        self.municipality(code)
        themes = self.text_list("themes")
        for slug in themes:
            if slug not in self.slugs:
                self.error(_("onbekend thema '%(slug)s'") % {"slug": slug})
        target_groups = self.text_list("target_groups", max_length=TAG_MAX)
        evidence = self.choice(
            "evidence_level", EVIDENCE_LEVELS, required=False, label=_("bewijskracht")
        )
        visibility = self.choice(
            "visibility", VISIBILITIES, required=True, label=_("zichtbaarheid")
        )
        allowed = self.text_list("allowed_municipalities")
        for allowed_code in allowed:
            self.municipality(allowed_code, where=_(" in 'allowed_municipalities'"))
        published_at = self.date("published_at")
        answers = self.answers()
        return ContentItem(
            line=self.line,
            id=item_id,
            kind=kind,
            title=title,
            summary=summary,
            body=body,
            municipality=code,
            themes=themes,
            target_groups=target_groups,
            evidence_level=evidence,
            visibility=visibility,
            allowed_municipalities=allowed,
            published_at=published_at,
            answers=answers,
        )


def parse_content_lines(
    lines: Iterable[str],
    *,
    municipality_codes: set[str] | None = None,
    theme_slugs: set[str] | None = None,
) -> tuple[list[ContentItem], list[str]]:
    """Validate every line; return the items and every problem found ("regel N: …")."""
    if municipality_codes is None:
        municipality_codes = set(Municipality.objects.values_list("code", flat=True))
    if theme_slugs is None:
        theme_slugs = set(Theme.objects.values_list("slug", flat=True))
    items: list[ContentItem] = []
    errors: list[str] = []
    first_line_of: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue  # blank lines are common at the end of JSONL files
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(
                _("regel %(line)d: ongeldige JSON (%(msg)s, kolom %(col)d)")
                % {"line": number, "msg": exc.msg, "col": exc.colno}
            )
            continue
        if not isinstance(data, dict):
            errors.append(
                _("regel %(line)d: verwacht een JSON-object, niet %(type)s")
                % {"line": number, "type": _type_name(data)}
            )
            continue
        checker = _LineChecker(number, data, codes=municipality_codes, slugs=theme_slugs)
        item = checker.item()
        if item.id:
            if item.id in first_line_of:
                checker.error(
                    _("id '%(id)s' komt ook voor op regel %(first)d")
                    % {"id": item.id, "first": first_line_of[item.id]}
                )
            else:
                first_line_of[item.id] = number
        errors.extend(checker.errors)
        if not checker.errors:
            items.append(item)
    return items, errors


def read_content_file(path: Path) -> list[str]:
    try:
        # Not splitlines(): JSON strings may hold U+2028 and other characters it breaks on.
        return path.read_text(encoding="utf-8-sig").split("\n")
    except FileNotFoundError as exc:
        raise ContentImportError([_("bestand %(path)s bestaat niet") % {"path": path}]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentImportError(
            [_("kan %(path)s niet lezen: %(error)s") % {"path": path, "error": exc}]
        ) from exc


def published_datetime(day: datetime.date) -> datetime.datetime:
    """Midnight in the Netherlands on that day (aware)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)
