"""Read path of the audit trail: every `kennisnetwerk.*` action in Wagtail's log entries.

Moderation actions on members, questions, answers and themes are ModelLogEntry rows; those on
practices are PageLogEntry rows. Both are filtered separately and joined with a UNION, as
Wagtail's own site history does, so a page of the trail costs a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from exchange.accounts.models import Profile
from exchange.questions.models import Answer, ClosedReason, Question
from exchange.themes.models import Theme
from exchange.visibility import Visibility
from practices.models import PracticePage

PREFIX = "kennisnetwerk."
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


def action_choices() -> list[tuple[str, str]]:
    # Every app registers its kennisnetwerk.* actions (e.g. exchange.themes the merge).
    labels = [
        (action, label)
        for action, label in log_action_registry.get_choices()
        if action.startswith(PREFIX)
    ]
    return sorted(labels, key=lambda choice: str(choice[1]).lower())


def action_label(action: str) -> str:
    if log_action_registry.action_exists(action):
        return log_action_registry.get_action_label(action)
    return action


def object_type_choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (_model, label) in OBJECT_TYPES.items()]


def audit_actors():
    """Everyone who appears as the actor of a moderation action (three queries)."""
    ids = set()
    for model in LOG_MODELS:
        entries = model.objects.filter(action__startswith=PREFIX, user__isnull=False)
        ids.update(entries.values_list("user_id", flat=True).distinct())
    User = get_user_model()
    return User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "email")


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor_id: int | None = None
    system_only: bool = False
    object_type: str = ""
    since: date | None = None
    until: date | None = None
    text: str = ""


def _filtered(model, filters: AuditFilters):
    entries = model.objects.filter(action__startswith=PREFIX)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.system_only:
        entries = entries.filter(user__isnull=True)
    elif filters.actor_id:
        entries = entries.filter(user_id=filters.actor_id)
    if filters.object_type:
        object_model = OBJECT_TYPES[filters.object_type][0]
        entries = entries.filter(content_type=ContentType.objects.get_for_model(object_model))
    if filters.since:
        entries = entries.filter(timestamp__date__gte=filters.since)
    if filters.until:
        entries = entries.filter(timestamp__date__lte=filters.until)
    if filters.text:
        entries = entries.filter(data__reason__icontains=filters.text)
    return entries


def audit_entries(filters: AuditFilters):
    """Rows {pk, timestamp, source} of both log tables, newest first; paginate, then pass a
    page to `audit_rows`."""
    combined = None
    for source, model in enumerate(LOG_MODELS):
        rows = (
            _filtered(model, filters)
            .values("pk", "timestamp")
            .annotate(source=Value(source, output_field=IntegerField()))
            .order_by()
        )
        combined = rows if combined is None else combined.union(rows, all=True)
    return combined.order_by("-timestamp", "-pk")


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
    """The log entries of one page of `audit_entries`, with their objects' links."""
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
        return f"{reverse('member_queue')}?status={obj.status}"
    if isinstance(obj, Question | Answer):
        return obj.get_absolute_url()
    return finder.get_edit_url(obj) or ""


def _reason(action: str, data: dict) -> str:
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
    return ""
