"""Who may report and who may moderate; each check raises PermissionDenied with a Dutch reason."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.accounts.roles import is_moderator

from .selectors import post_is_visible_to


def check_report_permission(user, post) -> None:
    """Any signed-in, active member (pending ones too) may report a post they can see,
    except their own."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Log in om een bericht te melden."))
    if not post_is_visible_to(user, post):
        raise PermissionDenied
    if post.author_id == user.pk:
        raise PermissionDenied(_("U kunt uw eigen bericht niet melden."))


def check_moderate_permission(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen meldingen afhandelen."))
