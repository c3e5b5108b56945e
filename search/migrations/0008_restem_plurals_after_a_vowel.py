"""The database rows' terms written again: the stemming now joins the plurals of words in -ie
and -ee to their singular (organisaties, strategieën, moskeeën), on the engine's index and in
search.text alike. A row stemmed the old way would no longer match those words in a query. As
0006 did, this calls the sync's own code (search.index.rewrite_database_rows); on a new
database there is nothing to do. After deploying, `rebuild_search_index` gives the engine's
index the new analysis."""

from django.db import migrations


def restem(apps, schema_editor):
    from search.index import rewrite_database_rows

    rewrite_database_rows()


class Migration(migrations.Migration):
    dependencies = [("kn_search", "0007_search_entry_embedding")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
