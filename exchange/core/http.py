"""Small request helpers every app uses: where to go back to, and a refusal as a message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def safe_next_url(request, fallback: str = "", *, source=None) -> str:
    """The `next` address from the form (for GET, the query; or `source`) if it stays on
    this site, else `fallback`."""
    if source is None:
        source = request.POST if request.method == "POST" else request.GET
    target = source.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def show_refusal(request, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal as error messages on the next page (Dutch, from the service)."""
    if isinstance(error, PermissionDenied):
        messages.error(request, str(error) or _("U mag dit niet doen."))
        return
    for message in error.messages:
        messages.error(request, message)


def act(request, action, *, success: str | None = None, form=None):
    """Run a service call; its refusal becomes a message (or form errors), never a 500.

    Returns the service's result, or None when it refused.
    """
    try:
        result = action()
    except ValidationError as error:
        if form is None:
            show_refusal(request, error)
        else:
            add_form_errors(form, error)
        return None
    except PermissionDenied as error:
        show_refusal(request, error)
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
