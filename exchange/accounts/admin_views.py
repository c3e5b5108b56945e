"""The moderators' screen for members awaiting approval (in the Wagtail admin).

Deciding on sign-ups is for moderators without a theme scope (see permissions.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from exchange.core.http import safe_next_url
from exchange.municipalities.models import Municipality

from .models import Profile
from .permissions import check_member_moderate_permission
from .selectors import pending_profiles
from .services import (
    member_approve,
    member_approve_bulk,
    member_reject,
    member_reject_bulk,
    member_restore,
    member_suspend,
)


class MemberDecisionForm(forms.Form):
    ACTIONS = [
        ("approve", gettext_lazy("Goedkeuren")),
        ("reject", gettext_lazy("Afwijzen")),
        ("suspend", gettext_lazy("Schorsen")),
        ("restore", gettext_lazy("Herstellen")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Gemeente"),
        queryset=Municipality.objects.active(),
        required=False,
        to_field_name="code",
    )
    reason = forms.CharField(label=gettext_lazy("Reden"), required=False, max_length=1000)


class MemberBulkForm(forms.Form):
    """Several pending members at once: approve them, or reject them with one reason."""

    ACTIONS = [
        ("approve", gettext_lazy("Goedkeuren")),
        ("reject", gettext_lazy("Afwijzen")),
    ]
    action = forms.ChoiceField(
        choices=ACTIONS, error_messages={"required": gettext_lazy("Kies goedkeuren of afwijzen.")}
    )
    profiles = forms.ModelMultipleChoiceField(
        queryset=Profile.objects.select_related("user"),
        error_messages={
            "required": gettext_lazy("Kies minstens één lid."),
            "invalid_choice": gettext_lazy("Een gekozen lid bestaat niet (meer)."),
            "invalid_pk_value": gettext_lazy("Een gekozen lid bestaat niet (meer)."),
            "invalid_list": gettext_lazy("Kies minstens één lid."),
        },
    )
    reason = forms.CharField(required=False, max_length=1000)


def _check(request):
    check_member_moderate_permission(request.user)


def _back(request) -> str:
    return safe_next_url(request, reverse("kn_members:index"))


# A tab of its own beside the statuses: sign-ups that have not confirmed their address yet.
UNCONFIRMED = "unconfirmed"


def _queue(status: str):
    if status == Profile.Status.PENDING:
        return pending_profiles(confirmed=True)
    if status == UNCONFIRMED:
        return pending_profiles(confirmed=False)
    return Profile.objects.filter(status=status)


def member_queue(request):
    _check(request)
    status = request.GET.get("status", Profile.Status.PENDING)
    if status not in (*Profile.Status.values, UNCONFIRMED):
        status = Profile.Status.PENDING
    profiles = (
        _queue(status)
        .select_related("user", "municipality", "status_changed_by")
        .order_by("created_at")[:200]
    )
    tabs = [*Profile.Status.choices]
    tabs.insert(1, (UNCONFIRMED, _("e-mailadres nog niet bevestigd")))
    return render(
        request,
        "accounts/admin/member_queue.html",
        {
            "profiles": profiles,
            "status": status,
            "statuses": [(value, label, _queue(value).count()) for value, label in tabs],
            "municipalities": Municipality.objects.active().only("code", "name"),
        },
    )


def member_decide(request, pk):
    _check(request)
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    if request.method != "POST":
        return redirect("kn_members:index")
    form = MemberDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ongeldige keuze."))
        return redirect("kn_members:index")
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"]
    try:
        if action == "approve":
            member_approve(
                actor=request.user, profile=profile, municipality=form.cleaned_data["municipality"]
            )
            messages.success(request, _("%(name)s is goedgekeurd.") % {"name": profile.user})
        elif action == "reject":
            member_reject(actor=request.user, profile=profile, reason=reason)
            messages.success(request, _("%(name)s is afgewezen.") % {"name": profile.user})
        elif action == "suspend":
            member_suspend(actor=request.user, profile=profile, reason=reason)
            messages.success(request, _("%(name)s is geschorst.") % {"name": profile.user})
        else:
            member_restore(actor=request.user, profile=profile)
            messages.success(request, _("%(name)s is hersteld.") % {"name": profile.user})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_back(request))


@require_POST
def member_bulk_decide(request):
    _check(request)
    form = MemberBulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_back(request))
    profiles = form.cleaned_data["profiles"]
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["action"] == "approve":
            count = member_approve_bulk(actor=request.user, profiles=profiles, reason=reason)
            done = ngettext("%(count)d lid goedgekeurd.", "%(count)d leden goedgekeurd.", count)
        else:
            count = member_reject_bulk(actor=request.user, profiles=profiles, reason=reason)
            done = ngettext("%(count)d lid afgewezen.", "%(count)d leden afgewezen.", count)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", None) or [str(error)]:
            messages.error(request, message)
    else:
        messages.success(request, done % {"count": count})
    return redirect(_back(request))
