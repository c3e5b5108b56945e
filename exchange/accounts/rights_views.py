"""A member's data rights (AVG): see and download their data, delete their account."""

from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .selectors import member_data_export
from .services import account_delete as account_delete_service
from .services import check_account_delete_permission


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Uw huidige wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Ter bevestiging dat u het zelf bent."),
        error_messages={"required": gettext_lazy("Vul uw huidige wachtwoord in.")},
    )


# never_cache: personal data must not stay in any cache.
@never_cache
@require_http_methods(["GET", "HEAD"])
@login_required
def account_data_export(request):
    export = member_data_export(user=request.user)
    if request.GET.get("formaat") == "json":
        response = JsonResponse(
            export.as_json(),
            encoder=DjangoJSONEncoder,
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        filename = f"kennisnetwerk-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(request, "accounts/data_export.html", {"export": export})


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def account_delete(request):
    try:
        check_account_delete_permission(request.user)
    except PermissionDenied as denied:
        status = 403 if request.method == "POST" else 200
        return render(request, "accounts/account_delete.html", {"blocked": denied}, status=status)
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="reauthenticate", user=request.user):
            form.add_error(None, _("Te veel pogingen. Probeer het over een minuut opnieuw."))
        else:
            try:
                account_delete_service(user=request.user, password=form.cleaned_data["password"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                logout(request)
                messages.success(
                    request,
                    _(
                        "Uw account is verwijderd. Uw bijdragen blijven staan onder "
                        "'voormalig lid' van uw gemeente."
                    ),
                )
                return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})
