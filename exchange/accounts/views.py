from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.municipalities.models import PROVINCE_CHOICES, Municipality
from exchange.themes.models import Theme

from .decorators import verified_member_required
from .forms import ProfileForm
from .selectors import directory_profiles
from .services import profile_ensure, profile_update


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Naam of functie"), required=False, max_length=100)
    gemeente = forms.ChoiceField(label=gettext_lazy("Gemeente"), required=False)
    provincie = forms.ChoiceField(
        label=gettext_lazy("Provincie"),
        required=False,
        choices=[("", gettext_lazy("Alle provincies")), *PROVINCE_CHOICES],
    )
    thema = forms.ChoiceField(label=gettext_lazy("Expertise"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [
            ("", _("Alle gemeenten")),
            *Municipality.objects.active().values_list("code", "name"),
        ]
        self.fields["thema"].choices = [
            ("", _("Alle thema's")),
            *Theme.objects.values_list("slug", "name"),
        ]


@verified_member_required
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = directory_profiles(
        municipality_code=filters.get("gemeente", ""),
        province=filters.get("provincie", ""),
        theme_slug=filters.get("thema", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(profiles, 25).get_page(request.GET.get("pagina"))
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return render(
        request,
        "accounts/directory.html",
        {"form": form, "page": page, "querystring": querystring.urlencode()},
    )


@login_required
def profile_edit(request):
    profile = profile_ensure(user=request.user)
    initial = {"first_name": request.user.first_name, "last_name": request.user.last_name}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Uw profiel is opgeslagen."))
        return redirect("profile_edit")
    return render(request, "accounts/profile_edit.html", {"form": form, "profile": profile})
