from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import PreferenceForm
from .models import EmailType, NotificationPreference
from .tokens import unsubscribe_token_read

PAGE_SIZE = 25


@login_required
def notification_list(request):
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, pk):
    """Follow a notification to its question or answer, marking it read on the way."""
    notification = get_object_or_404(selectors.notification_list(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect(notification.get_absolute_url())


@login_required
@require_POST
def notification_mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alle notificaties zijn gemarkeerd als gelezen."))
    return redirect("notification_list")


@login_required
def notification_settings(request):
    preference = services.notification_preference_get(user=request.user)
    form = PreferenceForm(request.POST or None, preference=preference)
    if request.method == "POST" and form.is_valid():
        services.notification_preference_update(user=request.user, rhythms=form.cleaned_data)
        messages.success(request, _("Uw e-mailvoorkeuren zijn opgeslagen."))
        return redirect("notification_settings")
    return render(request, "notifications/settings.html", {"form": form})


# The signed token is the authorisation: mail clients POST here without a session or CSRF
# token (RFC 8058 one-click). GET only shows a button, so link scanners change nothing.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def notification_unsubscribe(request, token):
    try:
        unsub = unsubscribe_token_read(token)
        user = get_user_model().objects.get(pk=unsub.user_id, is_active=True)
    except (signing.BadSignature, get_user_model().DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        switched_off = services.notification_unsubscribe(
            user=user, email_type=unsub.email_type, rhythm=unsub.digest_rhythm
        )
        return render(
            request,
            "notifications/unsubscribe_done.html",
            {"labels": [EmailType(t).label for t in switched_off]},
        )
    return render(
        request,
        "notifications/unsubscribe_confirm.html",
        {"labels": _labels(user, unsub), "digest_rhythm": unsub.digest_rhythm},
    )


def _labels(user, unsub) -> list[str]:
    """The e-mail types the button would switch off, for the confirmation page."""
    if unsub.digest_rhythm is None:
        return [EmailType(unsub.email_type).label]
    # A read without get_or_create: showing the page must not write anything.
    preference = NotificationPreference.objects.filter(user=user).first()
    preference = preference or NotificationPreference()
    return [t.label for t in EmailType if getattr(preference, t.value) == unsub.digest_rhythm]
