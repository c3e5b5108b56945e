"""The buttons on a question's page: answer, accept, vote, follow, close, duplicate, lock.

Each is a POST that redirects back with a message; a refusal by the service is a message too.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.core.http import act, safe_next_url
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme

from .. import services
from ..forms import AnswerForm, CloseForm, DuplicateForm
from ..selectors import question_for_view
from .common import visible_answer_or_404, visible_question_or_404
from .pages import render_detail


@login_required
@require_POST
def answer_create(request, pk):
    question = visible_question_or_404(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        answer = act(
            request,
            lambda: services.answer_post(
                author=request.user,
                question=question,
                body=form.cleaned_data["body"],
                overridden_findings=form.privacy_override,
            ),
            success=_("Bedankt, uw antwoord is geplaatst."),
            form=form,
        )
        if answer:
            return redirect(answer.get_absolute_url())
    # Keep what was typed: show the page again with the errors or the refusal.
    return render_detail(request, question, answer_form=form)


@login_required
@require_POST
def answer_accept(request, pk):
    answer = visible_answer_or_404(request.user, pk)
    accepted = request.POST.get("accepted") != "0"
    act(
        request,
        lambda: services.answer_accept(actor=request.user, answer=answer, accepted=accepted),
        success=_("Het antwoord is geaccepteerd.")
        if accepted
        else _("Het antwoord is niet langer geaccepteerd."),
    )
    return redirect(answer.get_absolute_url())


@login_required
@require_POST
def answer_vote(request, pk):
    answer = visible_answer_or_404(request.user, pk)
    if request.POST.get("vote") == "0":
        act(
            request,
            lambda: services.vote_withdraw(user=request.user, answer=answer),
            success=_("Uw stem is ingetrokken."),
        )
    else:
        voted = act(request, lambda: services.vote_helpful(user=request.user, answer=answer))
        if voted is True:
            messages.success(request, _("U heeft dit antwoord als nuttig gemarkeerd."))
        elif voted is False:
            messages.info(request, _("U had dit antwoord al als nuttig gemarkeerd."))
    return redirect(answer.get_absolute_url())


def _toggle_follow(request, target: dict, *, followed: str, unfollowed: str, back: str):
    """Follow or unfollow one question, theme or municipality (`follow=0` unfollows)."""
    if request.POST.get("follow") == "0":
        act(request, lambda: services.unfollow(user=request.user, **target), success=unfollowed)
    else:
        act(request, lambda: services.follow(user=request.user, **target), success=followed)
    return redirect(safe_next_url(request, back))


@login_required
@require_POST
def question_follow(request, pk):
    question = visible_question_or_404(request.user, pk)
    return _toggle_follow(
        request,
        {"question": question},
        followed=_("U volgt deze vraag. U krijgt bericht van nieuwe antwoorden."),
        unfollowed=_("U volgt deze vraag niet meer."),
        back=question.get_absolute_url(),
    )


@login_required
@require_POST
def theme_follow(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return _toggle_follow(
        request,
        {"theme": theme},
        followed=_("U volgt dit thema. U krijgt bericht van nieuwe vragen erover."),
        unfollowed=_("U volgt dit thema niet meer."),
        back=theme.get_absolute_url(),
    )


@login_required
@require_POST
def municipality_follow(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    return _toggle_follow(
        request,
        {"municipality": municipality},
        followed=_("U volgt deze gemeente. U krijgt bericht van nieuwe vragen."),
        unfollowed=_("U volgt deze gemeente niet meer."),
        back=municipality.get_absolute_url(),
    )


@login_required
@require_POST
def question_close(request, pk):
    question = visible_question_or_404(request.user, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.question_close(
                actor=request.user, question=question, reason=form.cleaned_data["reason"]
            ),
            success=_("De vraag is gesloten."),
        )
    else:
        messages.error(request, _("Kies een reden om de vraag te sluiten."))
    return redirect(question)


@login_required
@require_POST
def question_reopen(request, pk):
    question = visible_question_or_404(request.user, pk)
    act(
        request,
        lambda: services.question_reopen(actor=request.user, question=question),
        success=_("De vraag is heropend."),
    )
    return redirect(question)


@login_required
@require_POST
def question_duplicate(request, pk):
    question = visible_question_or_404(request.user, pk)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vul het nummer van de oorspronkelijke vraag in."))
        return redirect(question)
    original = question_for_view(pk=form.cleaned_data["original"])
    if original is None:
        # The same words as for a question the asker cannot see: numbers reveal nothing.
        messages.error(request, _("Kies een vraag die de vraagsteller kan zien."))
        return redirect(question)
    act(
        request,
        lambda: services.question_mark_duplicate(
            actor=request.user, question=question, original=original
        ),
        success=_("De vraag is gesloten als dubbel."),
    )
    return redirect(question)


@login_required
@require_POST
def question_lock(request, pk):
    question = visible_question_or_404(request.user, pk)
    locked = request.POST.get("locked") != "0"
    act(
        request,
        lambda: services.question_lock(actor=request.user, question=question, locked=locked),
        success=_("De vraag is vergrendeld.") if locked else _("De vraag is ontgrendeld."),
    )
    return redirect(question)
