"""The code of conduct page: anyone may read it; signed-in members accept the current version."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from exchange.core.http import safe_next_url

from . import conduct
from .models import CodeOfConductAcceptance


class CodeOfConductForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    agree = forms.BooleanField(
        label=gettext_lazy("Ik heb de gedragscode gelezen en houd mij eraan."),
        error_messages={"required": gettext_lazy("Vink aan dat u akkoord gaat.")},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code_of_conduct(request):
    code = conduct.current_code()
    # The page to return to rides along in the query, also when the form is posted.
    next_url = safe_next_url(request, source=request.GET)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = CodeOfConductForm(request.POST or None, initial={"version": code and code.version})
    if request.method == "POST" and code is not None and form.is_valid():
        try:
            conduct.code_accept(user=request.user, version=form.cleaned_data["version"])
        except ValidationError as error:
            # A new version appeared while the member was reading: show that one.
            messages.error(request, " ".join(error.messages))
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            return redirect(request.path + query)
        conduct.remember_acceptance(request, code.pk)
        messages.success(
            request,
            _("Dank u. U heeft versie %(version)s van de gedragscode geaccepteerd.")
            % {"version": code.version},
        )
        return redirect(next_url or "/")
    accepted = None
    if code is not None and request.user.is_authenticated:
        accepted = CodeOfConductAcceptance.objects.filter(user=request.user, code=code).first()
    return render(
        request,
        "accounts/code_of_conduct.html",
        {"code": code, "form": form, "accepted": accepted, "next": next_url},
    )
