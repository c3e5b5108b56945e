"""Theme curation in the Wagtail admin: merging a theme or tag into another theme.

fetch → check → validate → act (service) → message → redirect. The first POST shows what the
merge would touch; only the confirmed second POST changes anything.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from exchange.core.http import show_refusal

from . import services
from .forms import MergeForm
from .selectors import tag_merge_impact, theme_merge_impact


def theme_merge(request):
    try:
        services.check_theme_curate_permission(request.user)
    except PermissionDenied as error:
        # Wagtail would only say "no permission"; a theme moderator should learn why.
        show_refusal(request, error)
        return redirect(reverse("wagtailsnippets_themes_theme:list"))
    if request.method != "POST":
        form = MergeForm(initial={"source": request.GET.get("bron", "")})
        return render(request, "themes/admin/merge.html", {"form": form})
    form = MergeForm(request.POST)
    if not form.is_valid():
        return render(request, "themes/admin/merge.html", {"form": form})
    kind, source = form.cleaned_data["source_object"]
    target = form.cleaned_data["target"]
    if request.POST.get("bevestigd") != "1":
        impact = theme_merge_impact(source) if kind == "theme" else tag_merge_impact(kind, source)
        return render(
            request,
            "themes/admin/merge_confirm.html",
            {"form": form, "kind": kind, "source": source, "target": target, "impact": impact},
        )
    reason = form.cleaned_data["reason"]
    try:
        if kind == "theme":
            services.theme_merge(source=source, target=target, actor=request.user, reason=reason)
        else:
            services.tag_merge(
                kind=kind, tag_pk=source.pk, target=target, actor=request.user, reason=reason
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return render(request, "themes/admin/merge.html", {"form": form})
    messages.success(
        request,
        _("‘%(source)s’ is samengevoegd met het thema ‘%(target)s’.")
        % {"source": source.name, "target": target.name},
    )
    return redirect(reverse("wagtailsnippets_themes_theme:list"))
