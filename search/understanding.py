"""What a query asks for, worked out once for every engine.

The text becomes a list of groups, one per thing the searcher asked for, each holding the forms
that count as finding it:
- the word as typed (each engine stems it as it stems its index);
- for a compound, all of its parts (gebedshuisbeveiliging: gebed + huis + beveiliging), so
  items that use the parts apart are found too;
- its synonyms, or those of a phrase it is part of (ggz / geestelijke gezondheidszorg);
- for two words typed side by side that Dutch writes as one, that compound and its synonyms
  ("asielzoekers centrum": asielzoekerscentrum, azc), as more forms of both;
- a spelling correction, added by the engine when the word occurs nowhere it may look
  (`Group.corrected`).
The text is first normalised as the index is (`search.text.normalise`: a.z.c. and a-z-c are
azc, azc's is azc), and question words, pronouns and filler are left out: in "hoe betrek je
ouders bij preventie" only ouders, betrek and preventie say what is wanted.

OpenSearch (search.query) and the database engine (engines/database.py) build their queries from
these groups, so a synonym, an abbreviation, a compound or a correction means the same thing
whichever engine answers.
"""

from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from . import text as nl

# Asking words that carry no subject: question words, pronouns, modal and helper verbs, and
# the forum's own filler ("ervaringen met", "tips voor", "welke aanpak werkt", "andere
# gemeenten"). Dutch stop words (search.text.STOP_WORDS) are left out already. A filler word
# inside a synonym phrase stays ("persoonsgerichte aanpak" is pga).
FILLER = frozenset(
    """hoe wat welke welk wie waar waarom wanneer waardoor waarmee hoeveel jullie jij jou
    jouw wij we ons onze ik mij mijn u uw zij ze hen hun iemand iets mensen kun kunt kunnen
    kan moet moeten mag mogen zou zouden willen wil gaat gaan ga doe doet doen pak pakken
    aan heeft hebben krijg krijgen zijn er ervaring ervaringen tips tip gevraagd vraag
    andere anderen gemeenten eigenlijk precies graag aanpak werkt werken omgaan omgaat
    manier manieren organiseer organiseren niks""".split()  # noqa: SIM905 - a word list
)
# Both engines rank an item by how well it matches, times the share of the query's groups it
# holds to this power: an item with most of what was asked outranks one that matches one word
# strongly (a theme synonym, one word in a title).
COVERAGE_POWER = 2
# A group held only in a wider or narrower word (a theme's name or synonyms, "=>" rules)
# counts for this much of a group in that share.
SYNONYM_COVERAGE = 0.5
# A query is answered on its first words only (a 10,000-character query is still answered).
MAX_GROUPS = 12
# Parts of a compound need at least this many letters; one part may be a word the domain
# list does not hold (beveiliging in gebedshuisbeveiliging) if it is at least this long.
MIN_PART, MIN_UNLISTED = 3, 4
# Synonyms tried per part of a compound typed.
MAX_PART_SYNONYMS = 3
# Sounds that join the parts of a Dutch compound (gebed-s-huis, boek-en-kast).
LINKS = ("", "s", "e", "en")
# A compound the domain list cannot split is split by the collection's own words: in two
# parts of at least this many letters, each held by at least this many items.
VOCABULARY_PART, VOCABULARY_ITEMS = 4, 3

Phrase = tuple[str, ...]  # words that stand together, in this order
Alternative = tuple[Phrase, ...]  # phrases that must all occur: one, or a compound's parts


@dataclass(frozen=True)
class Group:
    """One thing the searcher asked for, in every form that counts as finding it: its own
    forms (the word, a compound's parts, a correction) and its synonyms."""

    typed: str  # the word or phrase as typed, normalised
    forms: tuple[Alternative, ...]
    synonyms: tuple[Alternative, ...] = ()
    corrected: str | None = None  # the word it was probably meant to be (see search.spelling)

    def with_correction(self, word: str) -> "Group":
        """The group with `word` as another form, and its compound's parts too: a misspelt
        compound (moskeebestur) also finds what writes the parts apart (bestuur van de
        moskee), as the compound typed correctly would."""
        parts = split_compound(nl.fold(word))
        added = [((word,),), *([tuple((part,) for part in parts)] if parts else [])]
        return replace(self, corrected=word, forms=(*self.forms, *added))

    @property
    def alternatives(self) -> tuple[Alternative, ...]:
        return self.forms + self.synonyms

    @property
    def phrases(self) -> list[Phrase]:
        return [phrase for alternative in self.alternatives for phrase in alternative]


@dataclass(frozen=True)
class Understood:
    """The query's groups, and its content words as text (for phrases and snippets)."""

    groups: tuple[Group, ...]
    text: str

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def corrected_text(self) -> str | None:
        """The query with its corrections in place (for "bedoelde u …"), or None."""
        if not any(group.corrected for group in self.groups):
            return None
        return " ".join(group.corrected or group.typed for group in self.groups)

    def with_corrections(self, corrections: dict[str, str]) -> "Understood":
        """The same query with `corrections` (typed word -> correction) as an alternative."""
        groups = tuple(
            group.with_correction(corrections[group.typed]) if group.typed in corrections else group
            for group in self.groups
        )
        return replace(self, groups=groups)


def _without_filler(groups: list[Group]) -> list[Group]:
    """The groups without filler words (or all of them when nothing else is left: "wie
    zijn wij" still asks something)."""
    content = [group for group in groups if group.synonyms or group.typed not in FILLER]
    return content or groups


@cache
def _parts() -> frozenset[str]:
    from .analysis import compound_parts

    return frozenset(nl.fold(part) for part in compound_parts() if len(part) >= MIN_PART)


@lru_cache(maxsize=4096)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a compound, from the domain word list (search/data/compound_parts.txt):
    the split that leaves the fewest letters to unlisted parts, then has the fewest parts.
    At most one part may be unlisted. () when the word is no compound of listed parts, or is
    listed itself."""
    parts = _parts()
    if len(word) < 2 * MIN_PART + 1 or word in parts:
        return ()
    # best[i]: (unlisted letters, number of parts, parts) for the first i letters.
    best: dict[int, tuple[int, int, tuple[str, ...]]] = {0: (0, 0, ())}
    for start in range(len(word)):
        if start not in best:
            continue
        unlisted, count, found = best[start]
        for end in range(start + MIN_PART, len(word) + 1):
            piece = word[start:end]
            if piece in parts:
                steps = [(end + len(link), 0) for link in LINKS if word.startswith(link, end)]
            elif len(piece) >= MIN_UNLISTED and not unlisted:
                steps = [(end, len(piece))]
            else:
                continue
            for stop, extra in steps:
                if start == 0 and stop == len(word):
                    continue  # the word itself, perhaps inflected (jeugdwerker-s): no split
                candidate = (unlisted + extra, count + 1, (*found, piece))
                if stop <= len(word) and (stop not in best or candidate < best[stop]):
                    best[stop] = candidate
    unlisted, count, found = best.get(len(word), (0, 0, ()))
    return found if count >= 2 and unlisted < len(word) // 2 else ()


@dataclass(frozen=True)
class Vocabulary:
    """The collection's terms and how many items hold each (search.feedback.vocabulary), as
    one value per version: the understanding of a query is kept per version."""

    version: str
    counts: dict = field(compare=False, hash=False, repr=False)


NO_VOCABULARY = Vocabulary("", {})


@lru_cache(maxsize=4096)
def vocabulary_split(word: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """The two parts of a compound that the domain list does not know, by the words of the
    collection (moskeebestuur: moskee + bestuur; raadsleden: raad + leden): the split whose
    parts the most items hold (the geometric mean), each part a word of `VOCABULARY_PART`
    letters or more held by `VOCABULARY_ITEMS` items or more, and only for a compound that
    fewer than `VOCABULARY_ITEMS` items hold (a word the collection knows, such as
    samenwerking or terugkeer, stays whole). () otherwise."""
    counts = vocabulary.counts
    if (
        not counts
        or len(word) < 2 * VOCABULARY_PART
        or counts.get(nl.stem(word), 0) >= VOCABULARY_ITEMS
    ):
        return ()
    best: tuple[float, tuple[str, ...]] = (0.0, ())
    for end in range(VOCABULARY_PART, len(word) - VOCABULARY_PART + 1):
        first = word[:end]
        held = counts.get(nl.stem(first), 0)
        if held < VOCABULARY_ITEMS or first in nl.STOP_WORDS:
            continue
        for link in LINKS:
            second = word[end + len(link) :]
            if not word.startswith(link, end) or len(second) < VOCABULARY_PART:
                continue
            other = counts.get(nl.stem(second), 0)
            if other >= VOCABULARY_ITEMS and second not in nl.STOP_WORDS:
                best = max(best, ((held * other) ** 0.5, (first, second)))
    return best[1]


def _word_group(word: str, rules, vocabulary: Vocabulary = NO_VOCABULARY) -> Group:
    """A word's group: the word, and for a compound its parts (all of them), also with a
    part replaced by a one-word synonym of it ("jeugdwerker": jongeren + werker, and
    jongerenwerker)."""
    forms: list[Alternative] = [((word,),)]
    synonyms: list[Alternative] = []
    parts = split_compound(word) or vocabulary_split(word, vocabulary)
    if parts:
        forms.append(tuple((part,) for part in parts))
        for index, part in enumerate(parts):
            for other, equivalent in _word_synonyms(part, rules)[:MAX_PART_SYNONYMS]:
                replaced = (*parts[:index], other, *parts[index + 1 :])
                found = (tuple((piece,) for piece in replaced), (("".join(replaced),),))
                (forms if equivalent else synonyms).extend(found)
    return Group(word, tuple(forms), tuple(synonyms))


def _joined_forms(first: str, second: str, rules) -> tuple[list, list] | None:
    """What two words typed apart mean when Dutch writes them as one ("asielzoekers centrum",
    "jongeren werkers"): the compound, its synonyms (azc) and a part's synonyms (jeugdwerkers),
    as more forms and synonyms of both words. None when the compound adds nothing: the index
    holds a compound's parts already."""
    if first in FILLER or second in FILLER:
        return None
    for link in ("", "s"):
        joined = first + link + second
        compound = _word_group(joined, rules)
        parts = tuple((part,) for part in split_compound(joined))
        forms = [form for form in compound.forms if form != parts]
        synonyms = list(compound.synonyms)
        for triggers, means, equivalent in synonym_phrases(rules):
            if any(_stems(phrase) == (nl.stem(joined),) for phrase in triggers):
                found = [(phrase,) for phrase in means if _stems(phrase) != (nl.stem(joined),)]
                (forms if equivalent else synonyms).extend(found)
        # Only a compound the domain word list or the rules know, itself or with a part's
        # synonym (jeugdwerker): two unrelated words typed side by side stay two words.
        words = [alternative[0][0] for alternative in forms + synonyms if _one_word(alternative)]
        if any(_known(word, rules) for word in words):
            return forms, synonyms
    return None


def _one_word(alternative: Alternative) -> bool:
    return len(alternative) == 1 and len(alternative[0]) == 1


def _known(word: str, rules) -> bool:
    """Whether the domain word list or a synonym rule holds `word`."""
    stem = nl.stem(word)
    return word in _parts() or any(
        _stems(phrase) == (stem,)
        for triggers, _means, _eq in synonym_phrases(rules)
        for phrase in triggers
    )


def _with_joined(groups: list[Group], adjacent: set[tuple[str, str]], rules) -> list[Group]:
    """`groups` with the compounds of neighbouring words typed apart as more forms of each."""
    out = list(groups)
    for index in range(len(groups) - 1):
        first, second = groups[index].typed, groups[index + 1].typed
        if (first, second) not in adjacent:
            continue
        found = _joined_forms(first, second, rules)
        if found:
            forms, synonyms = found
            for at in (index, index + 1):
                group = out[at]
                out[at] = replace(
                    group,
                    forms=tuple(dict.fromkeys([*group.forms, *forms])),
                    synonyms=tuple(dict.fromkeys([*group.synonyms, *synonyms])),
                )
    return out


def _word_synonyms(word: str, rules) -> list[tuple[str, bool]]:
    """One-word synonyms of `word` by the rules, and whether each is an equivalence."""
    stem = nl.stem(word)
    found = []
    for triggers, means, equivalent in synonym_phrases(rules):
        if any(len(phrase) == 1 and nl.stem(phrase[0]) == stem for phrase in triggers):
            found += [
                (phrase[0], equivalent)
                for phrase in means
                if len(phrase) == 1 and nl.stem(phrase[0]) != stem
            ]
    return found


def _rule_phrases(words: str) -> tuple[Phrase, ...]:
    phrases = (tuple(nl.words(phrase)) for phrase in words.split(","))
    return tuple(phrase for phrase in phrases if phrase)


@lru_cache(maxsize=8)
def synonym_phrases(rules: tuple[str, ...]) -> tuple[tuple[tuple[Phrase, ...], ...], ...]:
    """Per rule: the phrases that trigger it, the phrases they then stand for, and whether
    these are the same thing. "a, b" is an equivalence (azc, asielzoekerscentrum); "a => a, b"
    makes a also mean b, a wider or narrower word (a theme's synonym and its name). The rules
    are read for every search (a moderator's edit counts at once); this analysis runs once per
    distinct set of rules."""
    out = []
    for rule in rules:
        found, arrow, means = rule.partition("=>")
        found = _rule_phrases(found)
        out.append((found, _rule_phrases(means) if arrow else found, not arrow))
    return tuple(out)


def _stems(phrase: Phrase) -> Phrase:
    return tuple(nl.stem(word) for word in phrase)


def collection_vocabulary() -> Vocabulary:
    """The collection's terms as this process holds them (search.feedback.vocabulary)."""
    from .feedback import vocabulary

    return Vocabulary(*vocabulary())


def understand(
    text: str, rules: tuple[str, ...] | None = None, vocabulary: Vocabulary = NO_VOCABULARY
) -> Understood:
    """The groups of `text` (see the module's docstring); `rules` are the synonym rules
    (search.analysis.synonym_rules, read when not given: an edit counts at once); the engines
    pass the collection's `vocabulary` (`collection_vocabulary`) to split unknown compounds."""
    if rules is None:
        from .analysis import synonym_rule_set

        rules = synonym_rule_set()
    return _understand(text, rules, vocabulary)


@lru_cache(maxsize=1024)
def _understand(
    text: str, rules: tuple[str, ...], vocabulary: Vocabulary = NO_VOCABULARY
) -> Understood:
    # Room for filler: the groups are cut to MAX_GROUPS once it is out.
    words = nl.words(text)[: 2 * MAX_GROUPS]
    if not words:
        return Understood((), "")
    groups = [_word_group(word, rules, vocabulary) for word in words]
    stems = [nl.stem(word) for word in words]
    spans = []  # (start, end, phrases, equivalent) for each synonym rule found in the query
    for found, means, equivalent in synonym_phrases(rules):
        for phrase in found:
            wanted = _stems(phrase)
            for start in range(len(stems) - len(wanted) + 1):
                if tuple(stems[start : start + len(wanted)]) == wanted:
                    spans.append((start, start + len(wanted), means, equivalent))
    # Longest first; at one span, the equivalences before the wider words.
    spans.sort(key=lambda span: (span[0] - span[1], not span[3]))
    merged: dict[tuple[int, int], tuple[list, list]] = {}
    taken = [False] * len(groups)
    for start, end, phrases, equivalent in spans:
        if (start, end) not in merged and any(taken[start:end]):
            continue  # part of a longer synonym phrase already
        typed = tuple(words[start:end])
        forms, synonyms = merged.setdefault(
            (start, end), (list(groups[start].forms) if end - start == 1 else [(typed,)], [])
        )
        for phrase in phrases:
            if (phrase,) not in forms and (phrase,) not in synonyms and phrase != typed:
                (forms if equivalent else synonyms).append((phrase,))
        for index in range(start, end):
            taken[index] = True
    by_start = {
        start: Group(" ".join(words[start:end]), tuple(forms), tuple(synonyms))
        for (start, end), (forms, synonyms) in merged.items()
    }
    found = [
        by_start.get(index, group)
        for index, group in enumerate(groups)
        if index in by_start or not taken[index]
    ]
    # Words next to each other as typed (no stop word between them) may form a compound.
    typed = nl.WORD.findall(nl.fold(nl.normalise(text)))
    adjacent = set(zip(typed, typed[1:], strict=False))
    out = _without_filler(_with_joined(found, adjacent, rules))[:MAX_GROUPS]
    return Understood(tuple(out), " ".join(group.typed for group in out))
