"""The audit trail: every `kennisnetwerk.*` action in Wagtail's log entries, as a Wagtail report,
and the moderators' decisions on submitted practices (Wagtail's `wagtail.workflow.approve` and
`wagtail.workflow.reject`, with the comment as the reason).

Moderation actions on members, questions, answers and themes are ModelLogEntry rows; those on
practices are PageLogEntry rows. Wagtail's LogEntriesView already joins both tables with a UNION
and looks the entries of one page up afterwards, so a page costs a fixed number of queries; this
view keeps that and changes what it is about: our actions (not what Wagtail lets the moderator
edit), our filters with the Dutch parameters of bookmarked links, and our columns.
"""

from collections import defaultdict
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Q, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.accounts.models import Profile
from exchange.core.privacy_check import kinds_label
from exchange.questions.models import Answer, ClosedReason, Question
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models import PracticePage

from .permissions import check_moderate_permission

PREFIX = "kennisnetwerk."
# Wagtail logs a moderator's decision on a submitted practice itself, with the comment.
WORKFLOW_ACTIONS = ("wagtail.workflow.approve", "wagtail.workflow.reject")
LOG_MODELS = (ModelLogEntry, PageLogEntry)
OBJECT_TYPES = {
    "lid": (Profile, _("lid")),
    "vraag": (Question, _("vraag")),
    "antwoord": (Answer, _("antwoord")),
    "praktijk": (PracticePage, _("praktijk")),
    "thema": (Theme, _("thema")),
}
# How to fetch each kind of object in bulk with what its link needs.
RELATED = {Profile: ("user",), Answer: ("question",)}
SYSTEM = "systeem"
INVALID_CHOICE = {"invalid_choice": _("Kies een waarde uit de lijst.")}


def moderation_actions() -> Q:
    """The log entries of the trail: our own actions and the decisions on practices."""
    return Q(action__startswith=PREFIX) | Q(action__in=WORKFLOW_ACTIONS)


def action_choices() -> list[tuple[str, str]]:
    # Every app registers its kennisnetwerk.* actions (e.g. exchange.themes the merge).
    labels = [
        (action, label)
        for action, label in log_action_registry.get_choices()
        if action.startswith(PREFIX) or action in WORKFLOW_ACTIONS
    ]
    return sorted(labels, key=lambda choice: str(choice[1]).lower())


def action_label(action: str) -> str:
    if log_action_registry.action_exists(action):
        return log_action_registry.get_action_label(action)
    return action


def audit_actors():
    """Everyone who appears as the actor of a moderation action (three queries)."""
    ids = set()
    for model in LOG_MODELS:
        entries = model.objects.filter(moderation_actions(), user__isnull=False)
        ids.update(entries.values_list("user_id", flat=True).distinct())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email")


class AuditFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("van"), cleaned.get("tot")
        if since and until and since > until:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class AuditFilterSet(WagtailFilterSet):
    actie = django_filters.ChoiceFilter(
        label=_("Actie"),
        field_name="action",
        empty_label=_("Alle acties"),
        error_messages=INVALID_CHOICE,
    )
    door = django_filters.ChoiceFilter(
        label=_("Door"),
        method="filter_actor",
        empty_label=_("Iedereen"),
        error_messages=INVALID_CHOICE,
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"),
        method="filter_object_type",
        choices=[(key, label) for key, (_model, label) in OBJECT_TYPES.items()],
        empty_label=_("Alle soorten"),
        error_messages=INVALID_CHOICE,
    )
    van = django_filters.DateFilter(
        label=_("Vanaf"),
        field_name="timestamp",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige begindatum in (jjjj-mm-dd).")},
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"),
        field_name="timestamp",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige einddatum in (jjjj-mm-dd).")},
    )
    tekst = django_filters.CharFilter(
        label=_("Tekst in de reden"),
        method="filter_text",
        max_length=200,
    )

    class Meta:
        model = ModelLogEntry
        fields = []
        form = AuditFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["actie"].extra["choices"] = action_choices()
        self.filters["door"].extra["choices"] = [
            (SYSTEM, _("Automatisch (systeem)")),
            *((str(user.pk), str(user)) for user in audit_actors()),
        ]

    def filter_actor(self, queryset, name, value):
        if value == SYSTEM:
            return queryset.filter(user__isnull=True)
        return queryset.filter(user_id=int(value))

    def filter_text(self, queryset, name, value):
        # A reason of ours, or the comment with a moderator's decision on a practice.
        return queryset.filter(Q(data__reason__icontains=value) | Q(data__comment__icontains=value))

    def filter_object_type(self, queryset, name, value):
        model = OBJECT_TYPES[value][0]
        return queryset.filter(content_type=ContentType.objects.get_for_model(model))


class AuditLogView(LogEntriesView):
    """The trail at /beheer/moderatie/logboek/: newest first, 50 a page, for moderators.

    No spreadsheet download: labels name members and reasons are free text, and a file outside
    the network would escape both the retention period that blanks old reasons and the
    rewriting of labels when a member is anonymised (docs/retention.md).
    """

    page_title = _("Logboek moderatie")
    results_template_name = "moderation/admin/audit_log_results.html"
    filterset_class = AuditFilterSet
    index_url_name = "kn_moderation:audit_log"
    index_results_url_name = "kn_moderation:audit_log_results"
    list_export = []

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False

    def dispatch(self, request, *args, **kwargs):
        check_moderate_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        dashboard = {"url": reverse("kn_moderation:dashboard"), "label": _("Moderatie")}
        return [*self.breadcrumbs_items, dashboard, {"url": "", "label": self.page_title}]

    def get_filtered_queryset(self):
        """Rows {pk, timestamp, source} of both log tables; nothing while a filter is invalid
        (the page says which)."""
        combined = None
        for source, model in enumerate(LOG_MODELS):
            entries = model.objects.filter(moderation_actions())
            if not self.filters.is_valid():
                entries = entries.none()
            rows = (
                self.filter_queryset(entries)
                .values("pk", "timestamp")
                .annotate(source=Value(source, output_field=IntegerField()))
                .order_by()
            )
            combined = rows if combined is None else combined.union(rows, all=True)
        return combined.order_by("-timestamp", "-pk")

    def decorate_paginated_queryset(self, rows):
        return audit_rows(rows, user=self.request.user)


@dataclass
class AuditRow:
    entry: object
    object_type: str
    url: str
    action_label: str
    reason: str
    details: str

    @property
    def actor(self):
        return self.entry.user


def audit_rows(rows, *, user) -> list[AuditRow]:
    """The log entries of one page of the trail, with their objects' links."""
    pks_by_source = defaultdict(list)
    for row in rows:
        pks_by_source[row["source"]].append(row["pk"])
    entries = {}
    for source, pks in pks_by_source.items():
        found = LOG_MODELS[source].objects.filter(pk__in=pks).select_related("user", "content_type")
        entries.update(((source, entry.pk), entry) for entry in found)
    ordered = [entries[(row["source"], row["pk"])] for row in rows]
    objects = _objects_of(e for e in ordered if isinstance(e, ModelLogEntry))
    finder = AdminURLFinder(user)
    return [_row(entry, objects, finder) for entry in ordered]


def _objects_of(entries) -> dict:
    """{(content type id, object id): object} for the model log entries, one query per type."""
    ids = defaultdict(set)
    for entry in entries:
        if entry.object_id.isdigit():
            ids[entry.content_type_id].add(int(entry.object_id))
    objects = {}
    for content_type_id, pks in ids.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        found = model._default_manager.select_related(*RELATED.get(model, ())).in_bulk(pks)
        objects.update(((content_type_id, str(pk)), obj) for pk, obj in found.items())
    return objects


def _row(entry, objects, finder) -> AuditRow:
    content_type = entry.content_type
    data = entry.data or {}
    return AuditRow(
        entry=entry,
        object_type=content_type.name if content_type else "",
        url=_url(entry, objects, finder),
        action_label=action_label(entry.action),
        reason=_reason(entry.action, data),
        details=_details(data),
    )


def _url(entry, objects, finder) -> str:
    if isinstance(entry, PageLogEntry):
        return reverse("wagtailadmin_pages:edit", args=[entry.page_id]) if entry.page_id else ""
    obj = objects.get((entry.content_type_id, entry.object_id))
    if obj is None:
        return ""  # deleted since; the entry keeps its label
    if isinstance(obj, Profile):
        return f"{reverse('kn_members:index')}?status={obj.status}"
    if isinstance(obj, Question | Answer):
        return obj.get_absolute_url()
    return finder.get_edit_url(obj) or ""


def _reason(action: str, data: dict) -> str:
    if action in WORKFLOW_ACTIONS:
        return str(data.get("comment") or "")
    reason = data.get("reason") or ""
    if action == "kennisnetwerk.question.close" and reason in ClosedReason.values:
        return str(ClosedReason(reason).label)
    return str(reason)


def _details(data: dict) -> str:
    if "from" in data and "to" in data:
        labels = dict(Visibility.choices)
        before = labels.get(data["from"], data["from"])
        after = labels.get(data["to"], data["to"])
        if data["from"] == data["to"]:
            return _("%(visibility)s, andere gemeenten") % {"visibility": after}
        return f"{before} → {after}"
    if experts := len(data.get("experts") or ()):
        return ngettext("naar %(count)d lid", "naar %(count)d leden", experts) % {"count": experts}
    if reports := data.get("reports"):
        return ngettext("%(count)d melding", "%(count)d meldingen", reports) % {"count": reports}
    if kinds := data.get("kinds"):
        return kinds_label(kinds)  # what the personal-data check found, never the text itself
    return ""
