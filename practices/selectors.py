"""Read paths for practices: the catalogue with its counts, a practice's page, related ones."""

import dataclasses
import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from exchange.core.facet_counts import province_counts, related_counts
from exchange.core.result_cache import cached, cached_many
from exchange.municipalities.models import Municipality
from exchange.questions.models import Question
from exchange.questions.selectors import SIMILAR_LIMIT, words_match, words_score
from exchange.themes.models import OrganisationKind, Theme
from exchange.visibility import (
    Visibility,
    access_key,
    can_view,
    search_access_filter,
    viewer_for,
    visible_q,
)

from .models import PracticeAttachment, PracticePage, TargetGroup
from .models.pages import REVIEW_AFTER, EvidenceLevel, PracticeStatus
from .partner_links import partner_entry_urls

SORTS = {
    "nieuw": ("-first_published_at", "-pk"),
    "bijgewerkt": ("-last_published_at", "-pk"),
    "titel": ("title", "pk"),
}


@dataclass(frozen=True)
class CatalogueFilters:
    themes: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    evidence_levels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    # The catalogue's facet keys (exchange.core.facets) and the field each one fills.
    FIELDS: ClassVar[dict[str, str]] = {
        "theme": "themes",
        "municipality": "municipalities",
        "province": "provinces",
        "target_group": "target_groups",
        "evidence_level": "evidence_levels",
        "status": "statuses",
        "year": "years",
    }

    @classmethod
    def from_facets(cls, chosen: Mapping[str, tuple]) -> "CatalogueFilters":
        """From the catalogue's facets (exchange.core.facets), by facet key."""
        return cls(**{field: chosen.get(facet, ()) for facet, field in cls.FIELDS.items()})

    def without(self, facet: str) -> "CatalogueFilters":
        return dataclasses.replace(self, **{self.FIELDS[facet]: ()})


def visible_practices(user) -> QuerySet[PracticePage]:
    """Live practices the user may see."""
    return PracticePage.objects.live().filter(visible_q(user, model=PracticePage))


def _apply(qs, filters: CatalogueFilters, *, skip: str | None = None):
    """Apply every filter except `skip` (multi-select facets count without their own filter)."""
    if filters.themes and skip != "theme":
        qs = qs.filter(
            pk__in=PracticePage.themes.through.objects.filter(
                theme__slug__in=filters.themes
            ).values("practicepage_id")
        )
    if filters.municipalities and skip != "municipality":
        qs = qs.filter(municipality__code__in=filters.municipalities)
    if filters.provinces and skip != "province":
        qs = qs.filter(municipality__province__in=filters.provinces)
    if filters.target_groups and skip != "target_group":
        qs = qs.filter(
            pk__in=PracticePage.target_groups.through.objects.filter(
                tag__slug__in=filters.target_groups
            ).values("content_object_id")
        )
    if filters.evidence_levels and skip != "evidence_level":
        qs = qs.filter(evidence_level__in=filters.evidence_levels)
    if filters.statuses and skip != "status":
        qs = qs.filter(status__in=filters.statuses)
    if filters.years and skip != "year":
        qs = qs.filter(first_published_at__year__in=filters.years)
    return qs


def catalogue_practices(*, user, filters: CatalogueFilters, sort: str = "nieuw") -> QuerySet:
    qs = _apply(visible_practices(user), filters)
    return (
        qs.order_by(*SORTS.get(sort, SORTS["nieuw"]))
        .select_related("municipality")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug")))
    )


# The catalogue's counts are shared by everyone who sees the same practices, until a practice,
# theme, target group or municipality changes (practices/facet_cache.py says when).
FACET_CACHE = "practice-facets"
FACET_CACHE_SECONDS = 300


def catalogue_facets(*, user, filters: CatalogueFilters) -> dict[str, list[tuple]]:
    """(value, label, count) per facet over what the user may see, each facet counted under
    every filter but its own (one query per facet on a miss).

    Each facet is kept on its own under the filters that decide it, all but its own: the
    municipalities' counts on a page filtered by one municipality are those of the unfiltered
    catalogue, already kept, and only the other facets are counted, over that municipality's
    few practices."""
    access, language = access_key(user), get_language()
    return cached_many(
        FACET_CACHE,
        {
            facet: (access, language, facet, filters.without(facet))
            for facet in CatalogueFilters.FIELDS
        },
        lambda missing: _catalogue_facets(user=user, filters=filters, only=missing),
        timeout=FACET_CACHE_SECONDS,
    )


def _catalogue_facets(*, user, filters: CatalogueFilters, only) -> dict[str, list[tuple]]:
    """The facets named in `only`, counted afresh."""
    base = visible_practices(user)

    def within(skip):
        # Without the page tree's default ordering: it would split every GROUP BY per page.
        return _apply(base, filters, skip=skip).order_by()

    def ids(skip):
        return within(skip).values("pk")

    def theme():
        return related_counts(Theme, "practicepage", ids("theme"), "slug")

    def municipality():
        return related_counts(Municipality, "practices", ids("municipality"), "code")

    def province():
        return province_counts(within("province"))

    def target_group():
        # Every group with a count, most used first; the page shows the first 25 and chosen ones.
        return list(
            TargetGroup.objects.filter(tagged_practices__content_object__in=ids("target_group"))
            .annotate(n=Count("tagged_practices"))
            .values_list("slug", "name", "n")
            .order_by("-n", "name")
        )

    def evidence_level():
        counts = dict(
            within("evidence_level")
            .exclude(evidence_level="")
            .values_list("evidence_level")
            .annotate(n=Count("pk"))
        )
        return [
            (value, str(label), counts[value])
            for value, label in EvidenceLevel.choices
            if value in counts
        ]

    def status():
        counts = dict(within("status").values_list("status").annotate(n=Count("pk")))
        return [
            (value, str(label), counts[value])
            for value, label in PracticeStatus.choices
            if value in counts
        ]

    def year():
        years = (
            within("year")
            .annotate(y=ExtractYear("first_published_at"))
            .values_list("y")
            .annotate(n=Count("pk"))
            .order_by("-y")
        )
        return [(str(y), str(y), n) for y, n in years if y]

    counters = {
        "theme": theme,
        "municipality": municipality,
        "province": province,
        "target_group": target_group,
        "evidence_level": evidence_level,
        "status": status,
        "year": year,
    }
    return {facet: counters[facet]() for facet in only}


# -- per municipality, per theme -----------------------------------------------------------


def municipality_practices(*, municipality, user, limit: int = 5) -> dict:
    """The latest practices of a municipality the user may see, and how many there are."""
    return _section(visible_practices(user).filter(municipality=municipality), limit=limit)


def theme_practices(*, theme, user, limit: int = 5) -> dict:
    """The latest visible practices about a theme (as the catalogue's `thema` filter counts
    them: the theme itself, not its sub-themes), and how many there are."""
    tagged = PracticePage.themes.through.objects.filter(theme=theme).values("practicepage_id")
    return _section(visible_practices(user).filter(pk__in=tagged), limit=limit)


def _section(qs, *, limit: int) -> dict:
    # The total rides along on every row (a window count), saving a separate COUNT query.
    items = list(
        qs.select_related("municipality")
        .annotate(total=Window(Count("pk")))
        .order_by("-first_published_at", "-pk")[:limit]
    )
    return {"items": items, "count": items[0].total if items else 0}


def visible_attachments(*, practice: PracticePage, user) -> list[PracticeAttachment]:
    viewer = viewer_for(user)
    allowed = practice.allowed_municipality_ids()
    return [
        attachment
        for attachment in practice.attachments.select_related("document").all()
        if can_view(
            viewer,
            visibility=attachment.visibility or practice.visibility,
            municipality_id=practice.municipality_id,
            allowed_municipality_ids=allowed,
            owner_id=practice.owner_id,
        )
    ]


# "More like this" from the search engine, plugged in by the search app (search/apps.py):
# finder(user=, practice=, size=) -> practice ids, best first. Practices cannot import search.
RELATED_FINDERS = []
# A "more like this" costs the engine tens of milliseconds on every practice page; the ids are
# kept a while per practice and per engine access filter (and checked against the viewer's access
# below on every view, so a kept list never shows what the viewer may not see). A list may miss
# a practice published in the last minutes.
RELATED_CACHE = "practice-related"
RELATED_CACHE_SECONDS = 600


def register_related_finder(finder, *, enabled=lambda: True) -> None:
    """`enabled()` says whether the finder can answer at all now (an engine is configured);
    without it the page goes straight to the database, not through the cache."""
    RELATED_FINDERS.append((finder, enabled))


def related_practices(*, practice: PracticePage, user, limit: int = 4) -> list[PracticePage]:
    """Related practices the user may see: from the registered finder (the search engine) when
    it finds any, else from shared themes and target groups in the database."""
    for finder, enabled in RELATED_FINDERS:
        if not enabled():
            continue

        def find(finder=finder):
            return finder(user=user, practice=practice, size=limit * 2)[:limit] or None

        if practice.pk is None:  # the preview of a page never saved
            ids = find()
        else:
            # The engine filters by search_access_filter, which knows no owners: members of
            # one municipality share a list (the page filters it per viewer below).
            parts = (json.dumps(search_access_filter(user), sort_keys=True), practice.pk, limit)
            ids = cached(RELATED_CACHE, parts, find, timeout=RELATED_CACHE_SECONDS)
        if ids:
            found = visible_practices(user).filter(pk__in=ids).select_related("municipality")
            by_id = {p.pk: p for p in found}
            return [by_id[pk] for pk in ids if pk in by_id]
    return related_practices_in_database(practice=practice, user=user, limit=limit)


def similar_practices(user, words: list[str]) -> list[PracticePage]:
    """Visible practices sharing words with a question being asked (see questions.similar)."""
    return list(
        visible_practices(user)
        .filter(words_match(words, "title", "summary"))
        .annotate(score=words_score(words, "title", "summary"))
        .select_related("municipality")
        .order_by("-score", "-first_published_at", "-pk")[:SIMILAR_LIMIT]
    )


def related_practices_in_database(
    *, practice: PracticePage, user, limit: int = 4
) -> list[PracticePage]:
    """Visible practices sharing themes or target groups, most overlap first."""
    # Iterated, not values_list(): a preview's practice holds its relations in memory
    # (modelcluster), where only plain iteration works.
    theme_ids = [theme.pk for theme in practice.themes.all()]
    group_ids = [group.pk for group in practice.target_groups.all()]
    if not theme_ids and not group_ids:
        return []
    overlap = Count("themes", filter=Q(themes__in=theme_ids), distinct=True) + Count(
        "tagged_target_groups",
        filter=Q(tagged_target_groups__tag_id__in=group_ids),
        distinct=True,
    )
    return list(
        visible_practices(user)
        .exclude(pk=practice.pk)
        .annotate(overlap=overlap)
        .filter(overlap__gt=0)
        .order_by("-overlap", "-first_published_at")
        .select_related("municipality")[:limit]
    )


def practice_partners(*, practice: PracticePage, user) -> list:
    """The partners with their kind; `register_url` leads to the municipality's register
    entry where the viewer may see it (practices/partner_links.py)."""
    rows = practice.partners.all()
    if isinstance(rows, QuerySet):
        partners = list(rows.select_related("kind"))
    else:
        # A preview's partners are held in memory (modelcluster): one query for their kinds.
        partners = list(rows)
        kinds = OrganisationKind.objects.in_bulk({partner.kind_id for partner in partners})
        for partner in partners:
            if partner.kind_id in kinds:
                partner.kind = kinds[partner.kind_id]
    urls = partner_entry_urls(user, [partner for partner in partners if partner.pk])
    for partner in partners:
        partner.register_url = urls.get(partner.pk, "")
    return partners


def practice_detail_context(*, practice: PracticePage, user) -> dict:
    viewer = viewer_for(user)
    return {
        "themes": list(practice.themes.all()),
        "target_groups": list(practice.target_groups.all()),
        "partners": practice_partners(practice=practice, user=user),
        "attachments": visible_attachments(practice=practice, user=user),
        "related": related_practices(practice=practice, user=user),
        "can_contact": viewer.is_member and practice.contact_person_id is not None,
        "contact": practice.contact_person if viewer.is_member else None,
        "public": practice.visibility == Visibility.PUBLIC,
        "source_question": source_question_for(practice=practice, user=user),
    }


def source_question_for(*, practice: PracticePage, user):
    """The question a practice was worked out from, only if the viewer may see it."""
    if practice.source_question_id is None:
        return None

    question = (
        Question.objects.prefetch_related("allowed_municipalities")
        .filter(pk=practice.source_question_id)
        .first()
    )
    return question if question is not None and question.is_visible_to(user) else None


def question_practice_context(*, question, request, answers) -> dict:
    """What a question's page shows about its practice: a link, the draft, or the button.

    The published practice is linked for whoever may see it; the draft only for the asker
    and moderators (with a link into the sharing form if they may work on it); the button only
    for them while there is an accepted answer and no practice yet.
    """
    from django.core.exceptions import PermissionDenied
    from django.urls import reverse

    from .from_question import (
        can_finish_on_site,
        check_question_to_practice_permission,
        practice_from_question,
    )

    user = request.user
    try:
        check_question_to_practice_permission(user, question)
        may_work_on_it = True
    except PermissionDenied:
        may_work_on_it = False
    practice = practice_from_question(question)
    if practice is None:
        accepted = any(answer.accepted and not answer.hidden for answer in answers)
        return {"can_create": may_work_on_it and accepted}
    if practice.live and practice.is_visible_to(user):
        return {"practice": practice, "practice_url": practice.get_url(request)}
    if may_work_on_it:
        editable = can_finish_on_site(user, practice)
        draft_url = reverse("practice_share_overview", args=[practice.pk]) if editable else None
        return {"draft": practice, "draft_url": draft_url}
    return {}


def practices_due_for_review():
    """Live practices not reviewed for 18 months (or never, published that long ago), the
    longest unreviewed first.

    The two conditions are spelled out apart (rather than on the coalesced date alone) so that
    PostgreSQL can use the index of either column; see first_due_for_review.
    """
    cutoff = timezone.localdate() - REVIEW_AFTER
    midnight = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        PracticePage.objects.live()
        .filter(
            Q(last_reviewed_at__lt=cutoff)
            | Q(last_reviewed_at__isnull=True, first_published_at__lt=midnight)
        )
        .annotate(reviewed=Coalesce("last_reviewed_at", TruncDate("first_published_at")))
        .select_related("municipality")
        .order_by("reviewed", "pk")
    )


def first_due_for_review(due: QuerySet, limit: int) -> list:
    """The first `limit` practices of `due` (practices_due_for_review(), perhaps filtered), in
    its order, without sorting every due practice by the coalesced date.

    Ordering by that expression sorts the whole queue (13,000 practices: 35 ms) for ten rows.
    Reviewed practices come in the order of the last_reviewed_at index and never-reviewed ones
    in the order of Wagtail's first_published_at index; the first `limit` of each, merged, are
    the first `limit` of the whole. A never-reviewed practice's date is its publication's
    local date, so the last day the second branch reaches is read whole: practices published
    that day are ordered by id, not by the hour.
    """
    if limit <= 0:
        return []
    reviewed = list(
        due.filter(last_reviewed_at__isnull=False).order_by("last_reviewed_at", "pk")[:limit]
    )
    never = due.filter(last_reviewed_at__isnull=True)
    first = list(never.order_by("first_published_at", "pk")[:limit])
    if len(first) == limit:
        day = first[-1].reviewed
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
        first += never.filter(first_published_at__range=(start, end)).order_by("pk")[:limit]
    merged = {practice.pk: practice for practice in [*reviewed, *first]}.values()
    return sorted(merged, key=lambda practice: (practice.reviewed, practice.pk))[:limit]
