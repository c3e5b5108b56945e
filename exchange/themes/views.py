from django.shortcuts import get_object_or_404, render

from exchange.questions.selectors import theme_questions

from .models import Theme


def theme_list(request):
    themes = Theme.objects.select_related("parent").order_by("name")
    return render(request, "themes/theme_list.html", {"themes": themes})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme.objects.select_related("parent"), slug=slug)
    return render(
        request,
        "themes/theme_detail.html",
        {
            "theme": theme,
            "children": theme.children.all(),
            "questions": theme_questions(theme=theme, user=request.user),
        },
    )
