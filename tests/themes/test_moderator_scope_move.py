"""ModeratorScope moved from the moderation app to the themes app without losing a row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("moderation", "0003_theme_scoped_approval_task"), ("themes", "0003_themeslugredirect")]
AFTER = [("moderation", "0004_delete_moderatorscope"), ("themes", "0004_moderatorscope")]


@pytest.mark.django_db(transaction=True)
def test_existing_scopes_keep_their_moderator_and_themes_after_the_move(
    django_user_model,
):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(email="themamod@voorbeeld.nl")
    theme = old.get_model("themes", "Theme").objects.create(
        name="Testthema scopeverhuizing", slug="scopeverhuizing"
    )
    scope = old.get_model("moderation", "ModeratorScope").objects.create(user_id=user.pk)
    scope.themes.add(theme)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    from django.contrib.contenttypes.models import ContentType

    from exchange.themes.models import ModeratorScope

    moved = ModeratorScope.objects.get(user_id=user.pk)
    assert [t.slug for t in moved.themes.all()] == ["scopeverhuizing"]
    assert ContentType.objects.filter(app_label="themes", model="moderatorscope").exists()
    assert not ContentType.objects.filter(app_label="moderation", model="moderatorscope").exists()
