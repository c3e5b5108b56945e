"""Who may report and who may moderate; each check raises PermissionDenied with a Dutch reason."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import is_moderator, is_verified_member
from exchange.questions.scopes import post_in_scope
from practices.scopes import practice_in_scope

from .selectors import post_is_visible_to


def check_report_permission(user, post) -> None:
    """Verified members may report a post they can see, except their own.

    Reports can hide a post, so accounts nobody has vetted (pending, and suspended or
    rejected ones) cannot report at all.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in om een bericht te melden."))
    if not is_verified_member(user):
        raise PermissionDenied(
            _(
                "Alleen geverifieerde leden kunnen berichten melden. Zodra een moderator uw "
                "aanmelding heeft goedgekeurd, kunt u meldingen doen."
            )
        )
    if not post_is_visible_to(user, post):
        raise PermissionDenied
    if post.author_id == user.pk:
        raise PermissionDenied(_("U kunt uw eigen bericht niet melden."))


def check_moderate_permission(user, post=None) -> None:
    """Moderators only; a theme moderator only on posts whose question carries their themes."""
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen meldingen afhandelen."))
    if post is not None and not post_in_scope(user, post):
        raise PermissionDenied(_("Dit bericht valt buiten de thema's die u modereert."))


def check_practice_moderate_permission(user, practice) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen praktijken beoordelen."))
    if not practice_in_scope(user, practice):
        raise PermissionDenied(_("Deze praktijk valt buiten de thema's die u modereert."))
