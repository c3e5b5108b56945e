"""Permission checks for the exchange; each raises PermissionDenied with a Dutch reason."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator, is_verified_member

from .scopes import post_in_scope


def _moderates(user, post) -> bool:
    """A moderator, and (for a theme moderator) the post's question carries one of their themes."""
    return is_moderator(user) and post_in_scope(user, post)


def check_can_post(user) -> None:
    """Only verified, active members post; pending and suspended members cannot."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in om te kunnen posten."))
    if not user.is_active or not is_verified_member(user):
        raise PermissionDenied(
            _("Alleen geverifieerde leden kunnen vragen stellen en antwoorden geven.")
        )


def check_answer_permission(user, question) -> None:
    check_can_post(user)
    if question.status == "closed" or question.locked:
        raise PermissionDenied(_("Deze vraag is gesloten en neemt geen antwoorden meer aan."))


def check_question_edit_permission(user, question) -> None:
    check_can_post(user)
    if question.author_id != user.pk and not _moderates(user, question):
        raise PermissionDenied(
            _("Alleen de vraagsteller of een moderator kan deze vraag bewerken.")
        )


def check_answer_edit_permission(user, answer) -> None:
    check_can_post(user)
    if answer.author_id != user.pk and not _moderates(user, answer):
        raise PermissionDenied(_("Alleen de auteur of een moderator kan dit antwoord bewerken."))


def check_answer_accept_permission(user, answer) -> None:
    """Only the asker or a moderator marks an answer as accepted."""
    check_can_post(user)
    if answer.question.author_id != user.pk and not _moderates(user, answer):
        raise PermissionDenied(
            _("Alleen de vraagsteller of een moderator kan antwoorden accepteren.")
        )


def check_question_moderate_permission(user, question) -> None:
    """Reopening, locking and unlocking: moderators, theme moderators within their themes."""
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen dit doen."))
    _check_in_scope(user, question)


def check_question_close_permission(user, question) -> None:
    """Closing (also as a duplicate): the asker, or a moderator within their themes."""
    check_can_post(user)
    if question.author_id == user.pk:
        return
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen de vraagsteller of een moderator kan deze vraag sluiten."))
    _check_in_scope(user, question)


def _check_in_scope(user, post) -> None:
    if not post_in_scope(user, post):
        raise PermissionDenied(_("Deze vraag valt buiten de thema's die u modereert."))
