"""Background tasks (django-tasks) that keep the index in step with the database."""

import datetime
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from exchange.meetings.models import MeetingPage
from exchange.questions.models import Question
from practices.models import PracticePage

from . import sync

logger = logging.getLogger(__name__)
MAX_DELAY = datetime.timedelta(hours=1)


def _retry(task_obj, attempt: int, *args) -> None:
    """Re-enqueue with exponential back-off where the backend can defer (database backend).

    With the immediate backend the PendingIndexOperation row stays until the maintenance pass
    (sync.catch_up, run after requests and by workers) drains it.
    """
    if not default_task_backend.supports_defer:
        return
    delay = min(datetime.timedelta(seconds=10 * 2**attempt), MAX_DELAY)
    task_obj.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)


def _sync(task_obj, kind: str, pk: int, attempt: int) -> bool:
    if sync.sync_item(kind, pk):
        sync.drain(limit=sync.DRAIN_BATCH)  # the engine is back: catch up on what waited
        return True
    _retry(task_obj, attempt, kind, pk)
    return False


@task()
def index_object(kind: str, pk: int, attempt: int = 0) -> bool:
    """Index (or remove, if it should no longer be found) one practice or question."""
    return _sync(index_object, kind, pk, attempt)


@task()
def remove_object(kind: str, pk: int, attempt: int = 0) -> bool:
    """Remove an item; a sync reads the database afresh, so it removes what is gone."""
    return _sync(remove_object, kind, pk, attempt)


@task()
def reindex_related(model: str, pk: int) -> None:
    """A municipality or theme was renamed: re-index every item that shows its name."""

    field = {"municipality": "municipality", "theme": "themes"}[model]
    for kind, qs in (
        ("practice", PracticePage.objects),
        ("question", Question.objects),
        ("meeting", MeetingPage.objects),
    ):
        for item_pk in qs.filter(**{field: pk}).values_list("pk", flat=True).distinct():
            sync.sync_item(kind, item_pk)


@task()
def extract_attachment_text(document_id: int) -> None:
    """Extract a document's text once, then re-index the practices that attach it."""
    from .attachments import extract_and_store

    for practice_id in extract_and_store(document_id):
        sync.sync_item("practice", practice_id)


@task()
def update_synonyms() -> None:
    from .index import update_synonyms as apply

    apply()


@task()
def index_many(kind: str, pks: list[int]) -> bool:
    """Index a batch of new items at once (an import); what the engine missed is remembered."""
    if sync.sync_many(kind, pks):
        sync.drain(limit=sync.DRAIN_BATCH)  # the engine is back: catch up on what waited
        return True
    return False
