"""The database rows' terms written again: the database engine now stems as the engine's index
does (Snowball's Dutch stemmer, search.text.stem), so a row stemmed the old way would no longer
match the same word in a query ("jaar", "vraag", "bestuur" had other stems than their plurals).

The terms are derived data that only the sync's own code can make (documents.build reads the
items, their themes and attachments), so this step calls it, as `rebuild_search_index` does for
the database rows; on a new database there are no rows and nothing to do. The term statistics
go too: the next maintenance pass works them out from the new terms."""

from django.db import migrations


def restem(apps, schema_editor):
    from search.index import rewrite_database_rows

    rewrite_database_rows()


class Migration(migrations.Migration):
    dependencies = [("kn_search", "0005_term_statistics")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
