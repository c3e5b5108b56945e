"""Dutch analysis for the search index, built with elasticsearch.dsl.

Three chains over the same text, each a subfield so the query can boost them differently:

- the plain field (`nl_exact`): lowercase + ASCII folding (coördinator = coordinator);
  exact words score highest;
- `.stem` (`nl_stem`): + Dutch stop words, stemmer overrides and the Dutch snowball stemmer;
- `.decomp` (`nl_decomp`): + a dictionary decompounder over the curated domain word list in
  `data/compound_parts.txt`, so jongerenwerker also matches "jongeren werker".

Synonyms (Theme synonyms + moderator-edited SearchSynonym rows) are applied at query time only,
by a `synonym_graph` filter in the search analyzers: an edit needs new index settings, not new
documents (see search.index.update_synonyms).
"""

from functools import cache, lru_cache
from pathlib import Path

from elasticsearch.dsl import analyzer, char_filter, token_filter

from exchange.themes.models import Theme

DATA_DIR = Path(__file__).resolve().parent / "data"


def _word_file(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def compound_parts() -> tuple[str, ...]:
    return tuple(_word_file("compound_parts.txt"))


@cache
def stem_overrides() -> tuple[str, ...]:
    return tuple(_word_file("stem_overrides.txt"))


@cache
def builtin_synonyms() -> tuple[str, ...]:
    return tuple(_word_file("synonyms.txt"))


def synonym_rules() -> list[str]:
    """Synonym rules in Solr's format: equivalences ("azc, asielzoekerscentrum") from the
    built-in domain list and the moderators' list; for each theme, its name stands for all
    its words ("onderwijs => onderwijs, school, docenten, mbo") and each word also for the
    name ("docenten => docenten, onderwijs").

    A theme's synonyms are the words searchers use for the theme, not synonyms of each other:
    "docenten" should also find what is written about onderwijs (and, through the theme
    names in the index, what is tagged with it), but not everything that mentions "mbo"."""
    return list(synonym_rule_set())


def synonym_rule_set() -> tuple[str, ...]:
    """`synonym_rules()` as the tuple query understanding keys its cache on.

    Read on every search, so an edit counts at once; the rules are worked out once per
    distinct set of rows (cleaning every term took 1-2 ms of each search)."""
    from .models import SearchSynonym

    themes = tuple(Theme.objects.values_list("name", "synonyms"))
    terms = tuple(SearchSynonym.objects.values_list("terms", flat=True))
    return _rules_from(themes, terms)


@lru_cache(maxsize=8)
def _rules_from(themes: tuple[tuple[str, str], ...], terms: tuple[str, ...]) -> tuple[str, ...]:
    rules = [_clean_rule(line) for line in builtin_synonyms()]
    for name, synonyms in themes:
        theme = _clean_term(name)
        words = [_clean_term(line) for line in synonyms.splitlines()]
        words = [word for word in words if word and word != theme]
        if theme and words:
            rules.append(f"{theme} => {', '.join([theme, *words])}")
            rules.extend(f"{word} => {word}, {theme}" for word in words)
    for line in terms:
        words = [_clean_term(word) for word in line.replace("\n", ",").split(",")]
        words = [word for word in words if word]
        if len(words) > 1:
            rules.append(", ".join(words))
    return tuple(rules or ["kennisnetwerk, kennisnetwerk"])


def _clean_rule(line: str) -> str:
    """A built-in rule with its terms cleaned: "a, b" or "a => a, b"."""
    sides = [", ".join(map(_clean_term, side.split(","))) for side in line.split("=>", 1)]
    return " => ".join(sides)


def _clean_term(word: str) -> str:
    # Synonym rules have their own syntax (",", "=>", "#"): keep letters, digits and spaces.
    return " ".join("".join(c if c.isalnum() else " " for c in word.lower()).split())


dutch_stop = token_filter("nl_stop", "stop", stopwords="_dutch_")
dutch_stemmer = token_filter("nl_stemmer", "stemmer", language="dutch")
decompounder = token_filter(
    "nl_decompounder",
    "dictionary_decompounder",
    word_list=list(compound_parts()),
    min_subword_size=3,
    only_longest_match=False,
)
# The decompounder emits overlapping parts that stem alike (jongere, jongeren -> jonger) and a
# listed word again as its own part; one token per form and position keeps a compound-rich
# text from scoring by how many overlapping parts its words happen to contain.
same_position_unique = token_filter("nl_unique", "unique", only_on_same_position=True)


# Snowball keeps the s or en of a plural after a vowel, so the plurals of words in -ie and -ee
# stay apart from their singular (organisaties, strategieen, moskeeen; organisatie,
# strategie, moskee): drop it first. Three letters before -ies, two before -iee(n)/-eeen,
# so short words (kies, vies, knie) keep theirs where it is not a plural ending. These run on
# every word of every text: each pattern starts with the letters it replaces and looks back
# only there (spelt with the look-behind first, bulk indexing fell from 1,040 to 780 items/s).
plural_after_vowel = token_filter(
    "nl_plural_after_vowel",
    "pattern_replace",
    pattern="s(?<=\\w{3}ies)$|en(?<=\\w{2}[ie]een)$",
    replacement="",
)
# -isatie nouns stay apart from their -iseren verb (radicalisatie, radicaliseren): joined,
# the database engine's typo correction, which compares stems, no longer reached a misspelt
# -isatie word (polarisatei: its stem was three edits from polariser); the tuning and dev
# sets had moved by nothing with it. Synonyms can join the pairs that matter.
# Snowball leaves verb forms of -eren verbs apart from their infinitive and -ing noun
# (radicaliseert / radicaliseren / radicalisering): rewrite them to the infinitive first.
verb_forms = token_filter(
    "nl_verb_forms", "pattern_replace", pattern="(?<=\\w{3})eer(t|d|de|den)$", replacement="eren"
)
WORD_FORMS = [plural_after_vowel, verb_forms]


# Abbreviations with dots or hyphens between single letters are one word (a.z.c., a-z-c and
# P.G.A. are azc and pga), and "'s" after a word is its plural (azc's, amv's). The database
# engine normalises with the same patterns (search.text.normalise).
#
# One character filter deletes both: a dot or hyphen after a single letter and before a
# letter that ends the word or is followed by one again, and an apostrophe-s after a letter or
# digit that ends the word. The filter runs on every text of every field (five times over a
# body), so each branch starts with the one character it deletes and looks around it only
# there: spelt with the letter and a look-behind first, as two filters, the patterns took a
# quarter of the node's CPU while bulk indexing. Same tokens and offsets either way (checked
# on every text and query of the relevance sets).
_LETTER_OR_DIGIT = "[\\p{L}\\p{N}]"
_DOT_BETWEEN_LETTERS = (
    f"[.\\-](?<=(?<!{_LETTER_OR_DIGIT})\\p{{L}}[.\\-])(?=\\p{{L}}(?:[.\\-]|(?!{_LETTER_OR_DIGIT})))"
)
_APOSTROPHE_S = f"['\u2019](?<={_LETTER_OR_DIGIT}['\u2019])s(?!{_LETTER_OR_DIGIT})"
ABBREVIATION_FILTERS = [
    char_filter(
        "nl_abbreviations",
        "pattern_replace",
        pattern=f"{_DOT_BETWEEN_LETTERS}|{_APOSTROPHE_S}",
        replacement="",
    ),
]
# Snowball keeps the voiced consonant of a plural stem (huizen -> huiz, brieven -> briev):
# give it back its singular's (huis, brief), as search.text.stem does. And it keeps the -d of
# a past participle (bedreigd(e), bezorgd -> bedreigd, bezorgd) apart from its verb and noun
# (bedreigen, bedreiging -> bedreig): after be-, ver-, ont- and her- a final d goes, as in
# search.text.stem. A noun with such a d loses it in every form alike (verband and verbanden
# are both verban), so nothing that matched before stops matching.
voiced_ends = [
    token_filter("nl_voiced_z", "pattern_replace", pattern="(?<=[aeiou])z$", replacement="s"),
    token_filter("nl_voiced_v", "pattern_replace", pattern="(?<=[aeiou])v$", replacement="f"),
    token_filter(
        "nl_participle",
        "pattern_replace",
        pattern="^((?:be|ver|ont|her)\\w{3,})d$",
        replacement="$1",
    ),
]


def _overrides():
    return token_filter("nl_stem_override", "stemmer_override", rules=list(stem_overrides()))


def synonym_filter(rules: list[str]):
    return token_filter("nl_synonyms", "synonym_graph", synonyms=rules, lenient=True)


def analyzers(rules: list[str]) -> dict:
    """Index-time and search-time analyzers, by name."""
    synonyms = synonym_filter(rules)
    base = ["lowercase", "asciifolding"]
    stem_tail = [*WORD_FORMS, _overrides(), dutch_stemmer, *voiced_ends]
    chain = {"tokenizer": "standard", "char_filter": ABBREVIATION_FILTERS}
    return {
        "nl_exact": analyzer("nl_exact", filter=base, **chain),
        "nl_exact_search": analyzer("nl_exact_search", filter=[*base, synonyms], **chain),
        "nl_stem": analyzer("nl_stem", filter=[*base, dutch_stop, *stem_tail], **chain),
        "nl_stem_search": analyzer(
            "nl_stem_search", filter=[*base, dutch_stop, synonyms, *stem_tail], **chain
        ),
        # The decompounder sits before the stemmer: the word list holds unstemmed words.
        "nl_decomp": analyzer(
            "nl_decomp",
            filter=[*base, dutch_stop, decompounder, *stem_tail, same_position_unique],
            **chain,
        ),
    }
