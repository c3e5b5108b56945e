"""The database engine's Dutch analysis, a small Python cousin of search.analysis.

The same normalisation of abbreviations as the engine's (`normalise`), lowercase + ASCII
folding, Dutch stop words, the same domain word list for compounds, and the same stems as the
index's `nl_stem` chain (`stem`: the same Snowball algorithm, overrides and rewrites; checked
word for word against the node in tests/search/test_analysis.py).
"""

import re
import threading
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

from .analysis import compound_parts, stem_overrides

WORD = re.compile(r"\w+")
# Abbreviations written with dots or hyphens between single letters are one word (a.z.c.,
# a-z-c and P.G.A. are azc and pga), and "'s" after a word is its plural (azc's, amv's): the
# engine's index does the same with the same patterns (search.analysis.ABBREVIATION_FILTERS).
LETTERS_APART = re.compile(r"(?<![^\W_])([^\W\d_])[.\-](?=[^\W\d_](?:[.\-]|(?![^\W_])))")
APOSTROPHE_S = re.compile(r"(?<=[^\W_])['\u2019]s(?![^\W_])")
# The engine's word-form rewrites before its stemmer (search.analysis.WORD_FORMS), in order.
WORD_FORMS = (
    (re.compile(r"s(?<=\w{3}ies)$|en(?<=\w{2}[ie]een)$"), ""),
    (re.compile(r"(?<=\w{3})eer(t|d|de|den)$"), "eren"),
)
VOICED_END = re.compile(r"(?<=[aeiou])[zv]$")
PARTICIPLE = re.compile(r"^((?:be|ver|ont|her)\w{3,})d$")
UNVOICED = {"z": "s", "v": "f"}
# Lucene's "dutch" stemmer is the original Snowball algorithm (Snowball 3 calls it
# dutch_porter; its new "dutch" is another algorithm): the same stems on both engines.
_SNOWBALL = snowballstemmer.stemmer("dutch_porter")
_SNOWBALL_LOCK = threading.Lock()
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere we wij hoe welke kun kunt""".split()  # noqa: SIM905 - reads as a word list
)


def normalise(text: str) -> str:
    return APOSTROPHE_S.sub("", LETTERS_APART.sub(r"\1", text))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _overrides() -> dict[str, str]:
    """The engine's stemmer overrides (data/stem_overrides.txt): word -> stem."""
    pairs = (rule.split("=>") for rule in stem_overrides())
    return {fold(word.strip()): fold(found.strip()) for word, found in pairs}


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A folded word's stem, as the engine's `nl_stem` chain makes it (search.analysis): the
    plural s or en after -ie and -ee off, -eert/-eerde to -eren, the
    overrides, the Dutch snowball stemmer that Lucene calls "dutch" (Snowball's
    `dutch_porter`), the voiced consonant of a plural stem back to its singular's (huizen,
    huis) and the d of a past participle after be-, ver-, ont- and her-."""
    for pattern, replacement in WORD_FORMS:
        word = pattern.sub(replacement, word)
    found = _overrides().get(word)
    if found is None:
        with _SNOWBALL_LOCK:  # a stemmer object keeps its word while it works
            found = _SNOWBALL.stemWord(word)
    found = VOICED_END.sub(lambda end: UNVOICED[end.group(0)], found)
    return PARTICIPLE.sub(r"\1", found)


@cache
def _parts() -> tuple[str, ...]:
    return tuple(sorted({fold(part) for part in compound_parts() if len(part) >= 3}))


def decompound(word: str) -> list[str]:
    if len(word) < 7:
        return []
    return [part for part in _parts() if part != word and part in word]


def words(text: str) -> list[str]:
    """The folded words of `text` without stop words, unstemmed."""
    return [word for word in WORD.findall(fold(normalise(text or ""))) if word not in STOP_WORDS]


def stems(text: str) -> list[str]:
    """The stems of `text`'s words, in order: two texts with the same stems differ only in
    inflection."""
    return [stem(word) for word in words(text)]


def terms(text: str, *, compounds: bool = True) -> list[str]:
    """Normalised terms of `text`: folded, without stop words, stemmed, compounds split."""
    out = []
    for word in words(text):
        out.append(stem(word))
        if compounds:
            out.extend(stem(part) for part in decompound(word))
    return out


def joined(text: str) -> str:
    """The text's terms as stored for the database's full-text index: the words in order (so
    phrases match), then the parts of its compounds."""
    found = words(text)
    parts = [stem(part) for word in found for part in decompound(word)]
    return " " + " ".join([stem(word) for word in found] + parts) + " "
