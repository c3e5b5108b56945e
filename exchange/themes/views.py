from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render

from exchange.questions.selectors import theme_questions

from .models import Theme
from .selectors import theme_by_slug, theme_redirect_target


def theme_list(request):
    themes = Theme.objects.select_related("parent").order_by("name")
    return render(request, "themes/theme_list.html", {"themes": themes})


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
            "questions": theme_questions(theme=theme, user=request.user),
        },
    )


def redirect_old_theme_slugs(request, param: str, resolved) -> HttpResponsePermanentRedirect | None:
    """A list filtered on an old theme slug answers 301 with the current slugs, so its filter
    chips (which remove a value from the address) and bookmarks use the current ones."""
    given = {value.strip() for value in request.GET.getlist(param) if value.strip()}
    if given <= set(resolved):
        return None
    query = request.GET.copy()
    query.setlist(param, list(resolved))
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
