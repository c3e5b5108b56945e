"""Admin views of the practices app: the authors' tag autocomplete (see admin_access.py)."""

from django.http import JsonResponse
from taggit.models import Tag

from .admin_access import hidden_practice_ids
from .models import PracticeTag, TaggedTargetGroup, TargetGroup

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
