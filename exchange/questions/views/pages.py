"""Reading and asking: the list, a question's page, the ask form, similar questions, mine."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.accounts.decorators import verified_member_required
from exchange.core.facets import Choice, Facet, FacetList
from exchange.core.http import act
from exchange.municipalities.facets import MUNICIPALITY, PROVINCE
from exchange.themes.facets import THEME
from exchange.visibility import needs_login

from .. import services
from ..forms import AnswerForm, CloseForm, DuplicateForm, QuestionForm
from ..models import QuestionStatus
from ..selectors import (
    QuestionFilters,
    my_follows,
    my_questions,
    question_facets,
    question_for_view,
    similar,
)
from ..selectors import question_detail as question_detail_context
from ..selectors import question_list as question_list_query

PAGE_SIZE = 20
QUESTION_LIST = FacetList(
    facets=(
        THEME,
        MUNICIPALITY,
        PROVINCE,
        Facet("status", "status", gettext_lazy("Status"), Choice(QuestionStatus.choices)),
        Facet(
            "unanswered",
            "onbeantwoord",
            gettext_lazy("Antwoorden"),
            Choice([("1", gettext_lazy("nog zonder antwoord"))]),
            multiple=False,
        ),
    ),
    sorts={
        "nieuw": gettext_lazy("nieuwste"),
        "actief": gettext_lazy("laatste activiteit"),
        "onbeantwoord": gettext_lazy("onbeantwoorde eerst"),
    },
)


def question_list(request):
    chosen = QUESTION_LIST.read(request)
    if chosen.response:
        return chosen.response
    filters = QuestionFilters.from_facets(chosen.filters)
    questions = question_list_query(user=request.user, filters=filters, sort=chosen.sort)
    results = Paginator(questions, PAGE_SIZE).get_page(chosen.page)
    counts = question_facets(user=request.user, filters=filters)
    return render(
        request,
        "questions/question_list.html",
        {"results": results, **chosen.context(counts)},
    )


def question_similar(request):
    """An HTML fragment of similar questions and practices (for the ask page's live region)."""
    title = request.GET.get("titel", "")[:200]
    return render(
        request,
        "questions/similar.html",
        {"similar": similar(user=request.user, text=title), "query": title},
    )


# -- asking ---------------------------------------------------------------------------------


@verified_member_required
def question_ask(request):
    similar_found = None
    if request.method == "POST" and "vergelijkbaar" in request.POST:
        # The no-JavaScript path: show similar questions, keep what was typed, no errors yet.
        form = QuestionForm(initial=_initial_from(request.POST))
        similar_found = similar(user=request.user, text=request.POST.get("title", "")[:200])
    elif request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            question = act(
                request,
                lambda: services.question_create(
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    themes=data["themes"],
                    visibility=data["visibility"],
                    allowed_municipalities=data["allowed_municipalities"],
                    overridden_findings=form.privacy_override,
                ),
                success=_("Uw vraag is geplaatst. U volgt hem en krijgt bericht van antwoorden."),
                form=form,
            )
            if question:
                return redirect(question)
    else:
        initial = {"title": request.GET.get("titel", "")[:200]}
        profile = getattr(request.user, "profile", None)
        if profile is not None and profile.municipality_id:
            initial["allowed_municipalities"] = [profile.municipality_id]
        form = QuestionForm(initial=initial)
    return render(
        request,
        "questions/question_ask.html",
        {"form": form, "similar": similar_found},
    )


def _initial_from(post) -> dict:
    return {
        "title": post.get("title", "")[:200],
        "body": post.get("body", ""),
        "themes": post.getlist("themes")[:50],
        "visibility": post.get("visibility") or QuestionForm.base_fields["visibility"].initial,
        "allowed_municipalities": post.getlist("allowed_municipalities")[:400],
    }


# -- one question ---------------------------------------------------------------------------


def question_detail(request, pk, slug=None):
    question = question_for_view(pk=pk)
    if question is None:
        raise Http404
    if not question.is_visible_to(request.user):
        # Hidden and restricted questions are a 404 for everyone who may not see them.
        if not question.hidden and needs_login(request.user, visibility=question.visibility):
            return redirect_to_login(request.get_full_path())
        raise Http404
    if slug != question.slug:
        return redirect(question, permanent=True)
    return render_detail(request, question)


def render_detail(request, question, *, answer_form=None):
    user = request.user
    context = question_detail_context(question=question, user=user)
    original = question.duplicate_of
    context.update(
        {
            "question": question,
            "answer_form": answer_form or AnswerForm(),
            "close_form": CloseForm(),
            "duplicate_form": DuplicateForm(),
            "duplicate_of": original if original and original.is_visible_to(user) else None,
        }
    )
    return render(request, "questions/question_detail.html", context)


@login_required
def mine(request):
    return render(
        request,
        "questions/mine.html",
        {
            "questions": my_questions(user=request.user),
            "follows": my_follows(user=request.user),
            "next": reverse("question_mine"),
        },
    )
