"""Writes on the theme vocabulary: renames keep old addresses, merges re-tag everything.

A merge (a theme, a free tag or a target-group tag into a theme) moves every relation to the
target, patches the practices' draft revisions, folds the source's name and synonyms into
the target's synonyms, deletes the source, leaves a redirect from its address, re-indexes
what changed and writes the audit trail. It runs in one transaction: a failure changes nothing.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from exchange.core.roles import MODERATORS_GROUP, is_admin, is_moderator

from . import events, relations
from .models import Theme, ThemeSlugRedirect
from .scopes import is_theme_moderator

REASON_MAX_LENGTH = 1000
# Kinds of merge source: a theme, or a tag through its tagging model on practices.
TAG_KINDS = {"tag": "practices.PracticeTag", "target_group": "practices.TaggedTargetGroup"}


@dataclass
class MergeOutcome:
    practice_ids: set = field(default_factory=set)
    question_ids: set = field(default_factory=set)
    counts: dict = field(default_factory=dict)


def check_theme_curate_permission(user) -> None:
    """Adding, editing, deleting and merging themes changes the vocabulary of every theme,
    so it is for admins and moderators without a theme scope."""
    if is_admin(user):
        return
    if not is_moderator(user):
        raise PermissionDenied(_("Alleen moderatoren kunnen thema's beheren."))
    if is_theme_moderator(user):
        raise PermissionDenied(
            _(
                "Thema's toevoegen, wijzigen, verwijderen en samenvoegen is voorbehouden aan "
                "beheerders en moderatoren zonder themabeperking."
            )
        )


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Geef een reden op: die komt in het logboek.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("De reden is te lang (hoogstens %(n)s tekens).")
                % {"n": REASON_MAX_LENGTH}
            }
        )
    return reason


def _locked(model, pk, missing: str):
    obj = model._base_manager.select_for_update().filter(pk=pk).first()
    if obj is None:
        raise ValidationError(missing)
    return obj


# -- renaming ----------------------------------------------------------------------------------


@transaction.atomic
def theme_rename_record(*, theme: Theme, old_name: str, old_slug: str, actor) -> None:
    """After a theme was saved: keep its old address working and log a changed name or slug.

    Items tagged with the theme are re-indexed by the search app's save signal.
    """
    if old_slug and old_slug != theme.slug:
        ThemeSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"theme": theme})
    # The theme owns its slug again; a redirect with it would never be used.
    ThemeSlugRedirect.objects.filter(old_slug=theme.slug).delete()
    if old_name != theme.name or old_slug != theme.slug:
        log(
            theme,
            "kennisnetwerk.theme.rename",
            user=actor,
            data={"old_name": old_name, "old_slug": old_slug, "reason": ""},
        )


# -- merging -----------------------------------------------------------------------------------


@transaction.atomic
def theme_merge(*, source: Theme, target: Theme, actor, reason: str) -> MergeOutcome:
    """Merge theme `source` into `target`: every tag, follow and expert moves; source goes."""
    check_theme_curate_permission(actor)
    reason = _clean_reason(reason)
    if source.pk == target.pk:
        raise ValidationError(
            _("Kies twee verschillende thema's: een thema gaat niet in zichzelf op.")
        )
    gone = _("Dit thema bestaat niet meer; misschien is het al samengevoegd.")
    source = _locked(Theme, source.pk, gone)
    target = _locked(Theme, target.pk, gone)
    _lift_out_of(target, source)

    outcome = MergeOutcome()
    for rel, kind in relations.theme_relations():
        touched = relations.owners_of(rel, source)
        if relations.stored_in_revisions(rel):
            drafts = relations.revisions_naming(rel, source.pk, touched)
            for revision in (r for revisions in drafts.values() for r in revisions):
                relations.replace_in_revision(revision, rel.field.name, source.pk, target.pk)
            touched |= set(drafts)
        if kind == "m2m":
            relations.move_m2m(rel, source, target)
        else:
            relations.move_fk(rel, source, target)
        _collect(outcome, rel.related_model, touched)

    _add_synonyms(target, [source.name, *source.synonym_list])
    old_slug, source_data = source.slug, {"kind": "theme", "id": source.pk, "name": source.name}
    source.delete()
    ThemeSlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"theme": target})
    return _finish(outcome, target=target, source=source_data, actor=actor, reason=reason)


@transaction.atomic
def tag_merge(*, kind: str, tag_pk: int, target: Theme, actor, reason: str) -> MergeOutcome:
    """Merge a free tag or target-group tag of practices into theme `target`.

    Practices with the tag get the theme instead (live and in their drafts); the tag's name
    becomes a synonym of the theme; the tag itself goes once nothing else uses it.
    """
    check_theme_curate_permission(actor)
    reason = _clean_reason(reason)
    if kind not in TAG_KINDS:
        raise ValidationError(_("Kies een thema of tag om samen te voegen."))
    tagging = apps.get_model(TAG_KINDS[kind])
    tag_model = tagging._meta.get_field("tag").related_model
    tag = _locked(tag_model, tag_pk, _("Deze tag bestaat niet meer."))
    target = _locked(Theme, target.pk, _("Dit thema bestaat niet meer."))

    page_model = tagging._meta.get_field("content_object").related_model
    child_name = tagging._meta.get_field("content_object").remote_field.related_name
    themes_field = _theme_field(page_model)
    live = set(tagging.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    drafts = set()
    candidates = relations.revision_candidates(page_model, live)
    for revision in relations.revisions_to_patch(page_model, candidates):
        children = revision.content.get(child_name) or []
        kept = [child for child in children if child.get("tag") != tag.pk]
        if len(kept) != len(children):
            revision.content[child_name] = kept
            themes = revision.content.get(themes_field.name) or []
            revision.content[themes_field.name] = list(dict.fromkeys([*themes, target.pk]))
            revision.save(update_fields=["content"])
            drafts.add(int(revision.object_id))

    through = themes_field.remote_field.through._default_manager
    own = themes_field.m2m_field_name()
    theme_side = themes_field.m2m_reverse_field_name()
    has_theme = set(
        through.filter(**{theme_side: target, f"{own}__in": live}).values_list(own, flat=True)
    )
    through.bulk_create(
        themes_field.remote_field.through(**{f"{own}_id": pk, f"{theme_side}_id": target.pk})
        for pk in sorted(live - has_theme)
    )
    tagging.objects.filter(tag=tag).delete()
    _add_synonyms(target, [tag.name])
    source_data = {"kind": kind, "id": tag.pk, "name": tag.name}
    if not _in_use(tag):
        tag.delete()
    outcome = MergeOutcome(practice_ids=live | drafts)
    return _finish(outcome, target=target, source=source_data, actor=actor, reason=reason)


def _lift_out_of(target: Theme, source: Theme) -> None:
    """A target nested under the source takes the source's place in the tree."""
    ancestor, seen = target.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == source.pk:
            Theme.objects.filter(pk=target.pk).update(parent=source.parent_id)
            target.parent_id = source.parent_id
            return
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


def _collect(outcome: MergeOutcome, model, pks) -> None:
    label = model._meta.label
    if label == "practices.PracticePage":
        outcome.practice_ids |= set(pks)
    elif label == "questions.Question":
        outcome.question_ids |= set(pks)
    else:
        outcome.counts[label] = outcome.counts.get(label, 0) + len(pks)


def _theme_field(model):
    for f in model._meta.many_to_many:
        if f.related_model is Theme:
            return f
    raise LookupError(f"{model} has no themes")


def _in_use(tag) -> bool:
    return any(
        rel.related_model._base_manager.filter(**{rel.field.name: tag}).exists()
        for rel in tag._meta.related_objects
        if rel.one_to_many
    )


def _add_synonyms(target: Theme, words) -> None:
    """Searchers' words for the source keep finding the target (query-time synonyms)."""
    lines = target.synonym_list
    known = {line.casefold() for line in lines} | {target.name.casefold()}
    for word in words:
        word = " ".join(word.split())
        if word and word.casefold() not in known:
            lines.append(word)
            known.add(word.casefold())
    target.synonyms = "\n".join(lines)
    # A queryset update: the post_save re-index of everything tagged with the target would
    # repeat the item syncs below; the engine's synonym list is refreshed explicitly instead.
    Theme.objects.filter(pk=target.pk).update(synonyms=target.synonyms)


def _finish(outcome: MergeOutcome, *, target, source: dict, actor, reason: str) -> MergeOutcome:
    outcome.counts.update(
        {"practices": len(outcome.practice_ids), "questions": len(outcome.question_ids)}
    )
    log(
        target,
        "kennisnetwerk.theme.merge",
        user=actor,
        data={"reason": reason, "source": source, "counts": outcome.counts},
    )
    practice_ids, question_ids = set(outcome.practice_ids), set(outcome.question_ids)
    transaction.on_commit(
        lambda: events.content_retagged(practice_ids=practice_ids, question_ids=question_ids)
    )
    transaction.on_commit(events.synonyms_changed)
    return outcome


# -- roles -------------------------------------------------------------------------------------

MODERATOR_PERMISSIONS = (
    ("themes", "theme", ("add", "change", "delete", "view")),
    ("themes", "organisationkind", ("add", "change", "delete", "view")),
    ("kn_search", "searchsynonym", ("add", "change", "delete", "view")),
)


def moderator_permissions_ensure(sender=None, **kwargs) -> None:
    """post_migrate: moderators keep the vocabularies (themes, organisation kinds, search synonyms)
    in the admin."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name=MODERATORS_GROUP).first()
    if group is None:
        return
    for app_label, model, actions in MODERATOR_PERMISSIONS:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions],
            )
        )


def organisation_kind_in_use(kind) -> bool:
    """True when any row anywhere points at the kind (practice partners, register entries)."""
    for relation in kind._meta.related_objects:
        if relation.related_model.objects.filter(**{relation.field.name: kind}).exists():
            return True
    return False
