"""Writes of sharing a practice: drafts as PracticePage revisions, submission into the workflow.

Every step saves a new revision of a page that is not live (or, for a published practice,
has unpublished changes), in one transaction with the page row locked, so two colleagues
saving at once each keep their step and nothing is half-saved. Submitting starts the page's
Wagtail workflow, the same one the admin uses, so moderators keep a single queue.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, WorkflowState

from exchange.core.privacy_check import record_override
from practices.importing.practices import unique_slug
from practices.models import PracticeAttachment, PracticePage, TargetGroup
from practices.permissions import (
    check_practice_author_permission,
    check_practice_share_permission,
    user_municipality_id,
)
from practices.services import practice_index_ensure

from .forms import AttachmentsForm, TitleForm, missing_for_submission


def practice_draft(page: PracticePage) -> PracticePage:
    """The practice as its latest revision has it (what the form shows and saves onto), with
    its target groups' tags and attachments' documents loaded in one query each."""
    draft = page.get_latest_revision_as_object()
    tagged = list(draft.tagged_target_groups.all())
    tags = TargetGroup.objects.in_bulk({item.tag_id for item in tagged})
    for item in tagged:
        item.tag = tags.get(item.tag_id)
    attachments = list(draft.attachments.all())
    documents = get_document_model().objects.in_bulk({a.document_id for a in attachments})
    for attachment in attachments:
        attachment.document = documents.get(attachment.document_id)
    return draft


@transaction.atomic
def practice_draft_create(*, user, form: TitleForm) -> PracticePage:
    """A new, unpublished practice of the member's municipality from the first step."""
    check_practice_share_permission(user)
    index = practice_index_ensure()
    if index is None:
        raise ValidationError(_("De praktijkencatalogus bestaat nog niet."))
    taken = set(index.get_children().values_list("slug", flat=True))
    page = PracticePage(
        slug=unique_slug(form.cleaned_data["title"], taken),
        municipality_id=user_municipality_id(user),
        owner=user,
        live=False,
        has_unpublished_changes=True,
    )
    form.apply(page)
    index.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    log(page, "wagtail.create", user=user, revision=revision)
    record_override(page, user=user, findings=form.privacy_override)
    return page


@transaction.atomic
def practice_draft_save(*, user, page: PracticePage, form) -> PracticePage:
    """Save one step: its fields onto the latest revision, as a new revision.

    Returns the saved draft. A practice under review is not changed (the moderators judge
    what was submitted); the member withdraws it first. The form's draft is used when no
    colleague saved a revision since it was loaded; otherwise the newer one is.
    """
    loaded = form.draft
    page = PracticePage.objects.select_for_update().get(pk=page.pk)
    check_practice_author_permission(user, page)
    check_practice_editable(page)
    same = loaded.pk == page.pk and loaded.latest_revision_id == page.latest_revision_id
    draft = loaded if same else practice_draft(page)
    form.apply(draft)
    if isinstance(form, AttachmentsForm):
        _attachments_apply(draft, form, user=user)
    _slug_follows_title(page, draft)
    try:
        draft.save_revision(user=user, log_action=True, previous_revision=page.latest_revision)
    except ValidationError as error:
        # A rule of the page model (not of the step): said on the step, nothing is saved.
        raise ValidationError(error.messages) from error
    record_override(page, user=user, findings=form.privacy_override)
    return draft


def practice_missing(page: PracticePage, draft: PracticePage) -> list[tuple[str, str]]:
    """What a practice still needs before submission; one published before (perhaps
    imported) was judged complete then."""
    return [] if page.live else missing_for_submission(draft)


def check_practice_editable(page: PracticePage) -> None:
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(
            _(
                "Deze praktijk wordt beoordeeld door de moderatoren. Trek de inzending terug "
                "als u nog iets wilt wijzigen."
            )
        )


@transaction.atomic
def practice_submit(*, user, page: PracticePage) -> WorkflowState:
    """Send the latest revision to the moderators (again, after they asked for changes)."""
    page = PracticePage.objects.select_for_update().get(pk=page.pk)
    check_practice_author_permission(user, page)
    check_practice_editable(page)
    if page.live and not page.has_unpublished_changes:
        raise ValidationError(_("Er zijn geen wijzigingen om in te dienen."))
    missing = practice_missing(page, practice_draft(page))
    if missing:
        raise ValidationError(
            _("Vul eerst nog in: %(missing)s.") % {"missing": ", ".join(m for _s, m in missing)}
        )
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)  # Wagtail's "resubmit": the same task, the latest revision
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise ValidationError(
            _(
                "Er is geen beoordeling ingesteld voor praktijken. Neem contact op met de "
                "beheerders."
            )
        )
    return workflow.start(page, user)


@transaction.atomic
def practice_withdraw(*, user, page: PracticePage) -> None:
    """Take a submission back from the moderators' queue, to change it."""
    page = PracticePage.objects.select_for_update().get(pk=page.pk)
    check_practice_author_permission(user, page)
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(_("Deze praktijk wacht niet op beoordeling."))
    state.cancel(user=user)


def _slug_follows_title(page: PracticePage, draft: PracticePage) -> None:
    """Until its first publication a practice's address follows its title, unique among its
    siblings; after that the address stays, so links keep working."""
    if page.first_published_at is not None or page.live:
        return
    parent = page.get_parent()
    taken = set(parent.get_children().exclude(pk=page.pk).values_list("slug", flat=True))
    slug = unique_slug(draft.title, taken)
    if slug == page.slug:
        return
    url_path = f"{parent.url_path}{slug}/"
    PracticePage.objects.filter(pk=page.pk).update(slug=slug, url_path=url_path)
    page.slug = draft.slug = slug
    page.url_path = draft.url_path = url_path


def _attachments_apply(draft: PracticePage, form: AttachmentsForm, *, user) -> None:
    """Titles, visibility and removals of the attachments there are, and the new upload."""
    rows = {row.cleaned_data.get("document"): row.cleaned_data for row in form.rows.forms}
    kept = []
    for attachment in draft.attachments.all():
        row = rows.get(attachment.document_id)
        if row is not None:  # an attachment a colleague added meanwhile has no row: it stays
            if row.get("remove"):
                continue
            attachment.title = row["title"]
            attachment.visibility = row.get("visibility") or ""
        kept.append(attachment)
    file = form.cleaned_data.get("file")
    if file:
        document = _document_create(user=user, file=file, title=form.cleaned_data["title"])
        kept.append(
            PracticeAttachment(
                document=document,
                title="",
                visibility=form.cleaned_data.get("visibility") or "",
            )
        )
    draft.attachments = kept


def _document_create(*, user, file, title: str):
    """A Wagtail document uploaded by the member (the form checked type and size)."""
    Document = get_document_model()
    document = Document(
        title=title.strip() or file.name,
        uploaded_by_user=user,
        collection=Collection.get_first_root_node(),
    )
    document.file = file
    document._set_document_file_metadata()
    document.full_clean()
    document.save()
    return document
