"""Pages under /lokaal-netwerk/. Each view: fetch → check → validate → act → message → redirect.

A register is private: anyone who may not see it gets a 404 for its entries, so their
existence does not leak. Key figures' personal details are shown only after an explicit
"toon gegevens" (a POST, logged) and only to the municipality's own members.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from exchange.accounts.decorators import verified_member_required
from exchange.core.http import act
from exchange.municipalities.models import Municipality

from . import overview as overview_module
from . import selectors, services
from .forms import ImportForm, KeyFigureForm, OrganisationForm, RegisterFilterForm
from .importing import ImportRefused, organisations_import
from .models import KeyFigure, Organisation
from .permissions import (
    NO_MUNICIPALITY,
    check_audit_permission,
    check_network_permission,
    is_full_moderator,
    may_edit_register,
    may_view_register,
    own_municipality_id,
)

READ_ONLY = gettext_lazy(
    "U kunt dit register lezen, maar alleen geverifieerde leden van de gemeente werken het bij."
)
LOG_PAGE_SIZE = 50
WORKS_WITH_PAGE_SIZE = 50


def _refused(request, reason, *, status=403):
    return render(request, "partners/refused.html", {"reason": str(reason)}, status=status)


def member_page(view):
    """Verified members only; a refusal (PermissionDenied) is a page that says why, in Dutch."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return _refused(request, str(refusal) or READ_ONLY)

    return verified_member_required(wrapper)


def _own_municipality(request):
    municipality_id = own_municipality_id(request.user)
    if municipality_id is None:
        return None
    return Municipality.objects.get(pk=municipality_id)


def _organisation_or_404(request, pk) -> Organisation:
    organisation = selectors.organisation_detail(pk=pk)
    if organisation is None or not may_view_register(request.user, organisation.municipality_id):
        raise Http404
    return organisation


def _editable_organisation(request, pk) -> Organisation:
    organisation = _organisation_or_404(request, pk)
    if not may_edit_register(request.user, organisation.municipality_id):
        raise PermissionDenied
    return organisation


def _key_figure_or_404(request, pk, *, edit=True) -> KeyFigure:
    key_figure = selectors.key_figure_of(pk=pk)
    if key_figure is None or not may_view_register(request.user, key_figure.municipality_id):
        raise Http404
    if edit and not may_edit_register(request.user, key_figure.municipality_id):
        raise PermissionDenied
    return key_figure


@member_page
def register(request):
    """The municipality's register; moderators choose one with ?gemeente=GM0363."""
    code = request.GET.get("gemeente", "").strip().upper()
    if code:
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None or not may_view_register(request.user, municipality.pk):
            raise Http404
    else:
        municipality = _own_municipality(request)
        if municipality is None:
            if is_full_moderator(request.user):
                return render(
                    request,
                    "partners/choose.html",
                    {"municipalities": list(selectors.municipalities_with_registers())},
                )
            return _refused(request, NO_MUNICIPALITY)
    filters = RegisterFilterForm(request.GET or None)
    kind = theme = None
    if filters.is_valid():
        kind, theme = filters.cleaned_data["soort"], filters.cleaned_data["thema"]
    today = timezone.localdate()
    return render(
        request,
        "partners/register.html",
        {
            "municipality": municipality,
            "filters": filters,
            "filtered": bool(kind or theme),
            "organisations": list(
                selectors.register_organisations(
                    municipality_id=municipality.pk, kind=kind, theme=theme
                )
            ),
            "key_figures": list(selectors.register_key_figures(municipality_id=municipality.pk)),
            "due": selectors.due_for_check(municipality_id=municipality.pk, today=today),
            "may_edit": may_edit_register(request.user, municipality.pk),
            "moderator": is_full_moderator(request.user),
            "check_cutoff": selectors.check_cutoff(today),
        },
    )


@member_page
def organisation_detail(request, pk):
    organisation = _organisation_or_404(request, pk)
    return render(
        request,
        "partners/organisation.html",
        {
            "organisation": organisation,
            "may_edit": may_edit_register(request.user, organisation.municipality_id),
            "due": organisation.last_checked_on < selectors.check_cutoff(timezone.localdate()),
        },
    )


def _organisation_form(request, *, organisation: Organisation | None):
    municipality = organisation.municipality if organisation else _own_municipality(request)
    if municipality is None:
        return _refused(request, NO_MUNICIPALITY)
    instance = organisation or Organisation(municipality=municipality)
    form = OrganisationForm(request.POST or None, instance=instance, municipality=municipality)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            saved = act(
                request,
                lambda: services.organisation_save(
                    user=request.user,
                    organisation=form.instance,
                    themes=form.cleaned_data["themes"],
                    practices=form.cleaned_data.get("practices", []),
                    privacy_override=form.privacy_override,
                ),
                form=form,
                success=_("De organisatie is opgeslagen."),
            )
            if saved:
                return redirect(form.instance)
        status = 400
    return render(
        request,
        "partners/organisation_form.html",
        {"form": form, "organisation": organisation, "municipality": municipality},
        status=status,
    )


@member_page
def organisation_create(request):
    return _organisation_form(request, organisation=None)


@member_page
def organisation_edit(request, pk):
    return _organisation_form(request, organisation=_editable_organisation(request, pk))


@member_page
def organisation_delete(request, pk):
    organisation = _editable_organisation(request, pk)
    if request.method == "POST":
        if act(
            request,
            lambda: services.organisation_delete(user=request.user, organisation=organisation),
            success=_("De organisatie is uit het register verwijderd."),
        ):
            return redirect("partners_register")
        return redirect(organisation)
    return render(
        request,
        "partners/confirm.html",
        {
            "object": organisation,
            "back": organisation.get_absolute_url(),
            "heading": _("Organisatie verwijderen"),
            "question": _(
                "Weet u zeker dat u %(name)s uit het register wilt verwijderen? De "
                "sleutelfiguren bij deze organisatie gaan mee, met hun gegevens."
            )
            % {"name": organisation.name},
            "button": _("Verwijderen"),
        },
    )


@require_POST
@member_page
def organisation_checked(request, pk):
    organisation = _editable_organisation(request, pk)
    act(
        request,
        lambda: services.organisation_mark_checked(user=request.user, organisation=organisation),
        success=_("Gemarkeerd als gecontroleerd, met de sleutelfiguren erbij."),
    )
    if request.POST.get("terug") == "register":
        return redirect("partners_register")
    return redirect(organisation)


def _key_figure_form(request, *, key_figure: KeyFigure):
    preselected = None
    wanted = request.GET.get("organisatie", "")
    # Only a plain number that fits the database's ids ("²" is a digit too, to Python).
    if key_figure.pk is None and wanted.isascii() and wanted.isdigit() and len(wanted) < 10:
        preselected = Organisation.objects.filter(
            pk=int(wanted), municipality=key_figure.municipality
        ).first()
    initial = {"organisation": preselected} if preselected else {}
    form = KeyFigureForm(
        request.POST or None,
        instance=key_figure,
        initial=initial,
        municipality=key_figure.municipality,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            method = form.cleaned_data["consent_method"]
            consent = (
                services.Consent(method=method, note=form.cleaned_data["consent_note"])
                if method
                else None
            )
            saved = act(
                request,
                lambda: services.key_figure_save(
                    user=request.user,
                    key_figure=form.instance,
                    consent=consent,
                    privacy_override=form.privacy_override,
                ),
                form=form,
                success=_("De sleutelfiguur is opgeslagen."),
            )
            if saved:
                return redirect(form.instance.get_absolute_url())
        status = 400
    return render(
        request,
        "partners/key_figure_form.html",
        {"form": form, "key_figure": key_figure, "municipality": key_figure.municipality},
        status=status,
    )


@member_page
def key_figure_create(request):
    municipality = _own_municipality(request)
    if municipality is None:
        return _refused(request, NO_MUNICIPALITY)
    return _key_figure_form(request, key_figure=KeyFigure(municipality=municipality))


@member_page
def key_figure_edit(request, pk):
    """The form shows the details it edits, so opening it is a view of them: logged."""
    key_figure = _key_figure_or_404(request, pk)
    if request.method == "GET":
        services.key_figure_show_details(user=request.user, key_figure=key_figure)
    return _key_figure_form(request, key_figure=key_figure)


@member_page
def key_figure_details(request, pk):
    """POST "toon gegevens": the details, shown on this answer only and logged. A GET (a
    stray link) goes back to where the key figure is listed."""
    key_figure = _key_figure_or_404(request, pk, edit=False)
    if request.method != "POST":
        return redirect(key_figure.get_absolute_url())
    try:
        services.key_figure_show_details(user=request.user, key_figure=key_figure)
    except PermissionDenied as refusal:
        return _refused(request, refusal)
    response = render(request, "partners/key_figure_details.html", {"key_figure": key_figure})
    response["Cache-Control"] = "no-store"
    return response


@member_page
def key_figure_withdraw(request, pk):
    key_figure = _key_figure_or_404(request, pk)
    if request.method == "POST":
        act(
            request,
            lambda: services.key_figure_withdraw_consent(user=request.user, key_figure=key_figure),
            success=_("De toestemming is ingetrokken; naam en contactgegevens zijn gewist."),
        )
        return redirect(key_figure.get_absolute_url())
    return render(
        request,
        "partners/confirm.html",
        {
            "object": key_figure,
            "back": key_figure.get_absolute_url(),
            "heading": _("Toestemming intrekken"),
            "question": _(
                "De sleutelfiguur (%(role)s) trekt de toestemming in. Naam, e-mailadres en "
                "telefoonnummer worden direct gewist; de rol blijft in het register."
            )
            % {"role": key_figure.role},
            "button": _("Toestemming intrekken en gegevens wissen"),
        },
    )


@member_page
def key_figure_delete(request, pk):
    key_figure = _key_figure_or_404(request, pk)
    back = key_figure.get_absolute_url()
    if request.method == "POST":
        act(
            request,
            lambda: services.key_figure_delete(user=request.user, key_figure=key_figure),
            success=_("De sleutelfiguur is verwijderd."),
        )
        return redirect(back if key_figure.organisation_id else reverse("partners_register"))
    return render(
        request,
        "partners/confirm.html",
        {
            "object": key_figure,
            "back": back,
            "heading": _("Sleutelfiguur verwijderen"),
            "question": _("Weet u zeker dat u %(role)s uit het register wilt verwijderen?")
            % {"role": key_figure.role},
            "button": _("Verwijderen"),
        },
    )


@require_POST
@member_page
def key_figure_checked(request, pk):
    key_figure = _key_figure_or_404(request, pk)
    act(
        request,
        lambda: services.key_figure_mark_checked(user=request.user, key_figure=key_figure),
        success=_("Gemarkeerd als gecontroleerd."),
    )
    return redirect("partners_register")


@member_page
def register_import(request):
    municipality = _own_municipality(request)
    if municipality is None:
        return _refused(request, NO_MUNICIPALITY)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = organisations_import(
                    user=request.user, municipality=municipality, text=form.cleaned_data["bestand"]
                )
            except ImportRefused as refused:
                errors = refused.errors
            else:
                messages.success(
                    request,
                    _("%(count)s organisaties geïmporteerd.") % {"count": count},
                )
                return redirect("partners_register")
        status = 400
    return render(
        request,
        "partners/import.html",
        {"form": form, "errors": errors, "municipality": municipality},
        status=status,
    )


@member_page
def network_overview(request):
    check_network_permission(request.user)
    return render(
        request,
        "partners/overview.html",
        {"overview": overview_module.network_overview(user=request.user)},
    )


@member_page
def who_works_with(request):
    """Verified members: which municipalities share entries of a kind on a theme."""
    check_network_permission(request.user)
    filters = RegisterFilterForm(request.GET or None)
    rows, asked = [], False
    if filters.is_valid() and (filters.cleaned_data["soort"] or filters.cleaned_data["thema"]):
        asked = True
        rows = selectors.who_works_with(
            kind=filters.cleaned_data["soort"], theme=filters.cleaned_data["thema"]
        )
    page = Paginator(rows, WORKS_WITH_PAGE_SIZE).get_page(request.GET.get("pagina"))
    contactable = selectors.contactable_municipality_ids(
        viewer=request.user, municipality_ids=[row.municipality.pk for row in page]
    )
    for row in page:
        if row.municipality.pk in contactable:
            row.contact_url = reverse("contact_municipality", args=[row.municipality.slug])
    return render(
        request,
        "partners/who_works_with.html",
        {"filters": filters, "page": page, "asked": asked, "total": len(rows)},
    )


@member_page
def audit_log(request):
    """Moderators: who saw or changed key figures' personal details, and when."""
    try:
        check_audit_permission(request.user)
    except PermissionDenied:
        raise Http404 from None
    code = request.GET.get("gemeente", "").strip().upper()
    municipality = Municipality.objects.filter(code=code).first() if code else None
    page = Paginator(selectors.key_figure_log(municipality=municipality), LOG_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "partners/audit_log.html", {"page": page, "municipality": municipality})
