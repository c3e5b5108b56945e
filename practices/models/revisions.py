"""Loading a practice from a revision with the references it holds checked in bulk.

modelcluster, when it rebuilds a page from a revision, asks the database whether each foreign
key still exists, one query per reference: a practice with twelve partners, attachments and
target groups costs some forty queries before anything is shown. `references_checked` makes
the same decisions (a vanished reference is dropped or emptied as its `on_delete` says, a
child with a vanished CASCADE reference is left out) with one query per referenced model.
"""

from collections import defaultdict

from django.db import models
from django.db.models.fields.related import ForeignObjectRel
from modelcluster.models import get_all_child_relations


def references_checked(model, data: dict, *, strict: bool) -> dict | None:
    """`data` with its dangling references resolved; None when `strict` and one cascades."""
    wanted = defaultdict(set)
    _collect(model, data, wanted)
    existing = {
        key: set(
            key[0]
            ._default_manager.filter(**{f"{key[1]}__in": values})
            .order_by()
            .values_list(key[1], flat=True)
        )
        for key, values in wanted.items()
    }
    return _resolve(model, data, existing, strict=strict)


def _foreign_keys(model):
    for field in model._meta.get_fields():
        if isinstance(field, ForeignObjectRel) or not field.concrete:
            continue
        if field.remote_field and isinstance(field.remote_field, models.ManyToOneRel):
            yield field


def _target(field):
    remote = field.remote_field
    target = remote.model._meta.get_field(remote.field_name)
    return (remote.model, remote.field_name), target


def _children(model, data):
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if isinstance(data.get(name), list):
            yield relation.related_model, name


def _collect(model, data, wanted) -> None:
    for field in _foreign_keys(model):
        value = data.get(field.name)
        if value is not None:
            key, target = _target(field)
            wanted[key].add(target.to_python(value))
    for child_model, name in _children(model, data):
        for child in data[name]:
            _collect(child_model, child, wanted)


def _resolve(model, data, existing, *, strict: bool) -> dict | None:
    data = dict(data)
    for field in _foreign_keys(model):
        value = data.get(field.name)
        if value is None:
            continue
        key, target = _target(field)
        if target.to_python(value) in existing[key]:
            continue
        on_delete = field.remote_field.on_delete
        if on_delete == models.DO_NOTHING:
            continue
        if on_delete == models.CASCADE and strict:
            return None
        data[field.name] = None  # CASCADE on the page itself, SET_NULL, PROTECT: emptied
    for child_model, name in _children(model, data):
        resolved = (_resolve(child_model, child, existing, strict=True) for child in data[name])
        data[name] = [child for child in resolved if child is not None]
    return data
