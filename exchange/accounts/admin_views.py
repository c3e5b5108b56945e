"""The moderators' screen for members awaiting approval (in the Wagtail admin)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.municipalities.models import Municipality

from .models import Profile
from .roles import is_moderator
from .services import member_approve, member_reject, member_restore, member_suspend


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


def _check(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def member_queue(request):
    _check(request)
    status = request.GET.get("status", Profile.Status.PENDING)
    if status not in Profile.Status.values:
        status = Profile.Status.PENDING
    profiles = (
        Profile.objects.filter(status=status)
        .select_related("user", "municipality", "status_changed_by")
        .order_by("created_at")[:200]
    )
    counts = {s: Profile.objects.filter(status=s).count() for s in Profile.Status.values}
    return render(
        request,
        "accounts/admin/member_queue.html",
        {
            "profiles": profiles,
            "status": status,
            "statuses": [(value, label, counts[value]) for value, label in Profile.Status.choices],
            "municipalities": Municipality.objects.active().only("code", "name"),
        },
    )


def member_decide(request, pk):
    _check(request)
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    if request.method != "POST":
        return redirect("member_queue")
    form = MemberDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ongeldige keuze."))
        return redirect("member_queue")
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
    return redirect(request.POST.get("next") or "member_queue")
