"""The database engine's full-text index: FTS5 on SQLite, a tsvector column on PostgreSQL.

Outside the model state (Django has no field for either); queried by search/engines/fulltext.py.
"""

from django.db import migrations

SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS kn_search_searchentry_fts USING fts5(
        title_terms, summary_terms, body_terms,
        content='kn_search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS kn_search_searchentry_fts_insert
    AFTER INSERT ON kn_search_searchentry BEGIN
        INSERT INTO kn_search_searchentry_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS kn_search_searchentry_fts_delete
    AFTER DELETE ON kn_search_searchentry BEGIN
        INSERT INTO kn_search_searchentry_fts(
            kn_search_searchentry_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
    END""",
    """CREATE TRIGGER IF NOT EXISTS kn_search_searchentry_fts_update
    AFTER UPDATE ON kn_search_searchentry BEGIN
        INSERT INTO kn_search_searchentry_fts(
            kn_search_searchentry_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
        INSERT INTO kn_search_searchentry_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
    # Rows written before the table existed.
    "INSERT INTO kn_search_searchentry_fts(kn_search_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS kn_search_searchentry_fts_insert",
    "DROP TRIGGER IF EXISTS kn_search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS kn_search_searchentry_fts_update",
    "DROP TABLE IF EXISTS kn_search_searchentry_fts",
]

POSTGRES_INSTALL = [
    """ALTER TABLE kn_search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', summary_terms), 'B')
        || setweight(to_tsvector('simple', body_terms), 'C')) STORED""",
    """CREATE INDEX kn_search_searchentry_search_vector
    ON kn_search_searchentry USING GIN (search_vector)""",
]
POSTGRES_UNINSTALL = [
    "DROP INDEX IF EXISTS kn_search_searchentry_search_vector",
    "ALTER TABLE kn_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
    "postgresql": (POSTGRES_INSTALL, POSTGRES_UNINSTALL),
}


def install(apps, schema_editor):
    for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql)


def uninstall(apps, schema_editor):
    for sql in STATEMENTS.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("kn_search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
