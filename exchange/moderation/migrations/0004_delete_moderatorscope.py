"""ModeratorScope now lives in the themes app (themes 0004): state only, nothing is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0003_theme_scoped_approval_task"),
        ("themes", "0004_moderatorscope"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ModeratorScope")],
            database_operations=[],
        ),
    ]
