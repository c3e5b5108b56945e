"""Moderators curate themes in the admin: rename, nest, synonyms and the merge screen."""

from unittest import mock

import pytest
from wagtail.models import ModelLogEntry

from exchange.questions.models import Follow
from exchange.themes.models import Theme, ThemeSlugRedirect
from search.models import SearchSynonym
from tests.practices.factories import make_practice
from tests.questions.factories import make_question

pytestmark = pytest.mark.django_db
MERGE_URL = "/beheer/themas/samenvoegen/"


def edit_url(theme):
    return f"/beheer/snippets/themes/theme/edit/{theme.pk}/"


def theme_form(theme, **changes):
    data = {
        "name": theme.name,
        "slug": theme.slug,
        "description": theme.description,
        "parent": theme.parent_id or "",
        "synonyms": theme.synonyms,
    }
    return {**data, **changes}


def test_moderator_sees_theme_and_synonym_admin(client_as, moderator):
    client = client_as(moderator)
    listing = client.get("/beheer/snippets/themes/theme/")
    assert listing.status_code == 200
    assert f'href="{MERGE_URL}"' in listing.content.decode()  # the "Samenvoegen" button
    assert client.get("/beheer/snippets/kn_search/searchsynonym/add/").status_code == 200
    response = client.post(
        "/beheer/snippets/kn_search/searchsynonym/add/",
        {"terms": "AZC, asielzoekerscentrum", "note": ""},
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(terms="AZC, asielzoekerscentrum").exists()


def test_rename_keeps_the_old_address_logs_and_reindexes(
    client_as, client, moderator, source, asker, django_capture_on_commit_callbacks
):
    practice = make_practice(themes=(source.slug,))
    question = make_question(author=asker, themes=(source.slug,))
    admin = client_as(moderator)
    with (
        mock.patch("search.sync.sync_item") as sync_item,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = admin.post(
            edit_url(source),
            theme_form(source, name="Digitale radicalisering", slug="digitale-radicalisering"),
        )
    assert response.status_code == 302

    source.refresh_from_db()
    assert source.slug == "digitale-radicalisering"
    assert ThemeSlugRedirect.objects.get(old_slug="online-radicalisering").theme == source
    admin.logout()
    response = client.get("/thema/online-radicalisering/")
    assert (response.status_code, response["Location"]) == (301, "/thema/digitale-radicalisering/")
    entry = ModelLogEntry.objects.get(action="kennisnetwerk.theme.rename")
    assert entry.user == moderator
    assert entry.data["old_slug"] == "online-radicalisering"
    synced = {c.args for c in sync_item.call_args_list}
    assert {("practice", practice.pk), ("question", question.pk)} <= synced


def test_nesting_loop_is_refused_with_a_clear_message(client_as, moderator):
    top = Theme.objects.create(name="Veiligheid", slug="veiligheid")
    middle = Theme.objects.create(name="Extremisme", slug="extremisme", parent=top)
    response = client_as(moderator).post(edit_url(top), theme_form(top, parent=middle.pk))
    assert response.status_code == 200
    assert "niet onder zichzelf of onder een van zijn eigen" in response.content.decode()
    top.refresh_from_db()
    assert top.parent is None


def test_saving_synonyms_refreshes_the_engine_synonyms(
    source, moderator, django_capture_on_commit_callbacks
):
    with (
        mock.patch("search.tasks.update_synonyms") as update_synonyms,
        django_capture_on_commit_callbacks(execute=True),
    ):
        SearchSynonym.objects.create(terms="AZC, asielzoekerscentrum")
        source.synonyms = "online extremisme\nonline haat"
        source.save()
    assert update_synonyms.enqueue.call_count == 2


def test_merge_screen_shows_the_impact_then_merges_on_confirmation(
    client_as, moderator, source, target, asker
):
    make_practice(themes=(source.slug,))
    make_question(author=asker, themes=(source.slug,))
    Follow.objects.create(user=asker, theme=source)
    asker.profile.expertise_themes.add(source)
    client = client_as(moderator)
    assert client.get(f"{MERGE_URL}?bron=theme:{source.pk}").status_code == 200

    data = {"source": f"theme:{source.pk}", "target": target.pk, "reason": "Dubbel"}
    preview = client.post(MERGE_URL, data)
    assert preview.status_code == 200
    counts = {row["key"]: row["count"] for row in preview.context["impact"]}
    assert counts["practices.PracticePage"] == 1
    assert counts["questions.Question"] == 1
    assert counts["questions.Follow"] == 1
    assert counts["accounts.Profile"] == 1
    assert Theme.objects.filter(pk=source.pk).exists()  # nothing changed yet

    done = client.post(MERGE_URL, {**data, "bevestigd": "1"})
    assert done.status_code == 302
    assert not Theme.objects.filter(pk=source.pk).exists()
    assert asker.profile.expertise_themes.get() == target


@pytest.mark.parametrize(
    "changes",
    [{"reason": ""}, {"target": "same"}, {"source": "theme:999999"}, {"source": "onzin"}],
)
def test_merge_screen_refuses_bad_input_and_changes_nothing(
    client_as, moderator, source, target, changes
):
    data = {"source": f"theme:{source.pk}", "target": target.pk, "reason": "Dubbel"}
    data.update(changes)
    if data["target"] == "same":
        data["target"] = source.pk
    response = client_as(moderator).post(MERGE_URL, {**data, "bevestigd": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Theme.objects.filter(pk__in=[source.pk, target.pk]).count() == 2


def test_members_cannot_open_the_merge_screen(client_as, member, source, target):
    client = client_as(member)
    response = client.post(
        MERGE_URL,
        {"source": f"theme:{source.pk}", "target": target.pk, "reason": "x", "bevestigd": "1"},
    )
    assert response.status_code in (302, 403)
    assert Theme.objects.filter(pk=source.pk).exists()
