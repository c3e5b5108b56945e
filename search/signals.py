"""Signal receivers: every change that affects what search shows enqueues a sync on commit."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from exchange.accounts.events import member_anonymised_signal
from exchange.meetings.models import MeetingPage
from exchange.municipalities.models import Municipality
from exchange.questions.events import content_changed_signal
from exchange.questions.models import Answer, Question
from exchange.themes import events as theme_events
from exchange.themes.models import Theme
from practices.importing import events as import_events
from practices.models import PracticePage, TargetGroup

from .documents import MEETING, PRACTICE, QUESTION
from .sync import enqueue_sync, remember

logger = logging.getLogger(__name__)
IMPORT_TASK_SIZE = 1000


def _on_commit(task_obj, *args) -> None:
    def send():
        try:
            task_obj.enqueue(*args)
        except Exception:  # the queue being down must not break the save
            logger.exception("Could not enqueue %s%r", task_obj.name, args)

    transaction.on_commit(send)


def practice_changed(sender, instance, **kwargs):
    enqueue_sync(PRACTICE, instance.pk)


def practice_published(sender, instance, **kwargs):
    from .models import AttachmentText
    from .tasks import extract_attachment_text

    enqueue_sync(PRACTICE, instance.pk)
    known = dict(AttachmentText.objects.values_list("document_id", "file_name"))
    for attachment in instance.attachments.select_related("document"):
        if known.get(attachment.document_id) != attachment.document.file.name:
            _on_commit(extract_attachment_text, attachment.document_id)


def practices_imported(sender, page_ids, **kwargs):
    """An import wrote many pages without page signals (sent after its commit): one task per
    thousand pages indexes them in bulk."""
    from .tasks import index_many

    for start in range(0, len(page_ids), IMPORT_TASK_SIZE):
        chunk = list(page_ids[start : start + IMPORT_TASK_SIZE])
        try:
            index_many.enqueue(PRACTICE, chunk)
        except Exception:  # the queue being down must not lose them: the drain retries
            logger.exception("Could not enqueue search sync for %d imported pages", len(chunk))
            for pk in chunk:
                remember(PRACTICE, pk, action="index", error="enqueue failed")


def meeting_changed(sender, instance, **kwargs):
    # Published, unpublished, deleted, or saved on the site (a cancellation, the report).
    enqueue_sync(MEETING, instance.pk)


def question_content_changed(sender, question_id, **kwargs):
    enqueue_sync(QUESTION, question_id)


def question_saved(sender, instance, **kwargs):
    enqueue_sync(QUESTION, instance.pk)


def answer_saved(sender, instance, **kwargs):
    enqueue_sync(QUESTION, instance.question_id)


def vocabulary_saved(sender, instance, created=False, **kwargs):
    from .tasks import reindex_related, update_synonyms

    model = "theme" if sender._meta.model_name == "theme" else "municipality"
    if not created:
        _on_commit(reindex_related, model, instance.pk)
    if model == "theme":
        _on_commit(update_synonyms)


def content_retagged(sender, practice_ids, question_ids, **kwargs):
    for pk in practice_ids:
        enqueue_sync(PRACTICE, pk)
    for pk in question_ids:
        enqueue_sync(QUESTION, pk)


def member_anonymised(sender, user_id, **kwargs):
    """Re-index every question the member asked or answered, so no document keeps a trace."""

    question_ids = set(Question.objects.filter(author_id=user_id).values_list("pk", flat=True))
    question_ids |= set(
        Answer.objects.filter(author_id=user_id).values_list("question_id", flat=True)
    )
    for pk in sorted(question_ids):
        enqueue_sync(QUESTION, pk)


def synonyms_changed(sender=None, **kwargs):
    from .tasks import update_synonyms

    _on_commit(update_synonyms)


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished

    from .labels import forget_labels
    from .models import SearchSynonym

    page_published.connect(practice_published, sender=PracticePage, dispatch_uid="search-pub")
    import_events.practices_imported_signal.connect(
        practices_imported, dispatch_uid="search-practices-imported"
    )
    page_unpublished.connect(practice_changed, sender=PracticePage, dispatch_uid="search-unpub")
    post_delete.connect(practice_changed, sender=PracticePage, dispatch_uid="search-pdel")
    for signal, uid in (
        (page_published, "pub"),
        (page_unpublished, "unpub"),
        (post_save, "save"),
        (post_delete, "del"),
    ):
        signal.connect(meeting_changed, sender=MeetingPage, dispatch_uid=f"search-meeting-{uid}")
    content_changed_signal.connect(question_content_changed, dispatch_uid="search-qchanged")
    post_save.connect(question_saved, sender=Question, dispatch_uid="search-qsave")
    post_delete.connect(question_saved, sender=Question, dispatch_uid="search-qdel")
    post_save.connect(answer_saved, sender=Answer, dispatch_uid="search-asave")
    post_delete.connect(answer_saved, sender=Answer, dispatch_uid="search-adel")
    for model in (Theme, Municipality):
        post_save.connect(vocabulary_saved, sender=model, dispatch_uid=f"search-{model.__name__}")
    for model in (Theme, Municipality, TargetGroup):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_labels, sender=model, dispatch_uid=f"search-labels-{model.__name__}"
            )
    theme_events.content_retagged_signal.connect(content_retagged, dispatch_uid="search-retag")
    theme_events.synonyms_changed_signal.connect(synonyms_changed, dispatch_uid="search-themesyn")
    member_anonymised_signal.connect(member_anonymised, dispatch_uid="search-member-anonymised")
    post_save.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="search-syn-save")
    post_delete.connect(synonyms_changed, sender=SearchSynonym, dispatch_uid="search-syn-del")
