from django.shortcuts import render

from .models import Theme


def theme_list(request):
    themes = Theme.objects.select_related("parent").order_by("name")
    return render(request, "themes/theme_list.html", {"themes": themes})
