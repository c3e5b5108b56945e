"""Pages under /inventarisaties/. Each view: fetch → check → validate → act → message → redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from exchange.accounts.decorators import verified_member_required
from exchange.core.http import act
from exchange.core.small_groups import minimum as small_groups_minimum
from exchange.core.small_groups import sees_everything
from exchange.municipalities.size_classes import size_class

from . import matching, selectors, services
from . import results as results_module
from .exports import results_csv
from .forms import SectionForm
from .models import Questionnaire
from .permissions import check_results_permission, respondent_for
from .presentation import own_comparison, question_charts


def _refused(request, questionnaire, refusal, *, status=403):
    return render(
        request,
        "inventories/refused.html",
        {"questionnaire": questionnaire, "reason": str(refusal)},
        status=status,
    )


@verified_member_required
def inventory_list(request):
    return render(
        request,
        "inventories/list.html",
        {
            "questionnaires": selectors.questionnaire_list(),
            "moderator": sees_everything(request.user),
        },
    )


@verified_member_required
def inventory_detail(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    sections = selectors.sections_of(questionnaire)
    try:
        response = selectors.own_response(request.user, questionnaire)
        may_answer = True
    except PermissionDenied as refusal:
        response, may_answer, refusal_text = None, False, str(refusal)
    else:
        refusal_text = ""
    return render(
        request,
        "inventories/detail.html",
        {
            "questionnaire": questionnaire,
            "sections": sections,
            "response": response,
            "may_answer": may_answer,
            "refusal": refusal_text,
            "is_open": questionnaire.is_open(),
            "is_closed": questionnaire.is_closed(),
            "moderator": sees_everything(request.user),
            "history": selectors.response_history(response, limit=10),
        },
    )


@verified_member_required
def inventory_section(request, slug, number):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    sections = selectors.sections_of(questionnaire)
    if not 1 <= number <= len(sections):
        raise Http404
    section = sections[number - 1]
    try:
        respondent_for(request.user, questionnaire)
    except PermissionDenied as refusal:
        return _refused(request, questionnaire, refusal)
    response = selectors.own_response(request.user, questionnaire)
    form = SectionForm(
        request.POST or None,
        questions=section.questions,
        initial_values=selectors.answers_by_question(response),
    )
    status = 200
    if request.method == "POST":
        if not questionnaire.is_open():
            messages.error(
                request, _("Deze vragenlijst is gesloten; uw antwoorden zijn niet opgeslagen.")
            )
            return redirect(questionnaire.get_absolute_url())
        if form.is_valid():
            saved = act(
                request,
                lambda: services.response_save_answers(
                    user=request.user,
                    questionnaire=questionnaire,
                    values=form.values(),
                    privacy_override=form.privacy_override,
                ),
                form=form,
            )
            if saved:
                messages.success(request, _("Uw antwoorden zijn opgeslagen."))
                return redirect(_after_save(request, questionnaire, number, len(sections)))
        status = 400
    return render(
        request,
        "inventories/section.html",
        {
            "questionnaire": questionnaire,
            "sections": sections,
            "section": section,
            "form": form,
            "response": response,
            "is_open": questionnaire.is_open(),
            "previous": number - 1 if number > 1 else None,
        },
        status=status,
    )


def _after_save(request, questionnaire, number, count):
    action = request.POST.get("actie", "verder")
    if action == "terug" and number > 1:
        return f"{questionnaire.get_absolute_url()}deel/{number - 1}/"
    if action == "later":
        return questionnaire.get_absolute_url()
    if number < count:
        return f"{questionnaire.get_absolute_url()}deel/{number + 1}/"
    return f"{questionnaire.get_absolute_url()}indienen/"


@verified_member_required
def inventory_submit(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    try:
        respondent_for(request.user, questionnaire)
    except PermissionDenied as refusal:
        return _refused(request, questionnaire, refusal)
    sections = selectors.sections_of(questionnaire)
    if request.method == "POST" and act(
        request,
        lambda: services.response_submit(user=request.user, questionnaire=questionnaire),
        success=_(
            "Ingediend. Dank u wel! Hieronder ziet u uw antwoorden naast die van het netwerk."
        ),
    ):
        return redirect(f"{questionnaire.get_absolute_url()}mijn-resultaten/")
    response = selectors.own_response(request.user, questionnaire)
    answers = selectors.answers_by_question(response)
    questions = [q for section in sections for q in section.questions]
    return render(
        request,
        "inventories/submit.html",
        {
            "questionnaire": questionnaire,
            "sections": sections,
            "answers": answers,
            "response": response,
            "missing": services.response_missing(response, questions),
            "is_open": questionnaire.is_open(),
        },
    )


@verified_member_required
def inventory_own_results(request, slug):
    """The municipality's own answers beside the network's: nation, province, size class."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    found = _submitted(
        request,
        questionnaire,
        _("Na het indienen ziet u hier uw antwoorden naast die van het netwerk."),
    )
    if not isinstance(found, tuple):
        return found
    respondent, response = found
    municipality = respondent["municipality"]
    keys = [results_module.NATIONAL]
    if municipality is not None:
        keys.append(results_module.province_key(municipality.province))
        if (size := size_class(municipality.population)) is not None:
            keys.append(results_module.size_key(size))
    # The network's figures are protected even for a moderator answering for a municipality:
    # this page shows what the municipality may see.
    results = results_module.questionnaire_results(
        questionnaire, full=False, group_keys=keys, growing=questionnaire.is_open()
    )
    return render(
        request,
        "inventories/own_results.html",
        {
            "questionnaire": questionnaire,
            "response": response,
            "municipality": municipality,
            "rows": own_comparison(results, selectors.answers_by_question(response)),
            "results": results,
        },
    )


@verified_member_required
def inventory_results(request, slug):
    """Moderators: everything, any time. Members: the protected figures of a closed round."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    try:
        check_results_permission(request.user, questionnaire)
    except PermissionDenied as refusal:
        return _refused(request, questionnaire, refusal)
    moderator = sees_everything(request.user)
    previous = questionnaire.previous_round
    results = results_module.questionnaire_results(
        questionnaire,
        full=moderator,
        other_rounds=[previous] if previous and (moderator or previous.is_closed()) else [],
    )
    return render(
        request,
        "inventories/results.html",
        {
            "questionnaire": questionnaire,
            "results": results,
            "charts": question_charts(results),
            "moderator": moderator,
            "rates": results_module.response_rates(questionnaire) if moderator else [],
            "previous": previous,
        },
    )


@verified_member_required
def inventory_results_csv(request, slug):
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    try:
        check_results_permission(request.user, questionnaire)
    except PermissionDenied:
        raise Http404 from None
    results = results_module.questionnaire_results(
        questionnaire, full=sees_everything(request.user)
    )
    response = HttpResponse(results_csv(results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{questionnaire.slug}-resultaten.csv"'
    return response


@verified_member_required
def inventory_new_round(request, slug):
    """Moderators: confirm, then copy the questionnaire as its next round."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    if not sees_everything(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "inventories/new_round.html", {"questionnaire": questionnaire})
    new = act(
        request,
        lambda: services.questionnaire_new_round(user=request.user, questionnaire=questionnaire),
        success=_("Nieuwe ronde aangemaakt. Stel de data in voordat u hem opent."),
    )
    return redirect(new.get_absolute_url() if new else questionnaire.get_absolute_url())


@verified_member_required
def inventory_what_others_do(request, slug):
    """ "Wat anderen doen": per need the municipality reported, who in the network works on it.

    Only for the members who answer for the response (its municipality's verified members, or
    the member themself in a per-member round), once it is submitted.
    """
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    found = _submitted(
        request,
        questionnaire,
        _("Na het indienen ziet u hier wat andere gemeenten doen aan uw behoeften."),
    )
    if not isinstance(found, tuple):
        return found
    respondent, response = found
    municipality = respondent["municipality"]
    return render(
        request,
        "inventories/what_others_do.html",
        {
            "questionnaire": questionnaire,
            "municipality": municipality,
            "matches": matching.what_others_do(
                user=request.user, municipality=municipality, response=response
            ),
            "minimum": small_groups_minimum(),
        },
    )


@verified_member_required
def inventory_unmet_needs(request, slug):
    """Moderators: the needs many municipalities reported with few or no practices on them."""
    questionnaire = get_object_or_404(Questionnaire, slug=slug)
    if not sees_everything(request.user):
        raise PermissionDenied
    return render(
        request,
        "inventories/unmet_needs.html",
        {"questionnaire": questionnaire, "rows": matching.unmet_needs(questionnaire)},
    )


def _submitted(request, questionnaire, not_yet: str):
    """(respondent, response) of the member's submitted response, or the answer to give: the
    refusal page, or back to the questionnaire with `not_yet` when nothing is submitted."""
    try:
        respondent = respondent_for(request.user, questionnaire)
    except PermissionDenied as refusal:
        return _refused(request, questionnaire, refusal)
    response = selectors.own_response(request.user, questionnaire)
    if response is None or not response.is_submitted:
        messages.info(request, not_yet)
        return redirect(questionnaire.get_absolute_url())
    return respondent, response
