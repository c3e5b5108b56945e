"""The moderators' list of practices due for review (not reviewed for 18 months)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.accounts.roles import is_moderator

from .models import PracticePage
from .models.pages import REVIEW_AFTER


def practices_due_for_review():
    cutoff = timezone.localdate() - REVIEW_AFTER
    return (
        PracticePage.objects.live()
        .annotate(reviewed=Coalesce("last_reviewed_at", TruncDate("first_published_at")))
        .filter(Q(reviewed__lt=cutoff))
        .select_related("municipality")
        .order_by("reviewed")
    )


def review_list(request):
    if not is_moderator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        practice = get_object_or_404(PracticePage, pk=request.POST.get("practice"))
        practice.last_reviewed_at = timezone.localdate()
        PracticePage.objects.filter(pk=practice.pk).update(
            last_reviewed_at=practice.last_reviewed_at
        )
        log(practice, "kennisnetwerk.practice.reviewed", user=request.user)
        messages.success(
            request, _("'%(title)s' is als beoordeeld gemarkeerd.") % {"title": practice.title}
        )
        return redirect("practice_review_list")
    return render(
        request, "practices/admin/review_list.html", {"practices": practices_due_for_review()[:200]}
    )
