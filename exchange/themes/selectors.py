"""Read paths for themes: a theme by (old) slug, old slugs in filters, what a merge touches."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from . import relations
from .models import Theme, ThemeSlugRedirect
from .services import TAG_KINDS

# How the confirmation page names the rows a merge moves; other relations use their model's
# plural name, so what colleagues add later is still shown.
IMPACT_LABELS = {
    "practices.PracticePage": _("praktijken"),
    "questions.Question": _("vragen"),
    "questions.Follow": _("volgers (leden die het thema volgen)"),
    "accounts.Profile": _("experts (leden met dit thema als expertise)"),
    "themes.Theme": _("subthema's"),
    "themes.ThemeSlugRedirect": _("oude adressen"),
}
IMPACT_ORDER = list(IMPACT_LABELS)


def theme_by_slug(slug: str) -> Theme | None:
    return Theme.objects.select_related("parent").filter(slug=slug).first()


def theme_redirect_target(slug: str) -> Theme | None:
    """The theme an old slug now points to (after a rename or merge), if any."""
    redirect = ThemeSlugRedirect.objects.select_related("theme").filter(old_slug=slug).first()
    return redirect.theme if redirect else None


def resolve_theme_slugs(slugs) -> tuple[str, ...]:
    """Theme slugs from a filter with old ones (renamed or merged themes) replaced by the
    current slug, in order and without repeats; unknown slugs are kept as they are.

    One query whatever the number of slugs (none without slugs). As on /thema/<slug>/, a
    theme that has the slug now wins over a redirect.
    """
    slugs = tuple(dict.fromkeys(slugs))
    if not slugs:
        return ()
    moved = dict(
        ThemeSlugRedirect.objects.filter(old_slug__in=slugs)
        .exclude(old_slug__in=Theme.objects.filter(slug__in=slugs).values("slug"))
        .values_list("old_slug", "theme__slug")
    )
    if not moved:
        return slugs
    return tuple(dict.fromkeys(moved.get(slug, slug) for slug in slugs))


def theme_merge_impact(theme: Theme) -> list[dict]:
    """Per kind of related row, how many a merge of `theme` moves (practices count drafts)."""
    rows = {}
    for rel, _kind in relations.theme_relations():
        owners = relations.owners_of(rel, theme)
        if relations.stored_in_revisions(rel):
            owners |= set(relations.revisions_naming(rel, theme.pk, owners))
        label = rel.related_model._meta.label
        rows.setdefault(label, set()).update(owners)
    return _impact_rows({label: len(owners) for label, owners in rows.items()})


def tag_merge_impact(kind: str, tag) -> list[dict]:
    tagging = apps.get_model(TAG_KINDS[kind])
    page_model = tagging._meta.get_field("content_object").related_model
    child_name = tagging._meta.get_field("content_object").remote_field.related_name
    live = set(tagging.objects.filter(tag=tag).values_list("content_object_id", flat=True))
    candidates = relations.revision_candidates(page_model, live)
    drafts = {
        int(revision.object_id)
        for revision in relations.revisions_to_patch(page_model, candidates)
        if any(child.get("tag") == tag.pk for child in revision.content.get(child_name) or [])
    }
    return _impact_rows({page_model._meta.label: len(live | drafts)})


def _impact_rows(counts: dict[str, int]) -> list[dict]:
    def position(label):
        return IMPACT_ORDER.index(label) if label in IMPACT_ORDER else len(IMPACT_ORDER)

    return [
        {
            "key": label,
            "label": IMPACT_LABELS.get(label) or apps.get_model(label)._meta.verbose_name_plural,
            "count": count,
        }
        for label, count in sorted(counts.items(), key=lambda item: (position(item[0]), item[0]))
    ]


def merge_source_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices "theme:<pk>", "tag:<pk>", "target_group:<pk>" for the merge form."""
    groups = [(_("Thema's"), [(f"theme:{t.pk}", t.name) for t in Theme.objects.only("pk", "name")])]
    for kind, label in (("tag", _("Vrije tags")), ("target_group", _("Doelgroepen"))):
        tagging = apps.get_model(TAG_KINDS[kind])
        tag_model = tagging._meta.get_field("tag").related_model
        used = tagging.objects.values("tag_id")
        tags = tag_model.objects.filter(pk__in=used).order_by("name").only("pk", "name")
        groups.append((label, [(f"{kind}:{tag.pk}", tag.name) for tag in tags]))
    return [(label, choices) for label, choices in groups if choices]


def merge_source_get(value: str):
    """(kind, object) for a choice value, or None when it names nothing (any more)."""
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit() or len(pk) > 18:
        return None
    if kind == "theme":
        obj = Theme.objects.filter(pk=pk).first()
    elif kind in TAG_KINDS:
        tag_model = apps.get_model(TAG_KINDS[kind])._meta.get_field("tag").related_model
        obj = tag_model.objects.filter(pk=pk).first()
    else:
        return None
    return (kind, obj) if obj is not None else None
