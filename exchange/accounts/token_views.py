"""A member's own API tokens: list, create (the token is shown once), revoke."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import APIToken

from . import tokens
from .decorators import verified_member_required


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=tokens.NAME_MAX_LENGTH,
        help_text=gettext_lazy(
            "Waarvoor gebruikt u dit token? Bijvoorbeeld: 'dashboard afdeling veiligheid'."
        ),
    )


# never_cache: the page that shows a new token must not be kept by any cache.
@never_cache
@require_http_methods(["GET", "POST"])
@verified_member_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    created = raw_token = None
    if request.method == "POST" and form.is_valid():
        try:
            created, raw_token = tokens.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name" if hasattr(error, "error_dict") else None, error)
        else:
            # Shown in this response only: after a redirect the token would be gone.
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "tokens": tokens.api_tokens_of(user=request.user),
            "created": created,
            "raw_token": raw_token,
        },
    )


@require_POST
@verified_member_required
def api_token_revoke(request, pk: int):
    try:
        token = tokens.api_token_revoke(user=request.user, token_id=pk)
    except APIToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Het token '%(name)s' is ingetrokken.") % {"name": token.name})
    return redirect("api_tokens")
