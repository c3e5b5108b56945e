"""Read paths for members: the directory ("wie kan ik bellen?")."""

from django.db.models import Prefetch, Q, QuerySet

from exchange.themes.models import Theme

from .models import Profile


def directory_profiles(
    *,
    municipality_code: str = "",
    province: str = "",
    theme_slug: str = "",
    query: str = "",
) -> QuerySet[Profile]:
    """Verified, active members, with everything a directory row shows fetched up front."""
    profiles = (
        Profile.objects.filter(status=Profile.Status.VERIFIED, user__is_active=True)
        .select_related("user", "municipality")
        .prefetch_related(
            Prefetch("expertise_themes", queryset=Theme.objects.only("id", "name", "slug"))
        )
        .order_by("user__last_name", "user__first_name", "pk")
    )
    if municipality_code:
        profiles = profiles.filter(municipality__code=municipality_code)
    if province:
        profiles = profiles.filter(municipality__province=province)
    if theme_slug:
        profiles = profiles.filter(expertise_themes__slug=theme_slug)
    for word in query.split()[:5]:
        profiles = profiles.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(organisation__icontains=word)
        )
    return profiles
