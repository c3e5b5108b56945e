"""When the catalogue's cached facet counts (selectors.FACET_CACHE) must be computed afresh.

Every change that can move a count or a label announces itself here: a practice saved,
published, unpublished, moved or deleted (Wagtail saves the page for each), a theme, target
group or municipality renamed or removed, and a bulk import (which bypasses the page signals
and says so once, practices.importing.events). The bump waits for the commit
(exchange.core.result_cache).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_unpublished, post_page_move

from exchange.core.result_cache import changed
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme

from .importing.events import practices_imported_signal
from .models import PracticePage, TaggedTargetGroup, TargetGroup
from .selectors import FACET_CACHE


def counts_changed(sender=None, **kwargs) -> None:
    changed(FACET_CACHE)


def on_page_event(sender=None, instance=None, **kwargs) -> None:
    if isinstance(instance, PracticePage):
        changed(FACET_CACHE)


def connect() -> None:
    for model in (PracticePage, Theme, TargetGroup, TaggedTargetGroup, Municipality):
        uid = f"practice-facets-{model._meta.label_lower}"
        post_save.connect(counts_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(counts_changed, sender=model, dispatch_uid=f"{uid}-delete")
    # Unpublishing saves through a queryset UPDATE; a move rewrites paths without save().
    page_unpublished.connect(on_page_event, dispatch_uid="practice-facets-unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="practice-facets-moved")
    practices_imported_signal.connect(counts_changed, dispatch_uid="practice-facets-imported")
