"""Wagtail's publication and workflow signals, turned into the practices app's events.

Wagtail e-mails the submitter of a workflow when it is approved or rejected, with a link into
the admin, where authors no longer go. The receivers below take the dispatch_uids Wagtail
registers those e-mails under (`wagtail.admin.signal_handlers`): this app is ready() before
`wagtail.admin`, and a signal keeps the first receiver of a dispatch_uid, so the authors hear
through `practices.events` (in-app and in our own e-mail) instead. Moderators still get
Wagtail's e-mail about a submission.
"""

from django.db import transaction
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, workflow_approved, workflow_rejected

from . import events
from .models import PracticePage

WAGTAIL_APPROVED_EMAIL = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_EMAIL = "workflow_state_rejected_email_notification"


def on_page_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, PracticePage):
        return
    page_id, revision_id = instance.pk, revision.pk if revision else None
    transaction.on_commit(
        lambda: events.practice_published(page_id=page_id, revision_id=revision_id)
    )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page_id = int(instance.object_id) if instance.object_id.isdigit() else None
    if page_id is None or not PracticePage.objects.filter(pk=page_id).exists():
        return
    rejected = (
        TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if rejected is None:
        return
    transaction.on_commit(
        lambda: events.practice_changes_requested(page_id=page_id, task_state_id=rejected)
    )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Publication is announced by `on_page_published`; this only keeps Wagtail's e-mail out."""


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="practices.page_published")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTED_EMAIL
    )
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid=WAGTAIL_APPROVED_EMAIL
    )
