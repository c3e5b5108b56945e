"""Writes: saving answers section by section, submitting, new rounds, the change rule."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.core.privacy_check import record_override

from .models import Answer, AnswerChange, Question, Questionnaire, Response
from .permissions import check_answer_permission


def _response_lookup(questionnaire, respondent) -> dict:
    if respondent["member"] is not None:
        return {"questionnaire": questionnaire, "member": respondent["member"]}
    return {
        "questionnaire": questionnaire,
        "municipality": respondent["municipality"],
        "member": None,
    }


def response_get_or_create(*, user, questionnaire: Questionnaire) -> Response:
    """The response `user` works on, started now if there is none yet."""
    respondent = check_answer_permission(user, questionnaire)
    lookup = _response_lookup(questionnaire, respondent)
    response = Response.objects.filter(**lookup).first()
    if response is not None:
        return response
    try:
        with transaction.atomic():
            return Response.objects.create(**{**lookup, "municipality": respondent["municipality"]})
    except IntegrityError:
        # A colleague started the same municipality's response a moment earlier.
        return Response.objects.get(**lookup)


def response_save_answers(
    *, user, questionnaire: Questionnaire, values: dict, privacy_override=()
) -> Response:
    """Save the answers to some questions (question -> value, None to clear), all or nothing.

    Every change is kept in the response's history: who, which question, old and new value.
    """
    with transaction.atomic():
        response = response_get_or_create(user=user, questionnaire=questionnaire)
        response = Response.objects.select_for_update().get(pk=response.pk)
        current = {answer.question_id: answer for answer in response.answers.all()}
        changes = []
        for question, value in values.items():
            if question.questionnaire_id != questionnaire.pk:
                raise ValidationError(_("Deze vraag hoort niet bij deze vragenlijst."))
            answer = current.get(question.pk)
            old = answer.value if answer else None
            if old == value:
                continue
            if value is None:
                answer.delete()
            elif answer is None:
                Answer.objects.create(response=response, question=question, value=value)
            else:
                answer.value = value
                answer.save(update_fields=["value"])
            changes.append(
                AnswerChange(
                    response=response,
                    question=question,
                    changed_by=user,
                    old_value=old,
                    new_value=value,
                )
            )
        AnswerChange.objects.bulk_create(changes)
        response.save(update_fields=["updated_at"])
        if privacy_override:
            record_override(response, user=user, findings=privacy_override)
    return response


def response_missing(response: Response | None, questions) -> list[Question]:
    """Required questions without an answer, in the questionnaire's order."""
    answered = set() if response is None else {a.question_id for a in response.answers.all()}
    return [q for q in questions if q.required and q.pk not in answered]


def response_submit(*, user, questionnaire: Questionnaire) -> Response:
    """Submit the response; refuses while required questions are unanswered."""
    with transaction.atomic():
        response = response_get_or_create(user=user, questionnaire=questionnaire)
        missing = response_missing(response, questionnaire.questions.all())
        if missing:
            raise ValidationError(
                _("Beantwoord eerst de verplichte vragen: %(questions)s")
                % {"questions": "; ".join(q.text for q in missing)}
            )
        first_time = not response.is_submitted
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
        response.submitted_by = user
        response.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        log(
            response,
            "kennisnetwerk.inventory.submitted"
            if first_time
            else "kennisnetwerk.inventory.resubmitted",
            user=user,
        )
    return response


# --- Changing a questionnaire once it has responses -------------------------------------------

BREAKING_FIELDS = ("kind", "code")


def question_change_problems(old: Question, new: Question) -> list[str]:
    """Why changing `old` into `new` would break earlier answers (empty: the change is fine).

    Rewording, help text, scale labels, unit, theme and dimension may change; the kind, the code
    and existing answer choices may not (new choices may be added).
    """
    problems = []
    if old.kind != new.kind:
        problems.append(_("de soort van vraag '%(code)s' kan niet meer veranderen"))
    if old.code != new.code:
        problems.append(_("de code van vraag '%(code)s' kan niet meer veranderen"))
    removed = set(old.choice_list) - set(new.choice_list)
    if old.is_choice and removed:
        problems.append(_("antwoordmogelijkheden van vraag '%(code)s' kunnen niet meer weg"))
    if new.required and not old.required:
        problems.append(_("vraag '%(code)s' kan niet alsnog verplicht worden"))
    return [problem % {"code": old.code} for problem in problems]


def questionnaire_change_problems(
    questionnaire: Questionnaire, questions: list[Question]
) -> list[str]:
    """What in the new list of questions would break the answers already given."""
    if questionnaire.pk is None or not questionnaire.responses.exists():
        return []
    old = {q.pk: q for q in Question.objects.filter(questionnaire_id=questionnaire.pk)}
    kept = {q.pk for q in questions if q.pk}
    problems = []
    answered = set(
        Answer.objects.filter(question__in=old.values()).values_list("question_id", flat=True)
    )
    for pk in old.keys() - kept:
        if pk in answered:
            problems.append(
                _("vraag '%(code)s' is al beantwoord en kan niet meer weg") % {"code": old[pk].code}
            )
    for question in questions:
        if question.pk in old:
            problems.extend(question_change_problems(old[question.pk], question))
        elif question.required:
            problems.append(
                _("een nieuwe vraag ('%(code)s') kan niet verplicht zijn") % {"code": question.code}
            )
    return problems


def change_refusal(problems: list[str]) -> ValidationError:
    return ValidationError(
        _(
            "Deze vragenlijst heeft al antwoorden, dus %(problems)s. Begin een nieuwe ronde "
            "om de vragen zo te wijzigen."
        )
        % {"problems": "; ".join(problems)}
    )


def questionnaire_new_round(*, user, questionnaire: Questionnaire) -> Questionnaire:
    """A copy of the questionnaire and its questions as the next round, closed until set."""
    if Questionnaire.objects.filter(previous_round=questionnaire).exists():
        raise ValidationError(_("Deze ronde heeft al een volgende ronde."))
    today = timezone.localdate()
    with transaction.atomic():
        number = questionnaire.round_number + 1
        base_slug = questionnaire.slug.rsplit("-ronde-", 1)[0]
        new = Questionnaire.objects.create(
            title=questionnaire.title,
            slug=f"{base_slug}-ronde-{number}"[:100],
            introduction=questionnaire.introduction,
            audience=questionnaire.audience,
            opens_on=today + datetime.timedelta(days=365),
            closes_on=today + datetime.timedelta(days=365 + 42),
            previous_round=questionnaire,
            round_number=number,
        )
        for question in questionnaire.questions.all():
            question.pk = None
            question.questionnaire = new
            question.save()
        log(new, "wagtail.create", user=user)
    return new
