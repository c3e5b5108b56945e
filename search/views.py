"""The search page /zoeken/ and its autocomplete endpoint."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from exchange.themes.views import redirect_old_theme_slugs

from .params import FACETS, InvalidSearch, SearchParams, clean_query, params_from_querydict
from .service import autocomplete_run, search_run

FACET_TITLES = {
    "kind": "Soort",
    "theme": "Thema",
    "municipality": "Gemeente",
    "province": "Provincie",
    "target_group": "Doelgroep",
    "evidence_level": "Bewijskracht",
    "year": "Jaar",
}


@require_GET
def search_page(request):
    error = None
    try:
        params = params_from_querydict(request.GET)
    except InvalidSearch as exc:
        error = str(exc)
        params = SearchParams(q=clean_query(request.GET.get("q")))
    else:
        if moved := redirect_old_theme_slugs(request, "theme", params.selected("theme")):
            return moved
    outcome = search_run(user=request.user, params=params)
    selected = {name: {str(v) for v in params.selected(name)} for name in FACETS}
    facets = [
        {
            "name": name,
            "title": FACET_TITLES[name],
            "rows": [
                {**row, "checked": str(row["value"]) in selected[name]}
                for row in outcome.facets.get(name, [])
            ],
        }
        for name in FACETS
    ]
    chips = []
    for facet in facets:
        labels = {str(row["value"]): row["label"] for row in facet["rows"]}
        for value in params.selected(facet["name"]):
            remaining = request.GET.copy()
            remaining.setlist(
                facet["name"], [v for v in remaining.getlist(facet["name"]) if v != str(value)]
            )
            remaining.pop("page", None)
            chips.append({"label": labels.get(str(value), value), "query": remaining.urlencode()})
    pages = max(1, -(-outcome.count // params.page_size))
    base = request.GET.copy()
    base.pop("page", None)
    context = {
        "params": params,
        "outcome": outcome,
        "facets": facets,
        "chips": chips,
        "error": error,
        "page_query": base.urlencode(),
        "previous_page": params.page - 1 if params.page > 1 else None,
        "next_page": params.page + 1 if params.page < pages else None,
        "pages": pages,
    }
    return render(request, "search/search.html", context, status=400 if error else 200)


@require_GET
def suggestions(request):
    """Titles the visitor may see that start like the typed text (for the combobox)."""
    titles = autocomplete_run(user=request.user, text=request.GET.get("q", ""))
    return JsonResponse({"suggestions": titles})
