"""Knowledge into practice: a question with accepted answers becomes a draft good practice.

The asker or a moderator starts it from the question page. The draft is pre-filled (title,
summary and context from the question, the accepted answers as the approach, attributed to
their municipality), keeps the question's themes, municipality and visibility, and points
back to the question. It is never published here: whoever may work on it finishes it in the
site's sharing form (`practices/sharing/`), starting with a title of its own (its address
follows the title until it is published); otherwise it goes to the moderators' review.
"""

import html
import re
from dataclasses import dataclass

import nh3
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from exchange.core.roles import is_moderator
from exchange.questions.models import Question
from exchange.questions.permissions import check_can_post
from exchange.questions.scopes import post_in_scope

from .importing.practices import truncate, unique_slug
from .models import PracticePage
from .permissions import check_practice_author_permission
from .services import practice_index_ensure

SUMMARY_MAX = 600
# What the practice's rich-text fields allow (TEXT_FEATURES), in Wagtail's stored form.
RICH_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li", "h3"}
HEADING = re.compile(r"<(/?)h[1-6]>")
BOLD = re.compile(r"<(/?)strong>")
ITALIC = re.compile(r"<(/?)em>")


@dataclass(frozen=True)
class PracticeFromQuestion:
    page: PracticePage
    created: bool
    editable: bool  # the actor can finish it in the sharing form


def check_question_to_practice_permission(user, question: Question) -> None:
    check_can_post(user)
    if question.author_id != user.pk and not (is_moderator(user) and post_in_scope(user, question)):
        raise PermissionDenied(
            _(
                "Alleen de vraagsteller of een moderator kan een vraag uitwerken als "
                "praktijkvoorbeeld."
            )
        )
    if question.hidden:
        raise PermissionDenied(
            _("Deze vraag is verborgen en kan niet worden uitgewerkt als praktijkvoorbeeld.")
        )


def accepted_answers(question: Question):
    return (
        question.answers.filter(accepted=True, hidden=False)
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


def practice_from_question(question: Question) -> PracticePage | None:
    """The practice (draft or live) that was worked out from this question, if any."""
    return PracticePage.objects.filter(source_question=question).order_by("pk").first()


def can_finish_on_site(user, page: PracticePage) -> bool:
    """May the actor work the draft out in the sharing form (verified member of its
    municipality, or a moderator)?"""
    try:
        check_practice_author_permission(user, page)
    except PermissionDenied:
        return False
    return True


@transaction.atomic
def practice_draft_from_question(*, question: Question, actor) -> PracticeFromQuestion:
    """A draft practice from the question and its accepted answers (or the one made before)."""
    check_question_to_practice_permission(actor, question)
    # One at a time per question, so a double click cannot make two drafts.
    question = Question.objects.select_for_update().get(pk=question.pk)
    existing = practice_from_question(question)
    if existing is not None:
        return PracticeFromQuestion(existing, False, can_finish_on_site(actor, existing))
    answers = list(accepted_answers(question))
    if not answers:
        raise ValidationError(
            _("Deze vraag heeft nog geen geaccepteerd antwoord om uit te werken.")
        )
    index = practice_index_ensure()
    if index is None:
        raise ValidationError(_("De praktijkencatalogus bestaat nog niet."))

    with translation.override(settings.LANGUAGE_CODE):  # content is Dutch, whoever clicks
        page = _draft(question, answers, actor, index)
    index.add_child(instance=page)
    revision = page.save_revision(user=actor, log_action=False)
    log(page, "wagtail.create", user=actor, revision=revision)
    log(
        question,
        "kennisnetwerk.question.to_practice",
        user=actor,
        data={"practice": page.pk, "reason": ""},
    )
    editable = can_finish_on_site(actor, page)
    if not editable and (workflow := page.get_workflow()) is not None:
        workflow.start(page, actor)  # the moderators see it in their review queue
    return PracticeFromQuestion(page, True, editable)


def _draft(question: Question, answers, actor, index) -> PracticePage:
    taken = set(index.get_children().values_list("slug", flat=True))
    page = PracticePage(
        title=question.title,
        slug=unique_slug(question.title, taken),
        summary=_summary(question),
        context_problem=rich_text(question.body_html),
        approach=[("text", RichText(_answer_html(answer))) for answer in answers],
        municipality=question.municipality,
        visibility=question.visibility,
        owner=actor,
        source_question=question,
        live=False,
        has_unpublished_changes=True,
    )
    page.themes = list(question.themes.all())
    page.allowed_municipalities = list(question.allowed_municipalities.all())
    return page


def _summary(question: Question) -> str:
    text = html.unescape(nh3.clean(question.body_html or "", tags=set()))
    return truncate(text, SUMMARY_MAX) or truncate(question.title, SUMMARY_MAX)


def _answer_html(answer) -> str:
    if answer.municipality_id:
        heading = _("Antwoord van %(municipality)s") % {"municipality": answer.municipality.name}
    else:
        heading = _("Antwoord van een lid van het netwerk")
    return f"<h3>{html.escape(heading)}</h3>{rich_text(answer.body_html)}"


def rich_text(source_html: str) -> str:
    """Sanitised user HTML reduced to what a practice's rich text holds."""
    source_html = HEADING.sub(r"<\1h3>", source_html or "")
    source_html = ITALIC.sub(r"<\1i>", BOLD.sub(r"<\1b>", source_html))
    return nh3.clean(
        source_html,
        tags=RICH_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    ).strip()
