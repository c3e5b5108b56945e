from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from exchange.accounts.models import Profile
from exchange.accounts.roles import is_verified_member
from exchange.accounts.selectors import directory_profiles
from exchange.questions.selectors import municipality_questions

from .models import PROVINCES, Municipality


def municipality_list(request):
    """All active municipalities grouped by province, with how many members each has."""
    municipalities = Municipality.objects.active().annotate(
        member_count=Count(
            "members",
            filter=Q(members__status=Profile.Status.VERIFIED, members__user__is_active=True),
        )
    )
    by_province = {province: [] for province in PROVINCES}
    for municipality in municipalities:
        by_province.setdefault(municipality.province, []).append(municipality)
    return render(
        request,
        "municipalities/municipality_list.html",
        {"by_province": by_province, "total": len(municipalities)},
    )


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    members = None
    if is_verified_member(request.user):
        members = directory_profiles(municipality_code=municipality.code)
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "municipality": municipality,
            "members": members,
            "domains": municipality.email_domains.all(),
            "questions": municipality_questions(municipality=municipality, user=request.user),
        },
    )
