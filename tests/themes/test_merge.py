"""Merging a theme into another moves everything tagged with it, and nothing else changes."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from exchange.questions.models import Follow
from exchange.themes import services
from exchange.themes.models import Theme, ThemeSlugRedirect
from practices.models import PracticePage
from tests.factories import MemberFactory
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db


def merge(source, target, moderator, reason="Dubbel thema"):
    return services.theme_merge(source=source, target=target, actor=moderator, reason=reason)


def live_theme_slugs(page):
    return set(PracticePage.objects.get(pk=page.pk).themes.values_list("slug", flat=True))


def draft_theme_ids(page):
    return PracticePage.objects.get(pk=page.pk).latest_revision.content["themes"]


def test_practices_live_and_draft_and_questions_are_retagged(
    source, target, moderator, asker, municipality
):
    published = make_practice(themes=(source.slug, "jongeren"), municipality=municipality)
    # A draft on top of the published version that still carries the old theme.
    draft = published.get_latest_revision_as_object()
    draft.title = "Nieuwe titel, nog niet gepubliceerd"
    draft.save_revision()
    # A never-published practice, and one whose draft adds the old theme to the live version.
    unpublished = make_practice(themes=(source.slug,), live=False)
    unpublished.save_revision()
    draft_only = make_practice(themes=("jongeren",))
    draft = draft_only.get_latest_revision_as_object()
    draft.themes = list(Theme.objects.filter(slug__in=("jongeren", source.slug)))
    draft.save_revision()
    untouched = make_practice(themes=("jongeren",))
    question = make_question(author=asker, themes=(source.slug, target.slug))

    outcome = merge(source, target, moderator)

    assert live_theme_slugs(published) == {target.slug, "jongeren"}
    assert target.pk in draft_theme_ids(published) and source.pk not in draft_theme_ids(published)
    assert draft_theme_ids(unpublished) == [target.pk]
    assert target.pk in draft_theme_ids(draft_only) and live_theme_slugs(draft_only) == {"jongeren"}
    assert set(question.themes.values_list("slug", flat=True)) == {target.slug}
    assert outcome.practice_ids == {published.pk, unpublished.pk, draft_only.pk}
    assert outcome.question_ids == {question.pk}
    assert live_theme_slugs(untouched) == {"jongeren"}
    assert not Theme.objects.filter(pk=source.pk).exists()

    # Publishing the draft later keeps the new theme; the old one cannot come back.
    PracticePage.objects.get(pk=published.pk).latest_revision.publish()
    assert live_theme_slugs(published) == {target.slug, "jongeren"}
    assert PracticePage.objects.get(pk=published.pk).title == "Nieuwe titel, nog niet gepubliceerd"


def test_follows_and_expertise_move_without_duplicates(source, target, moderator):
    follows_both = MemberFactory(profile__expertise_themes=[source, target])
    follows_source = MemberFactory(profile__expertise_themes=[source])
    for user in (follows_both, follows_source):
        Follow.objects.create(user=user, theme=source)
    Follow.objects.create(user=follows_both, theme=target)

    merge(source, target, moderator)

    assert sorted(Follow.objects.filter(theme=target).values_list("user_id", flat=True)) == sorted(
        [follows_both.pk, follows_source.pk]
    )
    assert list(follows_both.profile.expertise_themes.all()) == [target]
    assert list(follows_source.profile.expertise_themes.all()) == [target]


def test_synonyms_children_and_nesting_move_to_the_target(moderator):
    parent = Theme.objects.create(name="Veiligheid", slug="veiligheid")
    source = Theme.objects.create(
        name="Extremisme", slug="extremisme", parent=parent, synonyms="extremistisch\nRadicalisme"
    )
    child = Theme.objects.create(name="Rechts-extremisme", slug="rechts", parent=source)
    # The target sits under the source: it takes the source's place instead of looping.
    target = Theme.objects.create(
        name="Radicalisme", slug="radicalisme", parent=source, synonyms="radicaal"
    )

    merge(source, target, moderator)

    target.refresh_from_db()
    child.refresh_from_db()
    assert target.parent == parent
    assert child.parent == target
    assert target.synonym_list == ["radicaal", "Extremisme", "extremistisch"]


def test_old_slug_answers_301_and_a_new_theme_with_that_slug_wins(
    client, source, target, moderator
):
    merge(source, target, moderator)

    response = client.get("/thema/online-radicalisering/")
    assert response.status_code == 301
    assert response["Location"] == target.get_absolute_url()

    newcomer = Theme.objects.create(name="Online radicalisering", slug="online-radicalisering")
    response = client.get("/thema/online-radicalisering/")
    assert response.status_code == 200
    assert response.context["theme"] == newcomer
    assert client.get("/thema/bestaat-niet/").status_code == 404


def test_every_affected_item_is_reindexed_and_synonyms_refreshed(
    source, target, moderator, asker, django_capture_on_commit_callbacks
):
    practices = [make_practice(themes=(source.slug,)) for _ in range(2)]
    questions = [make_question(author=asker, themes=(source.slug,)) for _ in range(2)]
    make_question(author=asker, themes=("jongeren",))

    with (
        mock.patch("search.signals.enqueue_sync") as enqueue_sync,
        mock.patch("search.tasks.update_synonyms") as update_synonyms,
        django_capture_on_commit_callbacks(execute=True),
    ):
        merge(source, target, moderator)

    assert sorted(c.args for c in enqueue_sync.call_args_list) == sorted(
        [("practice", p.pk) for p in practices] + [("question", q.pk) for q in questions]
    )
    update_synonyms.enqueue.assert_called_once_with()


def test_the_merge_is_in_the_audit_trail(source, target, moderator):
    merge(source, target, moderator, reason="Twee namen voor hetzelfde")

    entry = ModelLogEntry.objects.get(action="kennisnetwerk.theme.merge")
    assert entry.user == moderator
    assert entry.object_id == str(target.pk)
    assert entry.data["reason"] == "Twee namen voor hetzelfde"
    assert entry.data["source"] == {"kind": "theme", "id": source.pk, "name": source.name}


@pytest.mark.parametrize(
    ("into_itself", "reason", "error"),
    [(True, "Dubbel", ValidationError), (False, "  ", ValidationError)],
)
def test_bad_input_changes_nothing(source, target, moderator, asker, into_itself, reason, error):
    question = make_question(author=asker, themes=(source.slug,))
    with pytest.raises(error):
        merge(source, source if into_itself else target, moderator, reason=reason)
    assert Theme.objects.filter(pk=source.pk).exists()
    assert list(question.themes.all()) == [source]
    assert not ThemeSlugRedirect.objects.exists()
    assert not ModelLogEntry.objects.filter(action="kennisnetwerk.theme.merge").exists()


def test_only_moderators_merge(source, target, member):
    with pytest.raises(PermissionDenied):
        merge(source, target, member)
    assert Theme.objects.filter(pk=source.pk).exists()


def test_a_failure_halfway_changes_nothing(source, target, moderator, asker):
    practice = make_practice(themes=(source.slug,))
    question = make_question(author=asker, themes=(source.slug,))
    Follow.objects.create(user=asker, theme=source)

    with (
        mock.patch.object(services, "_add_synonyms", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        merge(source, target, moderator)

    assert list(question.themes.all()) == [source]
    assert live_theme_slugs(practice) == {source.slug}
    assert source.pk in draft_theme_ids(practice)
    assert Follow.objects.filter(theme=source, user=asker).exists()


def test_relations_other_apps_add_move_too(source, target, moderator):
    # Found through Theme._meta.related_objects, not a list in the merge code.
    from exchange.themes.models import ModeratorScope

    scoped = ModeratorScope.objects.create(user=MemberFactory())
    scoped.themes.set([source])

    merge(source, target, moderator)

    assert list(scoped.themes.all()) == [target]
