"""The provider practices asks for links from a practice's partners to register entries.

Registered from PartnersConfig.ready() with `practices.partner_links.register`. A partner
links to the entry of the organisation that took part in the practice, only for a viewer who
may see that register (its municipality's members, full moderators). One query, whatever the
number of partners.
"""

from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse

from .models import PracticeParticipation
from .permissions import is_full_moderator, own_municipality_id


def partner_register_urls(user, partners: Sequence) -> dict[int, str]:
    """{partner pk: URL of its register entry} for the entries `user` may see."""
    if not partners or user is None or not user.is_authenticated:
        return {}
    participations = PracticeParticipation.objects.all()
    if not is_full_moderator(user):
        municipality_id = own_municipality_id(user)
        if municipality_id is None:
            return {}
        participations = participations.filter(organisation__municipality_id=municipality_id)
    # Linked to the partner row itself, or (when the practice's partners were re-saved since)
    # to the practice: then the partner of the same kind, the one with the same name first.
    rows = participations.filter(
        Q(partner_id__in=[p.pk for p in partners])
        | Q(partner__isnull=True, practice_id__in={p.practice_id for p in partners})
    ).values_list(
        "partner_id",
        "practice_id",
        "organisation_id",
        "organisation__kind_id",
        "organisation__name",
    )
    urls = {}
    for partner_id, practice_id, organisation_id, kind_id, name in rows.order_by("pk"):
        if partner_id is not None:
            urls.setdefault(partner_id, _entry_url(organisation_id))
            continue
        candidates = [p for p in partners if (p.practice_id, p.kind_id) == (practice_id, kind_id)]
        same_name = [p for p in candidates if p.name.strip().lower() == name.strip().lower()]
        chosen = (same_name or candidates or [None])[0]
        if chosen is not None:
            urls.setdefault(chosen.pk, _entry_url(organisation_id))
    return urls


def _entry_url(organisation_id: int) -> str:
    return reverse("partners_organisation", args=[organisation_id])
