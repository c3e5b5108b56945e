"""The moderators' list of practices due for review (not reviewed for 18 months)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from exchange.accounts.roles import is_moderator
from exchange.moderation.scopes import practices_in_scope_q, theme_scope
from exchange.moderation.services import practice_mark_reviewed

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
        try:
            practice_mark_reviewed(actor=request.user, practice=practice)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("'%(title)s' is als beoordeeld gemarkeerd.") % {"title": practice.title}
            )
        return redirect("practice_review_list")
    # Theme moderators see, and may mark, only practices of their themes.
    due = practices_due_for_review().filter(practices_in_scope_q(theme_scope(request.user)))
    return render(request, "practices/admin/review_list.html", {"practices": due[:200]})
