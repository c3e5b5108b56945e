from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .emails import DIGEST_TYPES, read_unsubscribe_token
from .models import NotificationPreference, Rhythm
from .selectors import visible_notifications
from .services import notifications_mark_read, preferences_for


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [
            "new_answer",
            "answer_accepted",
            "followed_question",
            "followed_theme",
            "followed_municipality",
        ]
        widgets = dict.fromkeys(fields, forms.RadioSelect)


@login_required
def notification_list(request):
    page = Paginator(visible_notifications(user=request.user), 30).get_page(
        request.GET.get("pagina")
    )
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_POST
def notification_mark_all_read(request):
    count = notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)s meldingen gemarkeerd als gelezen.") % {"count": count})
    return redirect("notification_list")


@login_required
def notification_settings(request):
    form = PreferenceForm(request.POST or None, instance=preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw e-mailvoorkeuren zijn opgeslagen."))
        return redirect("notification_settings")
    return render(request, "notifications/settings.html", {"form": form})


# The token is the authorisation, so mail clients can POST without a session (RFC 8058).
@csrf_exempt
def notification_unsubscribe(request, token):
    try:
        user_id, field = read_unsubscribe_token(token)
        user = get_user_model().objects.get(pk=user_id)
    except (signing.BadSignature, get_user_model().DoesNotExist):
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    preference = preferences_for(user)
    fields = _fields_for(preference, field)
    labels = [NotificationPreference._meta.get_field(f).verbose_name for f in fields]
    if request.method == "POST":
        for name in fields:
            setattr(preference, name, Rhythm.OFF)
        preference.save(update_fields=fields or None)
        return render(request, "notifications/unsubscribe_done.html", {"labels": labels})
    return render(
        request, "notifications/unsubscribe_confirm.html", {"labels": labels, "token": token}
    )


def _fields_for(preference, field: str) -> list[str]:
    if field in DIGEST_TYPES:
        rhythm = field.split(":", 1)[1]
        return [f for f in PreferenceForm.Meta.fields if getattr(preference, f) == rhythm]
    return [field]
