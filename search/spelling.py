"""Spelling corrections, the same rules on every engine.

A word is corrected only when it occurs nowhere the searcher may look; its correction is the
word that does occur, within a small edit distance (one for words up to five letters, two for
longer ones, as the engine's AUTO fuzziness; ei for ij or the reverse is one), the first letter
included ("kadicalisering" is radicalisering), the commonest first. OpenSearch finds it with
the phrase suggester (search.query `spelling_suggester`), the database engine in its full-text
vocabulary (`closest`); both check that an item the viewer may see holds the correction before
it is used or offered.
"""

from collections.abc import Iterable

from . import text as nl

MIN_LENGTH = 4  # shorter words are left as typed


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment); limit + 1 once it is
    certain to be more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if before and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return row[-1]


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def _sound(word: str) -> str:
    # ei and ij sound alike and are mixed up (weik, wijkteem): one edit, not two.
    return word.replace("ij", "ei")


def typo_distance(a: str, b: str, limit: int) -> int:
    """The edits between two words, with ei and ij as one sound."""
    return distance(_sound(a), _sound(b), limit)


def closest(word: str, vocabulary: Iterable[tuple[str, int]]) -> list[str]:
    """Terms of `vocabulary` ((term, documents) pairs) within the edit distance allowed for
    `word`, nearest first, then by how many documents hold them."""
    limit = max_distance(word)
    grams = _bigrams(_sound(word))
    # One edit changes at most two bigrams: a cheap test before the exact distance.
    needed = len(grams) - 2 * limit
    found = []
    for term, documents in vocabulary:
        if term == word or abs(len(term) - len(word)) > limit:
            continue
        if needed > 0 and len(grams & _bigrams(_sound(term))) < needed:
            continue
        edits = max(typo_distance(word, term, limit), 1)
        if edits <= limit:
            found.append((edits, -documents, term))
    return [term for _edits, _documents, term in sorted(found)]


def corrected_query(text: str, corrections: dict[str, str]) -> str | None:
    """`text` with each corrected word replaced (the rest as typed), for "bedoelde u …"."""
    if not corrections:
        return None
    return nl.WORD.sub(
        lambda found: corrections.get(nl.fold(found.group(0)), found.group(0)),
        nl.normalise(text),
    )
