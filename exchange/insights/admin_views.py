"""The moderators' network dashboard and its CSV downloads (in the Wagtail admin)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .dashboard import dashboard_build
from .exports import table_csv
from .periods import (
    DEFAULT_MONTHS,
    DEFAULT_SEARCH_DAYS,
    PERIOD_MONTHS,
    SEARCH_DAYS,
    parse_choice,
    period_make,
)
from .permissions import check_network_view_permission
from .selectors import network_overview
from .tables import export_table


def _windows(request) -> tuple[int, int]:
    months = parse_choice(request.GET.get("periode"), PERIOD_MONTHS, DEFAULT_MONTHS)
    days = parse_choice(request.GET.get("zoekperiode"), SEARCH_DAYS, DEFAULT_SEARCH_DAYS)
    return months, days


def network_dashboard(request):
    check_network_view_permission(request.user)
    months, days = _windows(request)
    overview = network_overview(period=period_make(months=months), search_days=days)
    return render(
        request,
        "insights/admin/network_dashboard.html",
        {
            "dashboard": dashboard_build(overview),
            "months": months,
            "days": days,
            "period_choices": PERIOD_MONTHS,
            "search_choices": SEARCH_DAYS,
        },
    )


def network_csv(request, table: str):
    check_network_view_permission(request.user)
    months, days = _windows(request)
    result = export_table(slug=table, months=months, days=days)
    if result is None:
        raise Http404
    response = HttpResponse(table_csv(result), content_type="text/csv; charset=utf-8")
    filename = f"netwerk-{result.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
