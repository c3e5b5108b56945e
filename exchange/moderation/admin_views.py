"""The moderators' queue of reported posts and their actions (in the Wagtail admin).

Every view follows the same order: fetch → check → validate → act (service) → message →
redirect. The services check the moderator role again, so the admin, API and commands agree.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.core.http import safe_next_url, show_refusal
from exchange.themes.scopes import theme_scope

from . import services
from .forms import BulkDismissForm, ModerationActionForm, RedactForm
from .permissions import check_moderate_permission
from .selectors import hidden_post_groups, open_report_count, open_report_groups, post_get

VIEWS = ("open", "verborgen")


def _check(request) -> None:
    check_moderate_permission(request.user)


def _post_or_404(kind: str, pk: int):
    post = post_get(kind=kind, pk=pk)
    if post is None:
        raise Http404
    return post


def _back(request) -> str:
    return safe_next_url(request, reverse("kn_reports:index"))


def report_queue(request):
    _check(request)
    view = request.GET.get("weergave", "open")
    if view not in VIEWS:
        view = "open"
    scope = theme_scope(request.user)
    groups = open_report_groups(scope=scope) if view == "open" else hidden_post_groups(scope=scope)
    return render(
        request,
        "moderation/admin/report_queue.html",
        {
            "groups": groups,
            "view": view,
            "open_count": open_report_count(scope=scope),
        },
    )


@require_POST
def report_action(request, kind: str, pk: int):
    _check(request)
    post = _post_or_404(kind, pk)
    form = ModerationActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ongeldige keuze."))
        return redirect(_back(request))
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"]
    actor = request.user
    try:
        if action == "dismiss":
            services.report_dismiss(actor=actor, post=post, note=reason)
            done = _("De meldingen zijn afgewezen.")
        elif action == "hide":
            services.post_hide(actor=actor, post=post, reason=reason)
            done = _("Het bericht is verborgen.")
        elif action == "restore":
            services.post_restore(actor=actor, post=post, reason=reason)
            done = _("Het bericht is weer zichtbaar.")
        elif action == "warn":
            services.author_warn(actor=actor, post=post, message=form.cleaned_data["message"])
            done = _("De auteur heeft uw bericht per e-mail ontvangen.")
        else:
            services.author_suspend(actor=actor, post=post, reason=reason)
            done = _("De auteur is geschorst.")
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, done)
    return redirect(_back(request))


def report_redact(request, kind: str, pk: int):
    _check(request)
    post = _post_or_404(kind, pk)
    check_moderate_permission(request.user, post)
    initial = {"body": post.body_markdown}
    if kind == "question":
        initial["title"] = post.title
    form = RedactForm(
        request.POST if request.method == "POST" else None, initial=initial, kind=kind
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.post_redact(
                actor=request.user,
                post=post,
                new_text=form.cleaned_data["body"],
                new_title=form.cleaned_data.get("title"),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("Het bericht is aangepast; de oude tekst is bewaard."))
            return redirect("kn_reports:index")
    return render(
        request,
        "moderation/admin/report_redact.html",
        {"form": form, "post": post, "kind": kind},
    )


@require_POST
def report_bulk_dismiss(request):
    _check(request)
    form = BulkDismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies minstens één bericht."))
        return redirect(_back(request))
    posts = [
        post for kind, pk in form.cleaned_data["posts"] if (post := post_get(kind=kind, pk=pk))
    ]
    try:
        count = services.report_dismiss_bulk(
            actor=request.user, posts=posts, note=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("De meldingen over %(count)d bericht(en) zijn afgewezen.") % {"count": count}
        )
    return redirect(_back(request))
