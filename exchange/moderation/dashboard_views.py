"""The moderators' dashboard, its actions and the review list (in the Wagtail admin).

Views follow one order: fetch → check → validate → act (service) → message → redirect. The
services check the moderator's role and theme scope again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports.base import PageReportView

from exchange.core.http import safe_next_url, show_refusal
from exchange.core.roles import is_moderator
from exchange.core.spreadsheets import SafeCSVExportMixin
from exchange.questions.models import Question
from exchange.themes.scopes import theme_scope
from practices.models import PracticePage
from practices.scopes import practices_in_scope_q
from practices.selectors import practices_due_for_review

from . import dashboard, services
from .forms import PracticeReviewForm, RouteForm
from .permissions import check_moderate_permission

# Full lists of the sections that have no queue of their own elsewhere in the admin.
FULL_LISTS = {
    "onbeantwoord": ("unanswered", dashboard.unanswered_questions),
    "zoekopdrachten": ("searches", dashboard.zero_result_searches),
}
FULL_LIST_LIMIT = 200


def _back(request) -> str:
    return safe_next_url(request, reverse("kn_moderation:dashboard"))


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


class PracticeReviewListView(SafeCSVExportMixin, PageReportView):
    """Practices due for review (not reviewed for 18 months), oldest first, 50 a page.

    Theme moderators see, and may mark, only practices of their themes.
    """

    page_title = gettext_lazy("Te beoordelen praktijken")
    header_icon = "time"
    results_template_name = "practices/admin/review_list_results.html"
    index_url_name = "kn_practice_review:index"
    list_export = ["title", "municipality", "reviewed"]
    export_headings = {
        "title": gettext_lazy("Praktijk"),
        "municipality": gettext_lazy("Gemeente"),
        "reviewed": gettext_lazy("Laatst beoordeeld"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        scope = theme_scope(self.request.user)
        return practices_due_for_review().filter(practices_in_scope_q(scope))

    def post(self, request, *args, **kwargs):
        # One handler marks a practice reviewed, from this list or the moderation dashboard.
        return practice_review(request)
