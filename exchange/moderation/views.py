"""The members' side of moderation: reporting a question or answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import ReportForm
from .permissions import check_report_permission
from .selectors import has_open_report, post_get, post_is_visible_to, post_url_for


@login_required
def report_create(request, kind: str, pk: int):
    post = post_get(kind=kind, pk=pk)
    if post is None or not post_is_visible_to(request.user, post):
        raise Http404
    back = post_url_for(request.user, post)
    try:
        check_report_permission(request.user, post)
    except PermissionDenied as error:
        messages.error(request, str(error) or _("U mag dit bericht niet melden."))
        return redirect(back)
    if has_open_report(reporter=request.user, post=post):
        messages.info(request, _("U heeft dit bericht al gemeld. Een moderator bekijkt het."))
        return redirect(back)

    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                reporter=request.user,
                **{kind: post},
                reason=form.cleaned_data["reason"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "already_reported":
                messages.info(request, error.messages[0])
                return redirect(back)
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request,
                _("Bedankt voor uw melding. Een moderator bekijkt het bericht zo snel mogelijk."),
            )
            # The report may just have hidden the post; send the member where they can look.
            return redirect(post_url_for(request.user, post))
    return render(
        request,
        "moderation/report_form.html",
        {"form": form, "post": post, "kind": kind, "back": back},
    )
