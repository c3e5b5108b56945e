"""Index documents: one builder per kind turns a model into the dict the index stores.

A builder returns None when the item should not be in the index at all (unpublished, hidden,
deleted): the sync task then removes it. Documents carry the access fields read by
exchange.visibility.search_access_filter: `visibility` and `allowed_municipalities` (CBS codes,
including the item's own municipality, which may always see its restricted items).
"""

import html
import re
from functools import cache

from django.utils import timezone
from django.utils.html import strip_tags

from exchange.core.markdown import render_markdown
from exchange.meetings.models import MeetingPage
from exchange.questions.models import Question
from exchange.visibility import Visibility
from practices.models import PracticePage

from .analysis import DATA_DIR

PRACTICE = "practice"
QUESTION = "question"
MEETING = "meeting"
KINDS = (PRACTICE, QUESTION, MEETING)
VISIBILITY_RANK = {Visibility.PUBLIC: 0, Visibility.MEMBERS: 1, Visibility.RESTRICTED: 2}
BODY_MAX = 60_000
SPACES = re.compile(r"\s+")


def html_to_text(value) -> str:
    text = html.unescape(strip_tags(str(value or "").replace("<", " <")))
    return SPACES.sub(" ", text).strip()


def markdown_text(source: str) -> str:
    return html_to_text(render_markdown(source))


def doc_id(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


@cache
def former_names() -> dict[str, tuple[str, ...]]:
    """Current municipality name -> the former municipalities merged into it
    (data/former_municipalities.txt)."""
    names = {}
    for line in (DATA_DIR / "former_municipalities.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            current, _colon, former = line.partition(":")
            names[current.strip()] = tuple(name.strip() for name in former.split(","))
    return names


def _municipality_fields(municipality) -> dict:
    if municipality is None:
        return {"municipality_code": None, "municipality_name": "", "municipality_names": []}
    # Searchers use common names (Den Bosch) and the names of merged municipalities (Sneek).
    names = [municipality.name, *municipality.alias_list]
    names += former_names().get(municipality.name, ())
    return {
        "municipality_code": municipality.code,
        "municipality_name": municipality.name,
        "municipality_names": names,
        "province": municipality.province,
    }


def _themes_fields(themes) -> dict:
    themes = list(themes)
    return {
        "themes": [theme.slug for theme in themes],
        "theme_names": [theme.name for theme in themes],
        "theme_labels": [{"slug": theme.slug, "name": theme.name} for theme in themes],
        "theme_synonyms": [
            line.strip() for theme in themes for line in theme.synonyms.splitlines() if line.strip()
        ],
    }


def _access_fields(item) -> dict:
    allowed = [m.code for m in item.allowed_municipalities.all()]
    if item.visibility == Visibility.RESTRICTED and item.municipality is not None:
        allowed.append(item.municipality.code)
    return {"visibility": item.visibility, "allowed_municipalities": sorted(set(allowed))}


def _dates(published, updated) -> dict:
    return {
        "published_at": published.isoformat() if published else None,
        "updated_at": (updated or published).isoformat() if (updated or published) else None,
        "year": published.year if published else None,
    }


def _stream_text(stream) -> str:
    parts = []
    for block in stream or []:
        value = block.value
        if block.block_type == "text":
            parts.append(html_to_text(value))
        elif block.block_type == "steps":
            for step in value:
                parts.append(f"{step['title']} {html_to_text(step['text'])}")
        elif block.block_type == "quote":
            parts.append(str(value["quote"]))
        elif block.block_type in {"image", "document"}:
            parts.append(str(value.get("caption") or value.get("title") or ""))
    return " ".join(part for part in parts if part)


def practice_attachment_text(practice) -> str:
    """Text of attachments no stricter than the practice (a stricter one would leak words)."""
    from .models import AttachmentText

    rank = VISIBILITY_RANK[practice.visibility]
    documents = [
        attachment.document_id
        for attachment in practice.attachments.all()
        if VISIBILITY_RANK.get(attachment.visibility or practice.visibility, 2) <= rank
    ]
    texts = AttachmentText.objects.filter(document_id__in=documents).values_list("text", flat=True)
    return " ".join(texts)[:BODY_MAX]


def practice_document(practice) -> dict | None:
    if not practice.live:
        return None
    body = " ".join(
        html_to_text(part)
        for part in (
            practice.description,
            practice.context_problem,
            practice.goal,
            practice.results,
            practice.transferability,
        )
    )
    body = f"{body} {_stream_text(practice.approach)}".strip()[:BODY_MAX]
    return {
        "kind": PRACTICE,
        "id": practice.pk,
        "title": practice.title,
        "summary": practice.summary,
        "body": body,
        "attachment_text": practice_attachment_text(practice),
        "target_groups": [tag.slug for tag in practice.target_groups.all()],
        "target_group_names": [tag.name for tag in practice.target_groups.all()],
        "evidence_level": practice.evidence_level or None,
        "status": practice.status,
        "has_accepted_answer": False,
        "url": practice.url or "",
        **_themes_fields(practice.themes.all()),
        **_municipality_fields(practice.municipality),
        **_dates(practice.first_published_at, practice.last_published_at),
        **_access_fields(practice),
    }


def _opening(text: str, size: int) -> str:
    """The first `size` characters of `text`, ending at a word boundary."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size + 1)
    return text[: cut if cut > 0 else size]


def question_document(question) -> dict | None:
    if question.hidden:
        return None
    answers = [answer for answer in question.answers.all() if not answer.hidden]
    # Markdown as plain text: snippets show words, not ** and #.
    text = markdown_text(question.body_markdown)
    body = " ".join([text, *(markdown_text(answer.body_markdown) for answer in answers)])
    return {
        "kind": QUESTION,
        "id": question.pk,
        "title": question.title,
        "summary": _opening(text, 300),
        "body": body[:BODY_MAX],
        "attachment_text": "",
        "target_groups": [],
        "target_group_names": [],
        "evidence_level": None,
        "status": question.status,
        "has_accepted_answer": any(answer.accepted for answer in answers),
        "url": question.get_absolute_url(),
        **_themes_fields(question.themes.all()),
        **_municipality_fields(question.municipality),
        **_dates(question.created_at, question.last_activity_at or timezone.now()),
        **_access_fields(question),
    }


def meeting_document(meeting) -> dict | None:
    """A meeting, upcoming or past (its report keeps it findable); dated by its start."""
    if not meeting.live:
        return None
    description = html_to_text(meeting.description_html) or markdown_text(meeting.description)
    report = html_to_text(meeting.report_html) or markdown_text(meeting.report)
    body = " ".join(part for part in (description, meeting.audience, meeting.place, report) if part)
    return {
        "kind": MEETING,
        "id": meeting.pk,
        "title": meeting.title,
        "summary": _opening(description, 300),
        "body": body[:BODY_MAX],
        "attachment_text": "",
        "target_groups": [],
        "target_group_names": [],
        "evidence_level": None,
        "status": "cancelled" if meeting.cancelled_at else "scheduled",
        "has_accepted_answer": False,
        "url": meeting.url or "",
        **_themes_fields(meeting.themes.all()),
        **_municipality_fields(meeting.municipality),
        **_dates(meeting.starts_at, meeting.last_published_at or meeting.starts_at),
        **_access_fields(meeting),
    }


def load(kind: str, pk: int):
    """The model instance for (kind, pk) with what its builder reads, or None if gone."""
    return queryset(kind).filter(pk=pk).first()


def queryset(kind: str):
    if kind == PRACTICE:
        return (
            PracticePage.objects.select_related("municipality")
            .prefetch_related("themes", "allowed_municipalities", "attachments")
            .prefetch_related("target_groups")
        )
    if kind == QUESTION:
        return Question.objects.select_related("municipality").prefetch_related(
            "themes", "allowed_municipalities", "answers"
        )
    if kind == MEETING:
        return MeetingPage.objects.select_related("municipality").prefetch_related(
            "themes", "allowed_municipalities"
        )
    raise ValueError(f"unknown search kind {kind!r}")


BUILDERS = {PRACTICE: practice_document, QUESTION: question_document, MEETING: meeting_document}


def build(kind: str, obj) -> dict | None:
    return BUILDERS[kind](obj)


def indexable(kind: str):
    """Every item of `kind` that belongs in the index (for rebuilds and status)."""
    qs = queryset(kind)
    if kind in (PRACTICE, MEETING):
        return qs.live()
    return qs.filter(hidden=False)
