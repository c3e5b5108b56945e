"""Who may write, and to whom. Each check raises PermissionDenied or ValidationError in Dutch."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from exchange.core.roles import is_verified_member

from .models import Participant


def check_contact_permission(user) -> None:
    """Only verified members write to colleagues (pending, suspended or rejected: no)."""
    if not user.is_authenticated or not user.is_active or not is_verified_member(user):
        raise PermissionDenied(
            _("Alleen geverifieerde leden kunnen collega's via de site een bericht sturen.")
        )


def check_recipients(sender, recipients, contactable_ids: set[int]) -> None:
    """Every recipient must be open to contact and verified, and not the sender."""
    if not recipients:
        raise ValidationError(
            {"recipients": _("Kies ten minste één collega aan wie u wilt schrijven.")}
        )
    if any(user.pk == sender.pk for user in recipients):
        raise ValidationError({"recipients": _("U kunt geen bericht aan uzelf sturen.")})
    if any(user.pk not in contactable_ids for user in recipients):
        raise ValidationError(
            {
                "recipients": _(
                    "Een of meer gekozen collega's staan niet (meer) open voor contact via de "
                    "site. Kies opnieuw."
                )
            }
        )


def check_reply_permission(user, participant: Participant | None) -> None:
    check_contact_permission(user)
    if participant is None or participant.left_at is not None:
        raise PermissionDenied(_("U neemt niet (meer) deel aan dit gesprek."))
