"""Knowledge into practice: the question page's "Uitwerken als praktijkvoorbeeld" button."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.core.http import act
from exchange.questions.views.common import visible_question_or_404

from .from_question import practice_draft_from_question


@login_required
@require_POST
def question_to_practice(request, pk):
    question = visible_question_or_404(request.user, pk)
    result = act(
        request, lambda: practice_draft_from_question(question=question, actor=request.user)
    )
    if not result:
        return redirect(question)
    if result.editable:
        if result.created:
            messages.success(
                request,
                _(
                    "Er is een concept-praktijkvoorbeeld gemaakt uit deze vraag. Geef het een "
                    "eigen titel en werk het stap voor stap uit."
                ),
            )
            return redirect(reverse("practice_share_step", args=[result.page.pk, "titel"]))
        messages.success(
            request, _("Uit deze vraag is al een praktijkvoorbeeld gemaakt; u ziet het hier.")
        )
        return redirect(reverse("practice_share_overview", args=[result.page.pk]))
    messages.success(
        request,
        _(
            "Er is een concept-praktijkvoorbeeld gemaakt uit deze vraag. De moderatoren werken "
            "het verder uit en publiceren het."
        )
        if result.created
        else _(
            "Uit deze vraag is al een praktijkvoorbeeld gemaakt. De moderatoren werken het "
            "verder uit."
        ),
    )
    return redirect(question)
