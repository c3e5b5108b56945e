"""Read paths for members: the directory ("wie kan ik bellen?") and a member's own data."""

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from exchange.core import personal_data
from exchange.themes.models import Theme

from .models import Profile


def pending_profiles(*, confirmed: bool = True) -> QuerySet[Profile]:
    """Sign-ups waiting for a moderator (`confirmed`), or still for their own e-mail link.

    Only a confirmed address is worth a moderator's time: until then the sign-up may be a typo,
    a bot or someone using another person's address.
    """
    has_confirmed = Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True))
    pending = Profile.objects.filter(status=Profile.Status.PENDING)
    return pending.filter(has_confirmed) if confirmed else pending.exclude(has_confirmed)


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


# -- a member's own data (AVG: right of access) -----------------------------------------------


def member_data_export(*, user) -> personal_data.MemberExport:
    """Everything the network keeps about `user`: each app's sections, as plain data for the
    JSON download and as rows for the page (see `<app>/personal_data.py`).

    One query per kind of data whatever its amount. Titles of questions the member answered,
    voted on or followed are included only while the member may still see the question.
    Token secrets are never stored, so never exported; only the tokens' names and dates.
    """
    return personal_data.export(user=user)
