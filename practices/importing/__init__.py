"""Importing forum content from JSON Lines: validate every line first, then write all or nothing.

One line is one item (`kind` "practice" or "question"); the item's `id` is the import key, so
importing the same file twice changes nothing and importing a corrected file updates in place.
Practices become published PracticePages under the catalogue; questions become exchange
questions with their answers posted on behalf of a municipality.
"""

import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _
from tqdm import tqdm

from practices.services import practice_index_ensure

from . import events
from .bulk import BulkPracticeCreator
from .parsing import (
    PRACTICE,
    QUESTION,
    ContentImportError,
    parse_content_lines,
    published_datetime,
    read_content_file,
)
from .practices import PracticeWriter, practice_publish_keeping_dates
from .questions import QuestionWriter

__all__ = [
    "ContentImportError",
    "ImportSummary",
    "content_import",
    "parse_content_lines",
    "practice_publish_keeping_dates",
    "published_datetime",
    "quiet_page_logging",
]

logger = logging.getLogger(__name__)


@dataclass
class ImportSummary:
    """Outcomes per kind: `created`, `updated`, `unchanged` count practices."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    questions_created: int = 0
    questions_updated: int = 0
    questions_unchanged: int = 0

    def count(self, kind: str, outcome: str) -> None:
        name = outcome if kind == PRACTICE else f"questions_{outcome}"
        setattr(self, name, getattr(self, name) + 1)


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


def content_import(
    path: Path | str | None = None,
    lines: Iterable[str] | None = None,
    progress: bool = True,
    stdout: TextIO | None = None,
) -> ImportSummary:
    """Import a JSONL file (or its lines): everything or, when any line is wrong, nothing.

    Raises ContentImportError listing every problem; otherwise creates or updates one
    published PracticePage per practice and one Question (with its answers) per question,
    both keyed on `external_id`, in a single transaction. New practices are written in bulk
    (`bulk.py`); existing ones go through Wagtail's publish, one by one, as edits do.
    """
    if (path is None) == (lines is None):
        raise TypeError("content_import() takes either path or lines")
    if path is not None:
        lines = read_content_file(Path(path))
    items, errors = parse_content_lines(lines)
    if errors:
        raise ContentImportError(errors)

    practices = [item for item in items if item.kind == PRACTICE]
    questions = [item for item in items if item.kind == QUESTION]
    summary = ImportSummary()
    with transaction.atomic():
        index = practice_index_ensure()
        if index is None:
            raise ContentImportError(
                [_("er is geen startpagina, dus ook geen catalogus; migreer eerst de database")]
            )
        practice_writer = PracticeWriter(index, practices)
        writers = {PRACTICE: practice_writer, QUESTION: QuestionWriter(questions)}
        new = [item for item in practices if practice_writer.is_new(item)]
        rest = [item for item in practices if not practice_writer.is_new(item)] + questions
        bar = tqdm(
            total=len(practices) + len(questions),
            desc=_("Inhoud"),
            unit=" item",
            file=sys.stderr,
            disable=not progress,
        )
        with bar:
            created = BulkPracticeCreator(practice_writer).create(new, progress=bar.update)
            summary.created += len(created)
            for item in rest:
                summary.count(item.kind, writers[item.kind].write(item))
                bar.update(1)
        # One announcement for every new page, once they are there for everyone to read.
        transaction.on_commit(lambda: events.practices_imported(page_ids=created))
    if questions:
        line = _(
            "Vragen: %(created)d nieuw, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd."
        ) % {
            "created": summary.questions_created,
            "updated": summary.questions_updated,
            "unchanged": summary.questions_unchanged,
        }
        if stdout is not None:
            stdout.write(line + "\n")
        else:
            logger.info(line)
    return summary
