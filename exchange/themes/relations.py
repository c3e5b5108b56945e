"""Everything that points at a theme, found generically so relations added later move too.

A merge must not need to know which apps tag things with themes: it walks
`Theme._meta.related_objects` (foreign keys and many-to-many fields of other models) and moves
each of them. Wagtail keeps ParentalManyToMany values in revision content as lists of keys;
those are patched too, so publishing a draft later does not lose the new theme.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, UniqueConstraint
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import DraftStateMixin, Revision, RevisionMixin

from .models import Theme


def theme_relations():
    """(relation, kind) for every relation to Theme; kind is "m2m" or "fk"."""
    for rel in Theme._meta.related_objects:
        yield rel, "m2m" if rel.many_to_many else "fk"


def owners_of(rel, theme) -> set:
    """Keys of the rows that point at `theme` through `rel` (the tagged objects for an m2m)."""
    if rel.many_to_many:
        through = rel.through._default_manager
        own, theme_side = rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()
        return set(through.filter(**{theme_side: theme}).values_list(own, flat=True))
    rows = rel.related_model._base_manager.filter(**{rel.field.name: theme})
    return set(rows.values_list("pk", flat=True))


# -- revisions -------------------------------------------------------------------------------


def stored_in_revisions(rel) -> bool:
    return (
        rel.many_to_many
        and isinstance(rel.field, ParentalManyToManyField)
        and (issubclass(rel.related_model, RevisionMixin))
    )


def revisions_to_patch(model, candidate_pks) -> list[Revision]:
    """The revisions that can still become live: each object's latest and scheduled ones."""
    if not candidate_pks:
        return []
    objects = model._base_manager.filter(pk__in=candidate_pks)
    latest = objects.exclude(latest_revision__isnull=True).values("latest_revision_id")
    scheduled = Q(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in candidate_pks],
        approved_go_live_at__isnull=False,
    )
    return list(Revision.objects.filter(Q(pk__in=latest) | scheduled))


def revision_candidates(model, live_pks) -> set:
    """Objects whose revisions may mention a value: tagged now, or with unsaved drafts."""
    if issubclass(model, DraftStateMixin):
        drafts = model._base_manager.filter(has_unpublished_changes=True)
        return set(live_pks) | set(drafts.values_list("pk", flat=True))
    return set(live_pks) | set(model._base_manager.values_list("pk", flat=True))


def revisions_naming(rel, theme_pk: int, live_pks) -> dict[int, list[Revision]]:
    """Per object key, its patchable revisions whose content lists `theme_pk` in the field."""
    found = {}
    model = rel.related_model
    for revision in revisions_to_patch(model, revision_candidates(model, live_pks)):
        if theme_pk in (revision.content.get(rel.field.name) or []):
            found.setdefault(int(revision.object_id), []).append(revision)
    return found


def replace_in_revision(revision: Revision, name: str, old_pk, new_pk) -> None:
    values = [new_pk if v == old_pk else v for v in revision.content.get(name) or []]
    revision.content[name] = list(dict.fromkeys(values))  # no duplicates, order kept
    revision.save(update_fields=["content"])


# -- moving rows -----------------------------------------------------------------------------


def move_m2m(rel, source: Theme, target: Theme) -> None:
    """Re-point a many-to-many at the target; owners that already have the target keep one."""
    through = rel.through._default_manager
    own, theme_side = rel.field.m2m_field_name(), rel.field.m2m_reverse_field_name()
    rows = through.filter(**{theme_side: source})
    already = through.filter(**{theme_side: target}).values(own)
    rows.filter(**{f"{own}__in": already}).delete()
    rows.update(**{theme_side: target})


def move_fk(rel, source: Theme, target: Theme) -> None:
    """Re-point a foreign key; rows that would break a uniqueness rule (a second follow of the
    same theme by the same member) are dropped, since the target already has their twin."""
    model, name = rel.related_model, rel.field.name
    rows = model._base_manager.filter(**{name: source})
    if model is Theme:
        rows = rows.exclude(pk=target.pk)  # the target never becomes its own child
    for together in _unique_sets(model, name):
        others = [f for f in together if f != name]
        twins = model._base_manager.filter(**{name: target})
        if not others:
            if twins.exists():
                rows.delete()
        elif len(others) == 1:
            rows.filter(**{f"{others[0]}__in": twins.values(others[0])}).delete()
        else:
            for values in twins.values_list(*others):
                rows.filter(**dict(zip(others, values, strict=True))).delete()
    rows.update(**{name: target})


def _unique_sets(model, name: str) -> list[tuple[str, ...]]:
    meta = model._meta
    sets = [
        tuple(c.fields)
        for c in meta.constraints
        if isinstance(c, UniqueConstraint) and c.fields and c.condition is None
    ]
    sets += [tuple(together) for together in meta.unique_together]
    if meta.get_field(name).unique:
        sets.append((name,))
    return [s for s in sets if name in s]
