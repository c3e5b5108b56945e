"""Pages that gather several kinds of content: a theme's page, the municipalities' pages and
a member's own start page."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from exchange.accounts.decorators import verified_member_required
from exchange.accounts.models import Profile
from exchange.accounts.selectors import directory_profiles
from exchange.core.roles import is_verified_member
from exchange.meetings.selectors import upcoming_meetings
from exchange.municipalities.models import PROVINCES, Municipality
from exchange.questions.selectors import municipality_questions, theme_questions
from exchange.themes.selectors import theme_by_slug, theme_redirect_target
from practices.permissions import user_municipality_id
from practices.selectors import municipality_practices, theme_practices

from .selectors import may_share, member_start


def theme_detail(request, slug):
    theme = theme_by_slug(slug)
    if theme is None:
        # A renamed or merged theme's old address keeps working (and search engines learn).
        moved_to = theme_redirect_target(slug)
        if moved_to is None:
            raise Http404
        return redirect(moved_to, permanent=True)
    return render(
        request,
        "themes/theme_detail.html",
        {
            "theme": theme,
            "children": theme.children.all(),
            "practices": theme_practices(theme=theme, user=request.user),
            "questions": theme_questions(theme=theme, user=request.user),
            "meetings": upcoming_meetings(user=request.user, theme=theme),
        },
    )


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
            "practices": municipality_practices(municipality=municipality, user=request.user),
            "questions": municipality_questions(municipality=municipality, user=request.user),
            "meetings": upcoming_meetings(user=request.user, municipality=municipality),
            # Authors share practices on behalf of their own municipality (practices/sharing).
            "can_share": user_municipality_id(request.user) == municipality.pk
            and may_share(request.user),
        },
    )


@verified_member_required
def member_start_page(request):
    """A member's own start page (/mijn-kennisnetwerk/), where login leads."""
    return render(request, "home/member_start.html", member_start(user=request.user))
