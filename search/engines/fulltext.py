"""The database's own full-text index under SearchEntry: SQLite FTS5 or PostgreSQL tsvector.

SearchEntry already holds each field's analysed terms (search.text: folded, stemmed, compounds
split); the database only has to index those words as they are and rank them. SQLite keeps
an external-content FTS5 table in step with triggers; PostgreSQL a generated, GIN-indexed
tsvector column with the title, summary and body weighted A, B and C. Both are created by
migration search 0002.

A query is a list of alternatives, each one or more phrases that must all occur (a word, a
phrase of words, or the parts of a compound); `matching` gives the rows that contain any
alternative, `scores` ranks those rows too (BM25 on SQLite, ts_rank on PostgreSQL). Both pass
the alternatives as parameters, never as SQL. `vocabulary` lists the indexed terms, for
spelling corrections.
"""

from django.db import connection

Phrase = tuple[str, ...]
Alternative = tuple[Phrase, ...]

# Field weights: title > summary > body, as in the engines' boosts.
TS_RANK_WEIGHTS = "{0, 0.125, 0.375, 1.0}"  # D, C, B, A

SQLITE_MATCHES = (
    "SELECT rowid FROM kn_search_searchentry_fts WHERE kn_search_searchentry_fts MATCH %s"
)
# BM25 (summed over the query's words and phrases) with the field weights title 8, summary 3,
# body 1; negated so higher is better.
SQLITE_SCORES = """SELECT rowid, -bm25(kn_search_searchentry_fts, 8.0, 3.0, 1.0)
    FROM kn_search_searchentry_fts WHERE kn_search_searchentry_fts MATCH %s"""
POSTGRES_MATCHES = (
    "SELECT id FROM kn_search_searchentry WHERE search_vector @@ to_tsquery('simple', %s)"
)
# ts_rank with the weights D, C, B, A; normalisation 1 divides by 1 + log(length).
POSTGRES_SCORES = """SELECT id, ts_rank(%s::float4[], search_vector, query, 1)
    FROM kn_search_searchentry, to_tsquery('simple', %s) query WHERE search_vector @@ query"""


SQLITE_VOCABULARY = """SELECT term, doc FROM kn_search_searchentry_vocab
    WHERE length(term) BETWEEN %s AND %s"""
POSTGRES_VOCABULARY = """SELECT word, ndoc
    FROM ts_stat('SELECT search_vector FROM kn_search_searchentry')
    WHERE length(word) BETWEEN %s AND %s"""


def _clean(alternatives: list[Alternative]) -> list[Alternative]:
    # Terms come from search.text (\w+ runs); keep those with a letter or digit in them.
    out = []
    for alternative in alternatives:
        phrases = []
        for phrase in alternative:
            words = tuple(word for word in phrase if any(c.isalnum() for c in word))
            if words and words not in phrases:
                phrases.append(words)
        if phrases and tuple(phrases) not in out:
            out.append(tuple(phrases))
    return out


def _fts5_phrase(words: Phrase) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _fts5_query(alternatives: list[Alternative]) -> str:
    return " OR ".join(
        "(" + " AND ".join(map(_fts5_phrase, alternative)) + ")" for alternative in alternatives
    )


def _ts_phrase(words: Phrase) -> str:
    return "(" + " <-> ".join("'" + word.replace("'", "''") + "'" for word in words) + ")"


def _tsquery(alternatives: list[Alternative]) -> str:
    return " | ".join(
        "(" + " & ".join(map(_ts_phrase, alternative)) + ")" for alternative in alternatives
    )


def scores_of_all(groups: list[list[Alternative]]) -> dict[int, float]:
    """Relevance of every row that contains at least one alternative of every group. The
    rank sums over every alternative, as `scores` does, so these rows keep their order."""
    groups = [cleaned for cleaned in map(_clean, groups) if cleaned]
    if not groups:
        return {}
    if connection.vendor == "postgresql":
        query = " & ".join(f"({_tsquery(group)})" for group in groups)
        return dict(_run(POSTGRES_SCORES, [TS_RANK_WEIGHTS, query]))
    query = " AND ".join(f"({_fts5_query(group)})" for group in groups)
    return dict(_run(SQLITE_SCORES, [query]))


def _run(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def matching(alternatives: list[Alternative]) -> set[int]:
    """Ids of the SearchEntry rows that contain any of the alternatives (cheap: no ranking)."""
    alternatives = _clean(alternatives)
    if not alternatives:
        return set()
    if connection.vendor == "postgresql":
        rows = _run(POSTGRES_MATCHES, [_tsquery(alternatives)])
    else:
        rows = _run(SQLITE_MATCHES, [_fts5_query(alternatives)])
    return {pk for (pk,) in rows}


def scores(alternatives: list[Alternative]) -> dict[int, float]:
    """Relevance of every row containing any of the alternatives (higher is better)."""
    alternatives = _clean(alternatives)
    if not alternatives:
        return {}
    if connection.vendor == "postgresql":
        return dict(_run(POSTGRES_SCORES, [TS_RANK_WEIGHTS, _tsquery(alternatives)]))
    return dict(_run(SQLITE_SCORES, [_fts5_query(alternatives)]))


def vocabulary(shortest: int, longest: int) -> list[tuple[str, int]]:
    """(term, number of rows holding it) for the indexed terms of these lengths, of every
    row: the caller checks a term against what the viewer may see before using it. On SQLite
    an fts5vocab table over the index (migration 0004); PostgreSQL reads the tsvectors
    (ts_stat), which is why it is asked only for a word that matched nothing."""
    sql = POSTGRES_VOCABULARY if connection.vendor == "postgresql" else SQLITE_VOCABULARY
    return _run(sql, [shortest, longest])
