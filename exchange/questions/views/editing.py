"""Editing questions and answers, and the edit history (asker and moderators only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from exchange.core.http import act, show_refusal

from .. import permissions, services
from ..forms import AnswerEditForm, QuestionEditForm
from ..selectors import question_history as question_history_context
from ..selectors import question_rights
from .common import visible_answer_or_404, visible_question_or_404


@login_required
def question_edit(request, pk):
    question = visible_question_or_404(request.user, pk)
    try:
        permissions.check_question_edit_permission(request.user, question)
    except PermissionDenied as error:
        show_refusal(request, error)
        return redirect(question)
    if request.method == "POST":
        form = QuestionEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            updated = act(
                request,
                lambda: services.question_update(
                    editor=request.user,
                    question=question,
                    title=data["title"],
                    body=data["body"],
                    themes=data["themes"],
                    visibility=data["visibility"],
                    allowed_municipalities=data["allowed_municipalities"],
                    reason=data["reason"],
                    overridden_findings=form.privacy_override,
                ),
                success=_("De vraag is bijgewerkt."),
                form=form,
            )
            if updated:
                return redirect(question)
    else:
        form = QuestionEditForm(
            initial={
                "title": question.title,
                "body": question.body_markdown,
                "themes": [theme.pk for theme in question.themes.all()],
                "visibility": question.visibility,
                "allowed_municipalities": [m.pk for m in question.allowed_municipalities.all()],
            }
        )
    return render(request, "questions/question_edit.html", {"form": form, "question": question})


@login_required
def answer_edit(request, pk):
    answer = visible_answer_or_404(request.user, pk)
    question = answer.question
    try:
        permissions.check_answer_edit_permission(request.user, answer)
    except PermissionDenied as error:
        show_refusal(request, error)
        return redirect(answer.get_absolute_url())
    if request.method == "POST":
        form = AnswerEditForm(request.POST)
        if form.is_valid():
            updated = act(
                request,
                lambda: services.answer_update(
                    editor=request.user,
                    answer=answer,
                    body=form.cleaned_data["body"],
                    reason=form.cleaned_data["reason"],
                    overridden_findings=form.privacy_override,
                ),
                success=_("Het antwoord is bijgewerkt."),
                form=form,
            )
            if updated:
                return redirect(answer.get_absolute_url())
    else:
        form = AnswerEditForm(initial={"body": answer.body_markdown})
    return render(
        request,
        "questions/answer_edit.html",
        {"form": form, "answer": answer, "question": question},
    )


def question_history(request, pk):
    question = visible_question_or_404(request.user, pk)
    # The history holds earlier wording: only the asker and moderators read it.
    if not question_rights(question=question, user=request.user)["history"]:
        raise Http404
    context = question_history_context(question=question, user=request.user)
    context["question"] = question
    return render(request, "questions/question_history.html", context)
