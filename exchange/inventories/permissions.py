"""Who may answer a questionnaire, and for whom: checks that raise PermissionDenied."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from exchange.core.roles import has_verified_profile, is_moderator, is_verified_member

from .models import Audience, Questionnaire


def respondent_for(user, questionnaire: Questionnaire) -> dict:
    """The response `user` works on: {"municipality", "member"} lookups; refuses otherwise.

    Per municipality: any verified member of it shares one response. Per member: their own.
    Moderators answer only as the member their profile says they are.
    """
    if not has_verified_profile(user):
        raise PermissionDenied(_("Alleen geverifieerde leden kunnen deze vragenlijst invullen."))
    municipality = user.profile.municipality
    if questionnaire.audience == Audience.MUNICIPALITIES:
        if municipality is None:
            raise PermissionDenied(
                _("Deze vragenlijst is voor gemeenten; uw account hoort niet bij een gemeente.")
            )
        return {"municipality": municipality, "member": None}
    if questionnaire.audience == Audience.MEMBERS and municipality is None:
        raise PermissionDenied(
            _(
                "Deze vragenlijst is voor leden van gemeenten; uw account hoort niet bij "
                "een gemeente."
            )
        )
    return {"municipality": municipality, "member": user}


def check_answer_permission(user, questionnaire: Questionnaire) -> dict:
    """As `respondent_for`, and the questionnaire must be open."""
    respondent = respondent_for(user, questionnaire)
    if not questionnaire.is_open():
        raise PermissionDenied(
            _("Deze vragenlijst is gesloten; er kunnen geen antwoorden meer worden gegeven.")
            if questionnaire.is_closed()
            else _("Deze vragenlijst is nog niet open.")
        )
    return respondent


def check_results_permission(user, questionnaire: Questionnaire) -> None:
    """Moderators see results any time; verified members the protected results once closed."""
    if is_moderator(user):
        return
    if not is_verified_member(user):
        raise PermissionDenied
    if not questionnaire.is_closed():
        raise PermissionDenied(
            _("De resultaten van deze ronde zijn zichtbaar zodra de vragenlijst gesloten is.")
        )
