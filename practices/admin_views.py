"""The moderators' list of practices due for review (not reviewed for 18 months)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import render
from django.utils import timezone

from exchange.accounts.roles import is_moderator
from exchange.moderation.scopes import practices_in_scope_q, theme_scope

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
    if request.method == "POST":
        # One handler marks a practice reviewed, from this list or the moderation dashboard
        # (imported here: the dashboard imports this module for its queue).
        from exchange.moderation.dashboard_views import practice_review

        return practice_review(request)
    if not is_moderator(request.user):
        raise PermissionDenied
    # Theme moderators see, and may mark, only practices of their themes.
    due = practices_due_for_review().filter(practices_in_scope_q(theme_scope(request.user)))
    return render(request, "practices/admin/review_list.html", {"practices": due[:200]})
