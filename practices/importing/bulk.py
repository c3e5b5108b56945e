"""New practices in bulk: the rows Wagtail's add_child + save_revision + publish would write.

Creating a page the ordinary way costs dozens of queries (tree locks, a revision, a publish,
log entries, reference and search index, signal receivers), which limits an import to a few
dozen pages a second. Here every table gets one INSERT per batch instead: the tree paths are
worked out in Python under a lock on the catalogue, and each page still gets what a published
page has — a revision that is live and latest, the "create" and "publish" log entries (the audit
of later visibility changes compares with that revision), its reference index rows and its
Wagtail search entry. No page signal is sent: for a page without owner, revision author or
workflow the receivers would notify nobody, so the only effect left is search, which hears
about every new page at once through `events.practices_imported` after the commit.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from practices.models import PracticePage, TaggedTargetGroup

from .parsing import ContentItem
from .practices import PracticeValues, PracticeWriter, unique_slug

BATCH = 500


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class BulkPracticeCreator:
    """Creates the new practices of one import as live pages under the catalogue."""

    def __init__(self, writer: PracticeWriter):
        self.writer = writer
        self.index = writer.index
        self.page_type = ContentType.objects.get_for_model(PracticePage)
        self.base_type = ContentType.objects.get_for_model(Page)
        self.through = {
            "themes": PracticePage.themes.through,
            "allowed": PracticePage.allowed_municipalities.through,
        }

    def create(self, items: list[ContentItem], progress=None) -> list[int]:
        """Create a live page per item; returns their ids. Call inside transaction.atomic."""
        if not items:
            return []
        prepared = [self.writer.prepare(item) for item in items]
        paths = self._reserve_paths(len(items))
        created: list[int] = []
        for chunk in _chunks(list(zip(items, prepared, paths, strict=True)), BATCH):
            pages = self._insert_pages(chunk)
            self._insert_relations(pages, [values for _item, values, _path in chunk])
            self._insert_revisions_and_logs(pages)
            self._insert_references(pages)
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(PracticePage, pages)
            created.extend(page.pk for page in pages)
            if progress is not None:
                progress(len(pages))
        return created

    def _reserve_paths(self, count: int) -> list[str]:
        # Locking the catalogue row keeps a concurrent add_child from taking the same paths.
        parent = Page.objects.select_for_update().get(pk=self.index.pk)
        last = parent.get_last_child()
        start = last._get_lastpos_in_path() + 1 if last is not None else 1
        depth = parent.depth + 1
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
        self.depth, self.parent_url_path = depth, parent.url_path
        return [Page._get_path(parent.path, depth, start + n) for n in range(count)]

    def _insert_pages(self, chunk) -> list[PracticePage]:
        now = timezone.now()
        pages = []
        for item, prepared, path in chunk:
            slug = unique_slug(item.title, self.writer.slugs)
            page = PracticePage(
                path=path,
                depth=self.depth,
                numchild=0,
                slug=slug,
                url_path=f"{self.parent_url_path}{slug}/",
                external_id=item.id,
                locale_id=self.index.locale_id,
                translation_key=uuid.uuid4(),
                content_type=self.page_type,
                owner=None,
                live=True,
                has_unpublished_changes=False,
                latest_revision_created_at=now,
                **prepared.values,
            )
            page.first_published_at = page.first_published_at or now
            page.last_published_at = page.last_published_at or page.first_published_at
            pages.append(page)
        parents = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(p, f.attname) for f in Page._meta.concrete_fields})
                for p in pages
            ]
        )
        ids = self._ids(parents, "path", Page.objects.all())
        for page in pages:
            page.pk = page.page_ptr_id = ids[page.path]
            page._state.adding = False
        # Django's bulk_create refuses multi-table children; the child table's own INSERT is
        # the same one it would run for a parent, so use it (one statement per batch).
        fields = PracticePage._meta.local_concrete_fields
        size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
        for batch in _chunks(pages, size):
            PracticePage._base_manager._insert(batch, fields=fields)
        return pages

    @staticmethod
    def _ids(objs, key: str, queryset) -> dict:
        if all(obj.pk is not None for obj in objs):
            return {getattr(obj, key): obj.pk for obj in objs}
        keys = [getattr(obj, key) for obj in objs]  # databases that return no ids on insert
        return dict(queryset.filter(**{f"{key}__in": keys}).values_list(key, "pk"))

    def _insert_relations(self, pages: list[PracticePage], prepared: list[PracticeValues]):
        themes, allowed, groups = [], [], []
        for page, values in zip(pages, prepared, strict=True):
            themes += [
                self.through["themes"](practicepage_id=page.pk, theme_id=t.pk)
                for t in values.themes
            ]
            allowed += [
                self.through["allowed"](practicepage_id=page.pk, municipality_id=m.pk)
                for m in values.allowed
            ]
            tagged = [TaggedTargetGroup(content_object=page, tag=g) for g in values.groups]
            groups += tagged
            # In memory too, so the revision and the reference index need no queries.
            page.themes = values.themes
            page.allowed_municipalities = values.allowed
            page.tagged_target_groups = tagged
            for relation in ("tagged_items", "partners", "attachments", "wagtail_admin_comments"):
                setattr(page, relation, [])
        self.through["themes"].objects.bulk_create(themes)
        self.through["allowed"].objects.bulk_create(allowed)
        TaggedTargetGroup.objects.bulk_create(groups)
        if groups and groups[0].pk is None:
            self._reload_tagged(pages)

    @staticmethod
    def _reload_tagged(pages):
        # Only on databases that return no ids on a bulk insert: the content paths need them.
        by_page: dict[int, list] = {page.pk: [] for page in pages}
        for tagged in TaggedTargetGroup.objects.filter(content_object_id__in=by_page):
            by_page[tagged.content_object_id].append(tagged)
        for page in pages:
            page.tagged_target_groups = by_page[page.pk]

    def _insert_revisions_and_logs(self, pages: list[PracticePage]):
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.page_type,
                    base_content_type=self.base_type,
                    object_id=str(page.pk),
                    created_at=page.latest_revision_created_at,
                    user=None,
                    object_str=page.title,
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )
        practice_revisions = Revision.objects.filter(content_type=self.page_type)
        ids = self._ids(revisions, "object_id", practice_revisions)
        for page in pages:
            page.latest_revision_id = page.live_revision_id = ids[str(page.pk)]
        # One UPDATE per batch (bulk_update would send a CASE with a parameter per page).
        revision = (
            practice_revisions.filter(object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("-pk")
            .values("pk")[:1]
        )
        Page.objects.filter(pk__in=[page.pk for page in pages]).update(
            latest_revision_id=Subquery(revision), live_revision_id=Subquery(revision)
        )
        entries = []
        for page in pages:
            for action, revision_id in (
                ("wagtail.create", None),
                ("wagtail.publish", page.latest_revision_id),
            ):
                entries.append(
                    PageLogEntry(
                        content_type=self.page_type,
                        label=page.get_admin_display_title(),
                        action=action,
                        data={},
                        timestamp=page.latest_revision_created_at,
                        user=None,
                        revision_id=revision_id,
                        content_changed=True,
                        page_id=page.pk,
                    )
                )
        PageLogEntry.objects.bulk_create(entries)

    def _insert_references(self, pages: list[PracticePage]):
        rows = []
        for page in pages:
            for to_type, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            ):
                rows.append(
                    ReferenceIndex(
                        content_type=self.page_type,
                        base_content_type=self.base_type,
                        object_id=str(page.pk),
                        to_content_type_id=to_type,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        ReferenceIndex.objects.bulk_create(rows)
