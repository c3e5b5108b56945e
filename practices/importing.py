"""Importing forum content from JSON Lines: validate every line first, then write all or nothing.

One line is one item (`kind` "practice" or "question"); the item's `id` is the import key, so
importing the same file twice changes nothing and importing a corrected file updates in place.
Practices become published PracticePages under the catalogue; questions are validated but
skipped until the questions app exists.
"""

import datetime
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from tqdm import tqdm
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from exchange.visibility import Visibility

from .models import PracticePage, TaggedTargetGroup, TargetGroup
from .models.pages import EvidenceLevel
from .services import practice_index_ensure

logger = logging.getLogger(__name__)

PRACTICE = "practice"
QUESTION = "question"
KINDS = (PRACTICE, QUESTION)
TITLE_MAX = 255
SUMMARY_MAX = 600
ID_MAX = 100
TAG_MAX = 100
SLUG_MAX = 80
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
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


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_questions: int = 0
    warnings: list[str] = field(default_factory=list)


# -- validation ------------------------------------------------------------------------------


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
            if isinstance(body, str) and isinstance(code, str):
                answers.append(ContentAnswer(body=body.strip(), municipality=code.strip()))
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


# -- conversion ------------------------------------------------------------------------------


def body_to_html(body: str) -> str:
    """Plain text to rich text: blank lines separate paragraphs, everything escaped."""
    paragraphs = (" ".join(part.split()) for part in PARAGRAPH_BREAK.split(body.strip()))
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def published_datetime(day: datetime.date) -> datetime.datetime:
    """Midnight in the Netherlands on that day (aware)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)


def unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)[:SLUG_MAX].rstrip("-")
    if len(slugify(title)) > SLUG_MAX and "-" in base:
        base = base.rsplit("-", 1)[0]  # don't end on half a word
    base = base or "praktijk"
    slug, suffix = base, 1
    while slug in taken:
        suffix += 1
        slug = f"{base}-{suffix}"
    taken.add(slug)
    return slug


def practice_publish_keeping_dates(*, page: PracticePage, clean: bool = True) -> None:
    """Publish `page` as approved, keeping its publication dates.

    Wagtail's publish() stamps last_published_at (and first_published_at on a first publish)
    with the current time; imported and demo content must keep the date it was published on.
    """
    first, last = page.first_published_at, page.last_published_at or page.first_published_at
    page.save_revision(clean=clean).publish()
    if first is not None:
        PracticePage.objects.filter(pk=page.pk).update(
            first_published_at=first, last_published_at=last
        )
        page.first_published_at, page.last_published_at = first, last


@contextmanager
def quiet_page_logging() -> Iterator[None]:
    """Silence the per-page INFO lines of Wagtail and django-tasks (commands, not the site)."""
    loggers = [logging.getLogger(name) for name in ("wagtail", "django_tasks")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# -- writing ---------------------------------------------------------------------------------


class _PracticeWriter:
    """Creates or updates practice pages; lookups are loaded once for the whole file."""

    def __init__(self, index, items: list[ContentItem]):
        self.index = index
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.groups = {g.name.casefold(): g for g in TargetGroup.objects.all()}
        self.slugs = set(index.get_children().values_list("slug", flat=True))
        ids = [item.id for item in items]
        self.existing = {p.external_id: p for p in PracticePage.objects.filter(external_id__in=ids)}
        self.current = self._current_relations(list(self.existing.values()))

    @staticmethod
    def _current_relations(pages) -> dict[int, dict[str, set[int]]]:
        # Three queries for every page at once, to tell unchanged pages apart cheaply.
        current = {p.pk: {"themes": set(), "allowed": set(), "groups": set()} for p in pages}
        themes = PracticePage.themes.through.objects.filter(practicepage_id__in=current)
        for page_id, theme_id in themes.values_list("practicepage_id", "theme_id"):
            current[page_id]["themes"].add(theme_id)
        allowed = PracticePage.allowed_municipalities.through.objects.filter(
            practicepage_id__in=current
        )
        for page_id, municipality_id in allowed.values_list("practicepage_id", "municipality_id"):
            current[page_id]["allowed"].add(municipality_id)
        tagged = TaggedTargetGroup.objects.filter(content_object_id__in=current)
        for page_id, tag_id in tagged.values_list("content_object_id", "tag_id"):
            current[page_id]["groups"].add(tag_id)
        return current

    def group(self, name: str) -> TargetGroup:
        key = name.casefold()
        if key not in self.groups:
            self.groups[key] = TargetGroup.objects.create(name=name)
        return self.groups[key]

    def write(self, item: ContentItem) -> str:
        """'created', 'updated' or 'unchanged'."""
        municipality = self.municipalities[item.municipality]
        values = {
            "title": item.title,
            "draft_title": item.title,
            "summary": truncate(item.summary or item.body, SUMMARY_MAX),
            "description": body_to_html(item.body),
            "municipality_id": municipality.pk,
            "visibility": item.visibility,
            "evidence_level": item.evidence_level,
        }
        if item.published_at is not None:
            values["first_published_at"] = published_datetime(item.published_at)
            values["last_published_at"] = values["first_published_at"]
        themes = [self.themes[slug] for slug in item.themes]
        groups = list({group.pk: group for group in map(self.group, item.target_groups)}.values())
        allowed = []
        if item.visibility == Visibility.RESTRICTED:
            codes = item.allowed_municipalities or (item.municipality,)
            allowed = [self.municipalities[code] for code in codes]

        page = self.existing.get(item.id)
        if page is not None and self._unchanged(page, values, themes, groups, allowed):
            return "unchanged"
        created = page is None
        if created:
            page = PracticePage(
                slug=unique_slug(item.title, self.slugs),
                external_id=item.id,
                locale_id=self.index.locale_id,
                owner=None,
            )
        for name, value in values.items():
            setattr(page, name, value)
        page.themes.set(themes)
        page.target_groups.set(groups)
        page.allowed_municipalities.set(allowed)
        # A new page is saved three times (create, revision, publish); index its references once.
        with disable_reference_index_auto_update():
            if created:
                self.index.add_child(instance=page)  # validates the page before the first save
            practice_publish_keeping_dates(page=page, clean=not created)
        # From the database: the in-memory children of an updated page have no ids yet.
        ReferenceIndex.create_or_update_for_object(PracticePage.objects.get(pk=page.pk))
        return "created" if created else "updated"

    def _unchanged(self, page, values, themes, groups, allowed) -> bool:
        current = self.current[page.pk]
        return (
            page.live
            and not page.has_unpublished_changes
            and all(getattr(page, name) == value for name, value in values.items())
            and current["themes"] == {t.pk for t in themes}
            and current["groups"] == {g.pk for g in groups}
            and current["allowed"] == {m.pk for m in allowed}
        )


def content_import(
    *,
    path: Path | str | None = None,
    lines: Iterable[str] | None = None,
    progress: bool = True,
    stdout: TextIO | None = None,
) -> ImportSummary:
    """Import a JSONL file (or its lines): everything or, when any line is wrong, nothing.

    Raises ContentImportError listing every problem; otherwise creates or updates one
    published PracticePage per practice (keyed on `external_id`) in a single transaction.
    """
    if (path is None) == (lines is None):
        raise TypeError("content_import() takes either path or lines")
    if path is not None:
        lines = read_content_file(Path(path))
    items, errors = parse_content_lines(lines)
    if errors:
        raise ContentImportError(errors)

    practices = [item for item in items if item.kind == PRACTICE]
    summary = ImportSummary(skipped_questions=sum(item.kind == QUESTION for item in items))
    with transaction.atomic():
        index = practice_index_ensure()
        if index is None:
            raise ContentImportError(
                [_("er is geen startpagina, dus ook geen catalogus; migreer eerst de database")]
            )
        writer = _PracticeWriter(index, practices)
        bar = tqdm(
            practices, desc=_("Praktijken"), unit=" praktijk", file=sys.stderr, disable=not progress
        )
        for item in bar:
            outcome = writer.write(item)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    if summary.skipped_questions:
        summary.warnings.append(
            _("%(n)d vragen overgeslagen: de vragenmodule bestaat nog niet")
            % {"n": summary.skipped_questions}
        )
    for warning in summary.warnings:
        if stdout is not None:
            stdout.write(warning + "\n")
        else:
            logger.warning(warning)
    return summary
