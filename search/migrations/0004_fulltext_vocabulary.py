"""The full-text index's vocabulary on SQLite (fts5vocab), for the database engine's spelling
corrections. PostgreSQL reads it from the tsvectors with ts_stat and needs nothing here."""

from django.db import migrations


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS kn_search_searchentry_vocab "
            "USING fts5vocab(kn_search_searchentry_fts, 'row')"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS kn_search_searchentry_vocab")


class Migration(migrations.Migration):
    dependencies = [("kn_search", "0003_facet_covering_index")]

    operations = [migrations.RunPython(install, uninstall)]
