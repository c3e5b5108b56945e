"""What every question view shares: fetching what the user may see, and running a service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator

from ..models import Answer, Question
from ..selectors import question_for_view


def visible_question_or_404(user, pk: int) -> Question:
    question = question_for_view(pk=pk)
    if question is None or not question.is_visible_to(user):
        raise Http404
    return question


def visible_answer_or_404(user, pk: int) -> Answer:
    answer = Answer.objects.select_related("question").filter(pk=pk).first()
    if (
        answer is None
        or (answer.hidden and not is_moderator(user))
        or not answer.question.is_visible_to(user)
    ):
        raise Http404
    return answer


def act(request, action, *, success: str | None = None, form=None):
    """Run a service call; its refusal becomes a message (or form errors), never a 500.

    Returns the service's result, or None when it refused.
    """
    try:
        result = action()
    except PermissionDenied as error:
        messages.error(request, str(error) or _("U mag dit niet doen."))
        return None
    except ValidationError as error:
        if form is not None:
            add_form_errors(form, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


def add_form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
