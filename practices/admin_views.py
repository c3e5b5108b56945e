"""The moderators' list of practices due for review (not reviewed for 18 months)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from taggit.models import Tag

from exchange.accounts.roles import is_moderator
from exchange.moderation.scopes import practices_in_scope_q, theme_scope

from .admin_access import hidden_practice_ids
from .models import PracticePage, PracticeTag, TaggedTargetGroup, TargetGroup
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


TAG_AUTOCOMPLETE_LIMIT = 10


def author_tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete for authors: only tags of practices they may read or edit."""
    through = {
        (None, None): (Tag, PracticeTag),
        ("practices", "targetgroup"): (TargetGroup, TaggedTargetGroup),
    }.get((app_name, model_name))
    term = request.GET.get("term", "")
    if through is None or not term:
        return JsonResponse([], safe=False)
    tag_model, tagged = through
    used = tagged.objects.exclude(content_object_id__in=hidden_practice_ids(request.user))
    names = (
        tag_model.objects.filter(name__istartswith=term, pk__in=used.values("tag_id"))
        .order_by("name")
        .values_list("name", flat=True)[:TAG_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
