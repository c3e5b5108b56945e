"""When the catalogue's cached facet counts (selectors.FACET_CACHE) must be computed afresh.

Every change that can move a count or a label announces itself here: a live practice saved
(publishing saves it), unpublished, moved or deleted, a theme, target group or municipality
renamed or removed, and a bulk import (which bypasses the page signals and says so once,
practices.importing.events). The generation is bumped at once and again after the commit
(exchange.core.result_cache).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models.pages import COMMENTS_RELATION_NAME
from wagtail.signals import page_unpublished, post_page_move

from exchange.core.result_cache import changed
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme

from .importing.events import practices_imported_signal
from .models import PracticePage, TargetGroup
from .selectors import FACET_CACHE


def counts_changed(sender=None, **kwargs) -> None:
    changed(FACET_CACHE)


def on_page_event(sender=None, instance=None, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        changed(FACET_CACHE)


# What Wagtail writes when it keeps a new draft (Page.save_revision) or locks a page: nothing
# a count reads.
DRAFT_BOOKKEEPING = frozenset(
    {
        COMMENTS_RELATION_NAME,
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def on_practice_saved(sender=None, instance=None, update_fields=None, **kwargs) -> None:
    # Only a live practice is counted, and only a save beyond draft bookkeeping can move a
    # count: a draft (every step of sharing one, an edit not yet published) moves none.
    # Publishing saves the page; unpublishing has its own signal. Themes and target groups are
    # written in the same save and transaction, before the bump after the commit.
    if not instance.live:
        return
    if update_fields is not None and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    changed(FACET_CACHE)


def connect() -> None:
    post_save.connect(on_practice_saved, sender=PracticePage, dispatch_uid="practice-facets-save")
    post_delete.connect(counts_changed, sender=PracticePage, dispatch_uid="practice-facets-delete")
    for model in (Theme, TargetGroup, Municipality):  # their names are the facets' labels
        uid = f"practice-facets-{model._meta.label_lower}"
        post_save.connect(counts_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(counts_changed, sender=model, dispatch_uid=f"{uid}-delete")
    # Unpublishing saves through a queryset UPDATE; a move rewrites paths without save().
    page_unpublished.connect(on_page_event, dispatch_uid="practice-facets-unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="practice-facets-moved")
    practices_imported_signal.connect(counts_changed, dispatch_uid="practice-facets-imported")
