"""Read paths for sharing: the drafts a member may work on, and the state each one is in."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from exchange.core.roles import is_verified_member
from practices.models import PracticePage
from practices.permissions import user_municipality_id


class DraftState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    PUBLISHED = "published"


STATE_LABELS = {
    DraftState.DRAFT: _("concept"),
    DraftState.IN_REVIEW: _("in beoordeling"),
    DraftState.CHANGES_REQUESTED: _("wijzigingen gevraagd"),
    DraftState.PUBLISHED: _("gepubliceerd"),
}


@dataclass(frozen=True)
class PracticeDraft:
    """A practice as its authors see it on the site: draft title, last edit, workflow state."""

    page_id: int
    title: str
    live: bool
    edited_by: object  # the user who saved the latest revision, or None
    edited_at: datetime.datetime | None
    state: DraftState
    comment: str  # the moderator's comment when changes were requested

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def url(self) -> str:
        return reverse("practice_share_overview", args=[self.page_id])


def practice_drafts(*, user) -> list[PracticeDraft]:
    """Practices of the member's municipality that are not published or have unpublished changes.

    Newest edit first. Three queries whatever the number of drafts.
    """
    municipality_id = user_municipality_id(user) if is_verified_member(user) else None
    if municipality_id is None:
        return []
    pages = list(
        PracticePage.objects.filter(municipality_id=municipality_id)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .select_related("latest_revision__user")
        .defer("latest_revision__content")
        .order_by("-latest_revision_created_at", "-pk")
    )
    states = workflow_states_for(pages)
    return [_draft(page, *states.get(page.pk, (None, ""))) for page in pages]


def practice_draft(page: PracticePage) -> PracticeDraft:
    """One practice's state as its authors see it."""
    return _draft(page, *workflow_states_for([page]).get(page.pk, (None, "")))


def workflow_states_for(pages) -> dict[int, tuple[str, str]]:
    """page id → (workflow status, moderator's comment) of each page's current workflow."""
    if not pages:
        return {}
    current = WorkflowState.objects.active().filter(
        base_content_type=_page_content_type_id(), object_id__in=[str(p.pk) for p in pages]
    )
    by_state_id = {state.pk: (int(state.object_id), state.status) for state in current}
    comments = {}
    rejected = (
        TaskState.objects.filter(
            workflow_state_id__in=list(by_state_id), status=TaskState.STATUS_REJECTED
        )
        .order_by("finished_at", "pk")
        .values_list("workflow_state_id", "comment")
    )
    for state_id, comment in rejected:
        comments[state_id] = comment or ""
    return {
        page_id: (status, comments.get(state_id, ""))
        for state_id, (page_id, status) in by_state_id.items()
    }


def _page_content_type_id() -> int:
    return ContentType.objects.get_for_model(Page).pk


def _draft(page: PracticePage, workflow_status: str | None, comment: str) -> PracticeDraft:
    if workflow_status == WorkflowState.STATUS_IN_PROGRESS:
        state = DraftState.IN_REVIEW
    elif workflow_status == WorkflowState.STATUS_NEEDS_CHANGES:
        state = DraftState.CHANGES_REQUESTED
    elif page.live and not page.has_unpublished_changes:
        state = DraftState.PUBLISHED
    else:
        state = DraftState.DRAFT
    revision = page.latest_revision
    return PracticeDraft(
        page_id=page.pk,
        title=page.draft_title or page.title,
        live=page.live,
        edited_by=revision.user if revision else None,
        edited_at=revision.created_at if revision else page.latest_revision_created_at,
        state=state,
        comment=comment if state == DraftState.CHANGES_REQUESTED else "",
    )


def practice_author_ids(*, page: PracticePage, revision_id: int | None = None) -> set[int]:
    """Who wrote this version of the practice: its owner, whoever saved the revision and whoever
    submitted it last (three queries). They hear when it is published or sent back."""
    ids = {page.owner_id}
    if revision_id is not None:
        ids.add(Revision.objects.filter(pk=revision_id).values_list("user_id", flat=True).first())
    ids.add(
        WorkflowState.objects.filter(
            base_content_type=_page_content_type_id(), object_id=str(page.pk)
        )
        .order_by("-created_at", "-pk")
        .values_list("requested_by_id", flat=True)
        .first()
    )
    ids.discard(None)
    return ids


def practice_publisher_id(*, page: PracticePage, revision_id: int | None) -> int | None:
    """Who published this revision (Wagtail's log entry), to leave them out of the news."""
    entries = PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish")
    if revision_id is not None:
        entries = entries.filter(revision_id=revision_id)
    return entries.order_by("-timestamp", "-pk").values_list("user_id", flat=True).first()
