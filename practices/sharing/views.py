"""Pages of sharing a practice. Each view: fetch → check → validate → act → message → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.core.http import act
from practices.models import PracticePage
from practices.permissions import (
    check_practice_author_permission,
    check_practice_share_permission,
    user_municipality_id,
)

from . import selectors, services
from .selectors import DraftState
from .steps import FIRST, PREVIEW, STEPS, SUBMIT, neighbours, step_or_none

# Where each button of a step goes after saving.
ACTIONS = ("verder", "terug", "opslaan", "concepten")


@login_required
def share_start(request):
    """The first step of a new practice; saving it creates the draft."""
    try:
        check_practice_share_permission(request.user)
    except PermissionDenied as refusal:
        return _refused(request, refusal)
    draft = PracticePage(municipality_id=user_municipality_id(request.user))
    form = FIRST.form_class(request.POST or None, draft=draft, user=request.user)
    if request.method == "POST" and form.is_valid():
        page = act(
            request,
            lambda: services.practice_draft_create(user=request.user, form=form),
            form=form,
        )
        if page:
            messages.success(
                request,
                _("Uw concept is opgeslagen. U kunt altijd later verder via Mijn concepten."),
            )
            return redirect(_after_save(request, page, FIRST))
    return render(
        request,
        "practices/sharing/step.html",
        _step_context(request, page=None, draft=draft, step=FIRST, form=form),
        status=400 if form.is_bound and form.has_errors else 200,
    )


@login_required
def drafts(request):
    """Mijn concepten: the municipality's practices being written or changed."""
    try:
        check_practice_share_permission(request.user)
    except PermissionDenied as refusal:
        return _refused(request, refusal)
    return render(
        request,
        "practices/sharing/drafts.html",
        {"drafts": selectors.practice_drafts(user=request.user)},
    )


@login_required
def overview(request, page_id):
    """Where a practice stands: its state, the moderator's comment, the steps to edit."""
    page = _practice_for_author(request, page_id)
    if not isinstance(page, PracticePage):
        return page
    draft = services.practice_draft(page)
    return render(
        request,
        "practices/sharing/overview.html",
        {
            "page": page,
            "draft": draft,
            "state": selectors.practice_draft(page),
            "steps": _step_links(page, current=None),
            "missing": services.practice_missing(page, draft),
            "live_url": page.get_url(request) if page.live else "",
        },
    )


@login_required
def step(request, page_id, step):
    current = step_or_none(step)
    if current is None:
        raise Http404
    page = _practice_for_author(request, page_id)
    if not isinstance(page, PracticePage):
        return page
    if current is PREVIEW:
        return _preview(request, page)
    if current is SUBMIT:
        return _submit(request, page)
    draft = services.practice_draft(page)
    form = current.form_class(
        request.POST or None, request.FILES or None, draft=draft, user=request.user
    )
    if request.method == "POST":
        if _state(page).state == DraftState.IN_REVIEW:
            messages.error(request, _in_review_message())
            return redirect("practice_share_overview", page.pk)
        if form.is_valid():
            seen = request.POST.get("versie", "")
            saved = act(
                request,
                lambda: services.practice_draft_save(user=request.user, page=page, form=form),
                form=form,
            )
            if saved:
                _tell_about_colleagues(request, page, seen)
                messages.success(request, _("Opgeslagen: %(step)s.") % {"step": current.title})
                return redirect(_after_save(request, page, current))
    return render(
        request,
        "practices/sharing/step.html",
        _step_context(request, page=page, draft=draft, step=current, form=form),
        status=400 if form.is_bound and form.has_errors else 200,
    )


@login_required
@require_POST
def withdraw(request, page_id):
    page = _practice_for_author(request, page_id)
    if not isinstance(page, PracticePage):
        return page
    act(
        request,
        lambda: services.practice_withdraw(user=request.user, page=page),
        success=_("De inzending is teruggetrokken. U kunt de praktijk weer bewerken."),
    )
    return redirect("practice_share_overview", page.pk)


# -- the last two steps ----------------------------------------------------------------------


def _preview(request, page):
    """The practice page's own template with the latest revision, as Wagtail previews it."""
    draft = services.practice_draft(page)
    request.is_preview = True
    request.preview_mode = draft.default_preview_mode
    context = draft.get_context(request)
    context.update(_step_context(request, page=page, draft=draft, step=PREVIEW, form=None))
    return render(request, "practices/sharing/preview.html", context)


def _submit(request, page):
    draft = services.practice_draft(page)
    if request.method == "POST":
        done = act(request, lambda: services.practice_submit(user=request.user, page=page))
        if done:
            messages.success(
                request,
                _(
                    "Uw praktijk is ingediend. De moderatoren bekijken hem; u krijgt bericht "
                    "zodra hij is gepubliceerd of als er iets moet worden aangepast."
                ),
            )
            return redirect("practice_share_overview", page.pk)
        return redirect("practice_share_step", page.pk, SUBMIT.slug)
    context = _step_context(request, page=page, draft=draft, step=SUBMIT, form=None)
    context["missing"] = [
        (reverse("practice_share_step", args=[page.pk, slug]), text)
        for slug, text in services.practice_missing(page, draft)
    ]
    return render(request, "practices/sharing/submit.html", context)


# -- helpers ---------------------------------------------------------------------------------


def _practice_for_author(request, page_id):
    """The practice, or the answer to give: 404 for what the member may not even see."""
    page = get_object_or_404(
        PracticePage.objects.select_related("latest_revision__user", "municipality").defer(
            "latest_revision__content"
        ),
        pk=page_id,
    )
    try:
        check_practice_author_permission(request.user, page)
    except PermissionDenied as refusal:
        if page.live and page.is_visible_to(request.user):
            return _refused(request, refusal)
        raise Http404 from refusal
    return page


def _refused(request, refusal: PermissionDenied):
    return render(
        request,
        "practices/sharing/refused.html",
        {"reason": str(refusal) or _("U mag dit niet doen.")},
        status=403,
    )


def _state(page) -> selectors.PracticeDraft:
    if not hasattr(page, "_sharing_state"):
        page._sharing_state = selectors.practice_draft(page)
    return page._sharing_state


def _in_review_message() -> str:
    return _(
        "Deze praktijk wordt beoordeeld door de moderatoren. Trek de inzending terug als u nog "
        "iets wilt wijzigen."
    )


def _after_save(request, page, current) -> str:
    action = request.POST.get("actie", "verder")
    previous, following = neighbours(current)
    if action == "terug" and previous is not None:
        return reverse("practice_share_step", args=[page.pk, previous.slug])
    if action == "opslaan":
        return reverse("practice_share_step", args=[page.pk, current.slug])
    if action == "concepten":
        return reverse("practice_share_drafts")
    return reverse("practice_share_step", args=[page.pk, (following or current).slug])


def _tell_about_colleagues(request, page, seen: str) -> None:
    """Say so when a colleague saved this practice while the member had the step open."""
    latest = page.latest_revision
    if latest is None or str(latest.pk) == seen or latest.user_id in (None, request.user.pk):
        return
    messages.info(
        request,
        _(
            "%(name)s heeft deze praktijk intussen ook bewerkt. Uw stap is opgeslagen; wat "
            "uw collega in andere stappen deed, blijft staan."
        )
        % {"name": latest.user.get_full_name() or latest.user.email},
    )


def _step_links(page, current) -> list[dict]:
    return [
        {
            "step": step,
            "number": number,
            "url": reverse("practice_share_step", args=[page.pk, step.slug]) if page else "",
            "current": step is current,
        }
        for number, step in enumerate(STEPS, start=1)
    ]


def _step_context(request, *, page, draft, step, form) -> dict:
    previous, following = neighbours(step)
    state = _state(page) if page is not None else None
    return {
        "page": draft if step is PREVIEW else page,
        "practice": page,
        "draft": draft,
        "step": step,
        "step_number": STEPS.index(step) + 1,
        "step_count": len(STEPS),
        "steps": _step_links(page, current=step),
        "previous_step": previous,
        "next_step": following,
        "form": form,
        "state": state,
        "editable": state is None or state.state != DraftState.IN_REVIEW,
        "form_action": (
            reverse("practice_share_step", args=[page.pk, step.slug])
            if page
            else reverse("practice_share")
        ),
        "version": page.latest_revision_id if page else "",
    }
