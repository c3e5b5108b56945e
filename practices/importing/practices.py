"""Practices from content lines: published PracticePages under the catalogue, keyed on `id`."""

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models import PracticePage, TaggedTargetGroup, TargetGroup

from .parsing import ContentItem, published_datetime

SUMMARY_MAX = 600
SLUG_MAX = 80
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


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


@dataclass
class PracticeValues:
    values: dict
    themes: list
    groups: list
    allowed: list


class PracticeWriter:
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

    def prepare(self, item: ContentItem) -> "PracticeValues":
        """The page's field values and relations for `item` (shared with the bulk path)."""
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
        return PracticeValues(values=values, themes=themes, groups=groups, allowed=allowed)

    def is_new(self, item: ContentItem) -> bool:
        return item.id not in self.existing

    def write(self, item: ContentItem) -> str:
        """'created', 'updated' or 'unchanged'."""
        prepared = self.prepare(item)
        values, themes, groups, allowed = (
            prepared.values,
            prepared.themes,
            prepared.groups,
            prepared.allowed,
        )
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
