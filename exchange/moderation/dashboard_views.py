"""The moderators' dashboard, its actions and the audit trail (in the Wagtail admin).

Views follow one order: fetch → check → validate → act (service) → message → redirect. The
services check the moderator's role and theme scope again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from exchange.core.http import safe_next_url, show_refusal
from exchange.core.roles import is_moderator
from exchange.questions.models import Question
from exchange.themes.scopes import theme_scope
from practices.models import PracticePage
from practices.scopes import practices_in_scope_q
from practices.selectors import practices_due_for_review

from . import audit, dashboard, services
from .forms import AuditFilterForm, PracticeReviewForm, RouteForm
from .permissions import check_moderate_permission

# Full lists of the sections that have no queue of their own elsewhere in the admin.
FULL_LISTS = {
    "onbeantwoord": ("unanswered", dashboard.unanswered_questions),
    "zoekopdrachten": ("searches", dashboard.zero_result_searches),
}
FULL_LIST_LIMIT = 200
AUDIT_PAGE_SIZE = 50


def _back(request) -> str:
    return safe_next_url(request, reverse("moderation_dashboard"))


def moderation_dashboard(request):
    check_moderate_permission(request.user)
    return render(
        request,
        "moderation/admin/dashboard.html",
        {
            "sections": dashboard.dashboard(request.user),
            "scoped": theme_scope(request.user) is not None,
        },
    )


def dashboard_full_list(request, section: str):
    check_moderate_permission(request.user)
    if section not in FULL_LISTS:
        raise Http404
    name, selector = FULL_LISTS[section]
    if name == "searches":
        found = selector(limit=FULL_LIST_LIMIT)
    else:
        found = selector(scope=theme_scope(request.user), limit=FULL_LIST_LIMIT)
    return render(
        request,
        "moderation/admin/dashboard_full_list.html",
        {"name": name, "section": found, "limit": FULL_LIST_LIMIT},
    )


@require_POST
def question_route(request, pk: int):
    question = get_object_or_404(Question.objects.prefetch_related("allowed_municipalities"), pk=pk)
    check_moderate_permission(request.user)
    form = RouteForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    try:
        count = services.question_route_to_experts(
            actor=request.user,
            question=question,
            experts=form.cleaned_data["experts"],
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "De vraag is naar %(count)d deskundige gestuurd.",
                "De vraag is naar %(count)d deskundigen gestuurd.",
                count,
            )
            % {"count": count},
        )
    return redirect(_back(request))


@require_POST
def practice_review(request):
    check_moderate_permission(request.user)
    form = PracticeReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een praktijk."))
        return redirect(_back(request))
    practice = get_object_or_404(PracticePage, pk=form.cleaned_data["practice"])
    try:
        services.practice_mark_reviewed(
            actor=request.user, practice=practice, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("'%(title)s' is als beoordeeld gemarkeerd.") % {"title": practice.title}
        )
    return redirect(_back(request))


def audit_log(request):
    check_moderate_permission(request.user)
    form = AuditFilterForm(
        request.GET or None,
        actions=audit.action_choices(),
        actors=audit.audit_actors(),
        object_types=audit.object_type_choices(),
    )
    page = rows = None
    if not request.GET or form.is_valid():
        cleaned = form.cleaned_data if request.GET else {}
        door = cleaned.get("door") or ""
        filters = audit.AuditFilters(
            action=cleaned.get("actie") or "",
            actor_id=int(door) if door.isdigit() else None,
            system_only=door == AuditFilterForm.SYSTEM,
            object_type=cleaned.get("soort") or "",
            since=cleaned.get("van"),
            until=cleaned.get("tot"),
            text=(cleaned.get("tekst") or "").strip(),
        )
        page = Paginator(audit.audit_entries(filters), AUDIT_PAGE_SIZE).get_page(
            request.GET.get("p")
        )
        rows = audit.audit_rows(page.object_list, user=request.user)
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "moderation/admin/audit_log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


def review_list(request):
    """The moderators' list of practices due for review (not reviewed for 18 months)."""
    if request.method == "POST":
        # One handler marks a practice reviewed, from this list or the moderation dashboard.
        return practice_review(request)
    if not is_moderator(request.user):
        raise PermissionDenied
    # Theme moderators see, and may mark, only practices of their themes.
    due = practices_due_for_review().filter(practices_in_scope_q(theme_scope(request.user)))
    return render(request, "practices/admin/review_list.html", {"practices": due[:200]})
