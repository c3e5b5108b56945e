"""A free tag or target-group tag merged into a theme: practices get the theme instead."""

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from exchange.themes import services
from practices.models import PracticePage, PracticeTag, TargetGroup
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_free_tag_becomes_the_theme_live_and_in_the_draft(target, moderator):
    tagged = make_practice(themes=("jongeren",))
    tagged.tags.add("online haat")
    tagged.save_revision().publish()
    draft = tagged.get_latest_revision_as_object()
    draft.title = "Concept"
    draft.save_revision()
    tag = Tag.objects.get(name="online haat")

    outcome = services.tag_merge(
        kind="tag", tag_pk=tag.pk, target=target, actor=moderator, reason="Is een thema"
    )

    page = PracticePage.objects.get(pk=tagged.pk)
    assert set(page.themes.values_list("slug", flat=True)) == {"jongeren", target.slug}
    assert not PracticeTag.objects.filter(content_object=page).exists()
    content = page.latest_revision.content
    assert target.pk in content["themes"] and content["tagged_items"] == []
    assert outcome.practice_ids == {tagged.pk}
    assert not Tag.objects.filter(pk=tag.pk).exists()
    target.refresh_from_db()
    assert "online haat" in target.synonym_list


def test_target_group_tag_merges_too(target, moderator):
    practice = make_practice(target_groups=("ouders", "jongeren"))
    group = TargetGroup.objects.get(name="ouders")

    services.tag_merge(
        kind="target_group", tag_pk=group.pk, target=target, actor=moderator, reason="Thema"
    )

    page = PracticePage.objects.get(pk=practice.pk)
    assert [t.name for t in page.target_groups.all()] == ["jongeren"]
    assert target in page.themes.all()
    assert not TargetGroup.objects.filter(pk=group.pk).exists()


def test_tag_merge_needs_a_reason(target, moderator):
    practice = make_practice()
    practice.tags.add("wijkaanpak")
    practice.save_revision().publish()
    tag = Tag.objects.get(name="wijkaanpak")
    with pytest.raises(ValidationError):
        services.tag_merge(kind="tag", tag_pk=tag.pk, target=target, actor=moderator, reason="")
    assert PracticeTag.objects.filter(tag=tag).exists()
