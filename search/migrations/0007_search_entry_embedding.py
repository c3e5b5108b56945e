"""The database rows' sentence vectors (search.embedding), and the rows still waiting for one.

On SQLite, adding a column with a default makes Django copy the table into a new one, which
drops the triggers that keep the FTS5 index in step (migration 0002): they are made again and
the index filled from the rows, as 0002 does."""

import importlib

from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext_index")


def reinstall_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in fulltext.SQLITE_INSTALL:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("kn_search", "0006_restem_database_rows"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="embedding",
            field=models.BinaryField(null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="embedding_key",
            field=models.CharField(blank=True, editable=False, max_length=40),
        ),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(
                condition=models.Q(("embedding__isnull", True)),
                fields=["id"],
                name="kn_search_entry_no_embedding",
            ),
        ),
        migrations.RunPython(reinstall_fulltext, migrations.RunPython.noop),
    ]
