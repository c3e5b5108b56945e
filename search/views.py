"""The search page /zoeken/ and its autocomplete endpoint."""

from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET

from exchange.core.facets import PAGE_PARAM

from .params import SEARCH, SearchParams, clean_query
from .service import autocomplete_run, search_run


@require_GET
def search_page(request):
    chosen = SEARCH.read(request)
    if chosen.response:
        return chosen.response
    params = SearchParams(
        q=clean_query(request.GET.get("q")),
        filters=chosen.filters,
        sort=chosen.sort,
        page=chosen.page,
    )
    outcome = search_run(user=request.user, params=params)
    for result in outcome.results:
        # The API's ISO instant (UTC); the page shows the day in the site's time zone.
        result["published"] = parse_datetime(result["published_at"] or "")
    counts = {
        facet: [(row["value"], row["label"], row["count"]) for row in rows]
        for facet, rows in outcome.facets.items()
    }
    # The engine returns one page; a paginator over the total gives the page links.
    pages = Paginator(range(outcome.count), params.page_size).get_page(params.page)
    if outcome.count and pages.number < params.page:
        # A page past the last (an old link, a number typed): the last page, at its own
        # address, rather than "no results" under a count of them.
        query = request.GET.copy()
        query[PAGE_PARAM] = pages.number
        return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
    context = {"params": params, "outcome": outcome, "pages": pages, **chosen.context(counts)}
    return render(request, "search/search.html", context)


@require_GET
def suggestions(request):
    """Titles the visitor may see that start like the typed text (for the combobox)."""
    titles = autocomplete_run(user=request.user, text=request.GET.get("q", ""))
    return JsonResponse({"suggestions": titles})
