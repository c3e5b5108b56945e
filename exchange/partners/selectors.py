"""Reads of the network registers; each runs a fixed number of queries.

Callers decide who may see a register (permissions.py); these functions only read. The
shareable part (`who_works_with`) never loads an organisation's name or anything about people.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from exchange.contact.selectors import contactable_members
from exchange.core.roles import is_verified_member
from exchange.municipalities.models import Municipality

from .models import KeyFigure, KeyFigureLog, Organisation, PracticeParticipation
from .permissions import may_view_register

CHECK_AFTER_DAYS = 365


def check_cutoff(today: datetime.date) -> datetime.date:
    """Entries last checked before this date are due for a check."""
    return today - datetime.timedelta(days=CHECK_AFTER_DAYS)


def _with_theme(queryset, theme):
    through = Organisation.themes.through
    return queryset.filter(pk__in=through.objects.filter(theme=theme).values("organisation_id"))


def register_organisations(*, municipality_id: int, kind=None, theme=None):
    """The register's organisations with kind, themes and number of key figures (2 queries)."""
    organisations = Organisation.objects.filter(municipality_id=municipality_id)
    if kind is not None:
        organisations = organisations.filter(kind=kind)
    if theme is not None:
        organisations = _with_theme(organisations, theme)
    return (
        organisations.select_related("kind")
        .prefetch_related("themes")
        .annotate(key_figure_count=Count("key_figures"))
        .order_by("name", "pk")
    )


def register_key_figures(*, municipality_id: int):
    """Every key figure of the register, with its organisation (1 query)."""
    return (
        KeyFigure.objects.filter(municipality_id=municipality_id)
        .select_related("organisation")
        .order_by("role", "pk")
    )


@dataclass
class DueForCheck:
    organisations: list = field(default_factory=list)
    key_figures: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.organisations) + len(self.key_figures)


def due_for_check(*, municipality_id: int, today: datetime.date) -> DueForCheck:
    """Entries of the register not checked for more than a year (2 queries)."""
    cutoff = check_cutoff(today)
    return DueForCheck(
        organisations=list(
            Organisation.objects.filter(
                municipality_id=municipality_id, last_checked_on__lt=cutoff
            ).order_by("last_checked_on", "pk")
        ),
        key_figures=list(
            KeyFigure.objects.filter(municipality_id=municipality_id, last_checked_on__lt=cutoff)
            .select_related("organisation")
            .order_by("last_checked_on", "pk")
        ),
    )


def entries_due_for_check(*, today: datetime.date) -> dict[int, int]:
    """{municipality id: number of entries (organisations and key figures) whose last check is
    more than a year before `today`}, for the reminder to the municipality's members."""
    cutoff = check_cutoff(today)
    due: dict[int, int] = defaultdict(int)
    for model in (Organisation, KeyFigure):
        rows = (
            model.objects.filter(last_checked_on__lt=cutoff)
            .values("municipality_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            due[row["municipality_id"]] += row["n"]
    return dict(due)


def organisation_detail(*, pk: int) -> Organisation | None:
    """One entry with its kind, themes, key figures and practices (4 queries), or None."""
    return (
        Organisation.objects.filter(pk=pk)
        .select_related("kind", "municipality")
        .prefetch_related(
            "themes",
            Prefetch("key_figures", queryset=KeyFigure.objects.order_by("role", "pk")),
            Prefetch(
                "participations",
                # Published practices only: a withdrawn one has no page to lead to.
                queryset=PracticeParticipation.objects.filter(practice__live=True)
                .select_related("practice")
                .order_by("practice__title"),
            ),
        )
        .first()
    )


def key_figure_of(*, pk: int) -> KeyFigure | None:
    return KeyFigure.objects.filter(pk=pk).select_related("organisation", "municipality").first()


@dataclass(frozen=True)
class RegisterCounts:
    organisations: int
    shareable: int
    key_figures: int
    due_for_check: int


def register_counts_for(municipality_id: int, *, user, today=None) -> RegisterCounts | None:
    """Counts of a municipality's register for pages that link to it (a municipality page,
    a member's start page); None when `user` may not see that register (2 queries)."""
    if not may_view_register(user, municipality_id):
        return None
    cutoff = check_cutoff(today or timezone.localdate())
    organisations = Organisation.objects.filter(municipality_id=municipality_id).aggregate(
        total=Count("pk"),
        shareable=Count("pk", filter=Q(shareable=True)),
        due=Count("pk", filter=Q(last_checked_on__lt=cutoff)),
    )
    key_figures = KeyFigure.objects.filter(municipality_id=municipality_id).aggregate(
        total=Count("pk"), due=Count("pk", filter=Q(last_checked_on__lt=cutoff))
    )
    return RegisterCounts(
        organisations=organisations["total"],
        shareable=organisations["shareable"],
        key_figures=key_figures["total"],
        due_for_check=organisations["due"] + key_figures["due"],
    )


def municipalities_with_registers():
    """For moderators choosing a register: municipalities with entries, and how many."""
    return (
        Municipality.objects.annotate(entries=Count("network_organisations"))
        .filter(entries__gt=0)
        .order_by("name")
    )


# -- the shareable part ------------------------------------------------------------------------


@dataclass
class SharedEntry:
    kind: object
    themes: list


@dataclass
class WorksWith:
    municipality: Municipality
    entries: list[SharedEntry]
    contact_url: str = ""

    @property
    def count(self) -> int:
        return len(self.entries)


def who_works_with(*, kind=None, theme=None) -> list[WorksWith]:
    """Municipalities with shareable entries of `kind` on `theme`: kind, themes and municipality
    only; the name and everything else is never even read (2 queries)."""
    organisations = Organisation.objects.filter(shareable=True, municipality__active=True)
    if kind is not None:
        organisations = organisations.filter(kind=kind)
    if theme is not None:
        organisations = _with_theme(organisations, theme)
    organisations = (
        organisations.only(
            "pk",
            "kind__name",
            "kind__slug",
            "municipality__name",
            "municipality__slug",
            "municipality__code",
            "municipality__province",
        )
        .select_related("kind", "municipality")
        .prefetch_related("themes")
        .order_by("municipality__name", "kind__position", "kind__name", "pk")
    )
    rows: dict[int, WorksWith] = {}
    for organisation in organisations:
        row = rows.setdefault(
            organisation.municipality_id, WorksWith(organisation.municipality, [])
        )
        row.entries.append(SharedEntry(organisation.kind, list(organisation.themes.all())))
    return list(rows.values())


def contactable_municipality_ids(*, viewer, municipality_ids) -> set[int]:
    """Which of these municipalities `viewer` may write to through the site (one query), as
    `exchange.contact.selectors.municipality_contactable` decides for one."""
    if not is_verified_member(viewer):
        return set()
    own = getattr(getattr(viewer, "profile", None), "municipality_id", None)
    found = (
        contactable_members(sender=viewer)
        .filter(profile__municipality_id__in=list(municipality_ids))
        .order_by()
        .values_list("profile__municipality_id", flat=True)
        .distinct()
    )
    return set(found) - {own}


def key_figure_log(*, municipality=None):
    entries = KeyFigureLog.objects.select_related("actor", "municipality")
    if municipality is not None:
        entries = entries.filter(municipality=municipality)
    return entries.order_by("-at", "-pk")
