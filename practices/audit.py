"""Featuring a practice and changing who may read it are moderation actions: log them.

Both are ordinary fields edited in the Wagtail page editor, so the change is found when a
revision is published, by comparing it with the revision that was live before. The publishing
user comes from Wagtail's log context (set for every admin request).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from .models import PracticePage

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.revert")


def previous_live_content(page, revision) -> dict | None:
    """The content of the revision that was live before `revision`, or None for a first
    publication. Wagtail writes the publish log entry after the signal, so the latest entry
    is still the previous one."""
    entry = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_ACTIONS)
        .exclude(revision_id=revision.pk if revision else None)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None or entry.revision is None:
        return None
    return entry.revision.content


def _access(content: dict) -> tuple[str, list[int]]:
    return content.get("visibility"), sorted(content.get("allowed_municipalities") or [])


def log_practice_changes(sender, instance, revision=None, **kwargs) -> None:
    before = previous_live_content(instance, revision)
    was_featured = bool(before and before.get("featured"))
    if instance.featured != was_featured:
        action = "feature" if instance.featured else "unfeature"
        log(instance, f"kennisnetwerk.practice.{action}", data={"reason": ""})
    if before is None:
        return  # the first publication sets who may read it; nothing changed
    now = (instance.visibility, sorted(m.pk for m in instance.allowed_municipalities.all()))
    then = _access(before)
    if now != then:
        log(
            instance,
            "kennisnetwerk.practice.visibility",
            data={
                "reason": "",
                "from": then[0],
                "to": now[0],
                "municipalities_from": then[1],
                "municipalities_to": now[1],
            },
        )


def connect() -> None:
    page_published.connect(
        log_practice_changes, sender=PracticePage, dispatch_uid="practices.audit.published"
    )


@hooks.register("register_log_actions")
def register_practice_audit_actions(actions):
    for action, label in (
        ("kennisnetwerk.practice.feature", _("Praktijk uitgelicht")),
        ("kennisnetwerk.practice.unfeature", _("Praktijk niet meer uitgelicht")),
        ("kennisnetwerk.practice.visibility", _("Zichtbaarheid van praktijk gewijzigd")),
    ):
        actions.register_action(action, label, label)
