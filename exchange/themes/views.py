from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render

from .models import Theme


def theme_list(request):
    themes = Theme.objects.select_related("parent").order_by("name")
    return render(request, "themes/theme_list.html", {"themes": themes})


def redirect_old_theme_slugs(request, param: str, resolved) -> HttpResponsePermanentRedirect | None:
    """A list filtered on an old theme slug answers 301 with the current slugs, so its filter
    chips (which remove a value from the address) and bookmarks use the current ones."""
    given = {value.strip() for value in request.GET.getlist(param) if value.strip()}
    if given <= set(resolved):
        return None
    query = request.GET.copy()
    query.setlist(param, list(resolved))
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
