"""ModeratorScope moves here from the moderation app: state only, the tables keep their names and
their rows; the content type follows, so permissions and the scopes' history stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, source="moderation", target="themes"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="moderatorscope").exists():
        ContentType.objects.filter(app_label=source, model="moderatorscope").update(
            app_label=target
        )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="themes", target="moderation")


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0003_themeslugredirect"),
        ("moderation", "0002_moderatorscope"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ModeratorScope",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "themes",
                            models.ManyToManyField(
                                help_text="De moderator ziet en behandelt alleen meldingen, vragen en praktijken met een van deze thema's of hun subthema's. Aanmeldingen van leden blijven bij moderatoren zonder thema's.",
                                related_name="+",
                                to="themes.theme",
                                verbose_name="thema's",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="moderator_scope",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="moderator",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "themamoderator",
                        "verbose_name_plural": "themamoderatoren",
                        "db_table": "moderation_moderatorscope",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
