"""What the accounts app keeps about a member, and its part in their data rights.

Registered from AccountsConfig.ready() (see exchange/core/personal_data.py). The user row and
the profile are anonymised by `services.member_anonymise` itself; this covers the rest of the
account: allauth's addresses, two-factor methods and sessions, Wagtail's API tokens and admin
profile, code-of-conduct acceptances, and the audit trail's labels about the member.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import APIToken, ModelLogEntry
from wagtail.users.models import UserProfile

from exchange.core.personal_data import (
    FIELDS,
    ExportSection,
    PersonalData,
    Relation,
    shown_date,
)
from exchange.core.personal_data import Treatment as T

from .models import CodeOfConductAcceptance, Profile

RELATIONS = (
    Relation("accounts.User", "groups", T.ERASED),
    Relation("accounts.User", "user_permissions", T.ERASED),
    Relation(
        "accounts.Profile",
        "user",
        T.ANONYMISED,
        "keeps the municipality, so posts read 'voormalig lid van <gemeente>'; name, job "
        "title, bio, organisation, expertise and status reason are blanked",
    ),
    Relation(
        "accounts.Profile",
        "status_changed_by",
        T.KEPT,
        "which moderator decided on another member's account (a moderator's own account is "
        "anonymised in place, so it then names no one)",
    ),
    Relation("accounts.CodeOfConductAcceptance", "user", T.ERASED),
    Relation("account.EmailAddress", "user", T.ERASED),
    Relation("mfa.Authenticator", "user", T.ERASED),
    Relation("usersessions.UserSession", "user", T.ERASED),
    Relation("wagtailcore.APIToken", "user", T.ERASED),
    Relation("wagtailusers.UserProfile", "user", T.ERASED),
)

MFA_TYPES = {
    "totp": gettext_lazy("authenticator-app"),
    "recovery_codes": gettext_lazy("herstelcodes"),
}


def export(user) -> list[ExportSection]:
    """Profile and status, e-mail addresses and two-factor methods, API tokens (names and
    dates: the token itself is never stored), code-of-conduct acceptances."""
    profile = Profile.objects.select_related("municipality").get(user=user)
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "municipality": _municipality(profile.municipality),
        "organisation": profile.organisation,
        "job_title": profile.job_title,
        "bio": profile.bio,
        "expertise_themes": list(profile.expertise_themes.values_list("name", flat=True)),
        "open_to_contact": profile.open_to_contact,
        "status": profile.status,
        "status_changed_at": profile.status_changed_at,
        "status_reason": profile.status_reason,
    }
    addresses = list(
        EmailAddress.objects.filter(user=user)
        .order_by("-primary", "email")
        .values("email", "verified", "primary")
    )
    methods = list(
        Authenticator.objects.filter(user=user)
        .order_by("created_at")
        .values("type", "created_at", "last_used_at")
    )
    tokens = list(
        APIToken.objects.filter(user=user)
        .order_by("created", "pk")
        .values("name", "created", "last_used_at", "revoked_at")
    )
    acceptances = [
        {"version": version, "accepted_at": accepted_at}
        for version, accepted_at in CodeOfConductAcceptance.objects.filter(user=user)
        .order_by("accepted_at", "pk")
        .values_list("code__version", "accepted_at")
    ]
    return [
        ExportSection(
            key="profile",
            title=_("Profiel"),
            data={"profile": data},
            layout=FIELDS,
            rows=_profile_rows(data),
        ),
        ExportSection(
            key="emails",
            title=_("E-mailadressen en tweestapsverificatie"),
            data={"email_addresses": addresses, "two_factor_methods": methods},
            rows=[_address_line(a) for a in addresses] + [_method_line(m) for m in methods],
        ),
        ExportSection(
            key="tokens",
            title=_("API-tokens"),
            intro=_("Alleen de namen en data: het token zelf bewaart het netwerk niet."),
            data={"api_tokens": tokens},
            rows=[_token_line(t) for t in tokens],
            empty=_("Geen."),
        ),
        ExportSection(
            key="conduct",
            title=_("Gedragscode"),
            data={"code_of_conduct_acceptances": acceptances},
            rows=[
                _("Versie %(version)s geaccepteerd op %(date)s")
                % {"version": a["version"], "date": shown_date(a["accepted_at"], time=True)}
                for a in acceptances
            ],
            empty=_("U heeft de gedragscode nog niet geaccepteerd."),
        ),
    ]


def _municipality(municipality) -> dict | None:
    if municipality is None:
        return None
    return {"code": municipality.code, "name": municipality.name}


def _profile_rows(data: dict) -> list[tuple[str, str]]:
    status = str(dict(Profile.Status.choices).get(data["status"], data["status"]))
    if data["status_changed_at"]:
        status += f" ({shown_date(data['status_changed_at'])})"
    if data["status_reason"]:
        status += f": {data['status_reason']}"
    municipality = data["municipality"]
    return [
        (_("E-mailadres"), data["email"]),
        (_("Voornaam"), data["first_name"] or "—"),
        (_("Achternaam"), data["last_name"] or "—"),
        (_("Lid sinds"), shown_date(data["date_joined"])),
        (_("Laatst ingelogd"), shown_date(data["last_login"], time=True) or "—"),
        (_("Gemeente"), municipality["name"] if municipality else "—"),
        (_("Partnerorganisatie"), data["organisation"] or "—"),
        (_("Functie"), data["job_title"] or "—"),
        (_("Korte introductie"), data["bio"] or "—"),
        (_("Expertise"), ", ".join(data["expertise_themes"]) or "—"),
        (_("Open voor contact"), _("ja") if data.get("open_to_contact") else _("nee")),
        (_("Status"), status),
    ]


def _address_line(address: dict) -> str:
    states = [_("bevestigd") if address["verified"] else _("niet bevestigd")]
    if address["primary"]:
        states.append(_("hoofdadres"))
    return f"{address['email']} ({', '.join(states)})"


def _method_line(method: dict) -> str:
    return _("Tweestapsverificatie: %(method)s, sinds %(date)s") % {
        "method": MFA_TYPES.get(method["type"], method["type"]),
        "date": shown_date(method["created_at"]),
    }


def _token_line(token: dict) -> str:
    dates = [_("aangemaakt %(date)s") % {"date": shown_date(token["created"])}]
    if token["revoked_at"]:
        dates.append(_("ingetrokken %(date)s") % {"date": shown_date(token["revoked_at"])})
    return f"{token['name']} ({', '.join(dates)})"


def erase(user) -> None:
    """Delete what lets anyone act as the member or reach them; relabel the audit trail.

    The log entries about the member's profile, user row and tokens stay (what happened, and
    who did it), but their labels were the member's name or a token's name.
    """
    user_model = get_user_model()
    token_ids = [str(pk) for pk in APIToken.objects.filter(user=user).values_list("pk", flat=True)]
    for model in (UserSession, EmailAddress, Authenticator, APIToken, UserProfile):
        model.objects.filter(user=user).delete()
    CodeOfConductAcceptance.objects.filter(user=user).delete()

    label = user.profile.former_member_label
    for model, ids in ((Profile, [str(user.profile.pk)]), (user_model, [str(user.pk)])):
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=ids
        ).update(label=label)
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(APIToken), object_id__in=token_ids
    ).update(label=_("API-token"))


PERSONAL_DATA = PersonalData(app="accounts", relations=RELATIONS, export=export, erase=erase)
