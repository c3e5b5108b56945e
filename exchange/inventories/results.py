"""Results of a questionnaire: per question, per group of municipalities, through small_groups.

Every page, chart, table and CSV of results is built from `questionnaire_results()`: it reads
the submitted answers in a fixed number of queries, counts them per group (the nation,
provinces, size classes), and, unless the viewer sees everything, hands each question's groups
(of every round shown together) to `exchange.core.small_groups.protect` as one release.
"""

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from exchange.core import small_groups
from exchange.municipalities.models import PROVINCES, Municipality
from exchange.municipalities.size_classes import SIZE_CLASSES, size_class, size_class_label

from .models import Answer, Kind, Question, Questionnaire, Response

NATIONAL = ("nl",)


def province_key(name: str) -> tuple:
    return ("province", name)


def size_key(number: int) -> tuple:
    return ("size", number)


def group_label(key: tuple) -> str:
    if key == NATIONAL:
        return _("Alle gemeenten")
    if key[0] == "province":
        return key[1]
    return size_class_label(key[1])


@dataclass
class Respondent:
    response_id: int
    municipality_id: int | None
    province: str | None
    size: int | None
    member_id: int | None = None
    group_keys: tuple = ()

    def __post_init__(self):
        keys = [NATIONAL]
        if self.province:
            keys.append(province_key(self.province))
        if self.size:
            keys.append(size_key(self.size))
        self.group_keys = tuple(keys)

    @cached_property
    def unit(self):
        # Figures cover municipalities; a partner's member counts as a unit of their own.
        return self.municipality_id if self.municipality_id else ("member", self.member_id)


@dataclass
class Row:
    label: str
    count: int | None  # None: suppressed
    share: float | None  # of the group's answers, 0–100


@dataclass
class GroupResult:
    key: tuple
    label: str
    size: int | None  # municipalities that answered; None when the group is suppressed
    rows: list[Row] = field(default_factory=list)
    median: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.size is not None


@dataclass
class QuestionResult:
    question: Question
    groups: list[GroupResult]
    # The same question in the other rounds shown beside this one: their national figures.
    other_rounds: list[tuple[Questionnaire, GroupResult]] = field(default_factory=list)

    def group(self, key) -> GroupResult | None:
        return next((g for g in self.groups if g.key == key), None)

    @property
    def national(self) -> GroupResult:
        return self.groups[0]


@dataclass
class Results:
    questionnaire: Questionnaire
    questions: list[QuestionResult]
    respondents: int
    protected: bool
    minimum: int


def respondents_of(questionnaire: Questionnaire) -> list[Respondent]:
    """Who submitted, with the groups they belong to (one query)."""
    rows = (
        Response.objects.filter(questionnaire=questionnaire, status=Response.Status.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values_list(
            "pk",
            "municipality_id",
            "municipality__province",
            "municipality__population",
            "member_id",
        )
    )
    return [
        Respondent(
            response_id=pk,
            municipality_id=municipality_id,
            province=province,
            size=size_class(population),
            member_id=member_id,
        )
        for pk, municipality_id, province, population, member_id in rows
    ]


def in_steps(respondents: list[Respondent], minimum: int) -> list[Respondent]:
    """For a round still open: each group counts its municipalities in steps of `minimum`,
    earliest submitted first, so two looks at a growing round never differ by one newcomer."""
    units: dict[tuple, list] = defaultdict(list)
    seen: dict[tuple, set] = defaultdict(set)
    for respondent in respondents:
        for key in respondent.group_keys:
            if respondent.unit not in seen[key]:
                seen[key].add(respondent.unit)
                units[key].append(respondent.unit)
    allowed = {key: set(found[: len(found) // minimum * minimum]) for key, found in units.items()}
    stepped = []
    for respondent in respondents:
        keys = tuple(key for key in respondent.group_keys if respondent.unit in allowed[key])
        if keys:
            copy = replace(respondent)
            copy.group_keys = keys
            stepped.append(copy)
    return stepped


def _answers(respondents: list[Respondent]) -> dict[int, dict[int, object]]:
    """question id -> response id -> value (one query).

    The values come as JSON text and are read here: most are a short string or a number, and
    skipping Django's converter for each of thousands of rows halves the page's time.
    """
    by_question: dict[int, dict[int, object]] = defaultdict(dict)
    rows = (
        Answer.objects.filter(response_id__in=[r.response_id for r in respondents])
        .annotate(text=Cast("value", output_field=TextField()))
        .values_list("response_id", "question_id", "text")
    )
    for response_id, question_id, text in rows:
        by_question[question_id][response_id] = _json(text)
    return by_question


def _json(text: str):
    first = text[0]
    if first == '"' and "\\" not in text:
        return text[1:-1]
    if first.isdigit() or first == "-":
        return int(text) if text.lstrip("-").isdigit() else float(text)
    return json.loads(text)


def _options(question: Question) -> list[str]:
    if question.kind == Kind.SCALE:
        return ["1", "2", "3", "4", "5"]
    return question.choice_list


def _option_label(question: Question, option: str) -> str:
    if question.kind != Kind.SCALE:
        return option
    if option == "1" and question.scale_low:
        return f"1 ({question.scale_low})"
    if option == "5" and question.scale_high:
        return f"5 ({question.scale_high})"
    return option


@dataclass
class _Raw:
    """One group's answers to one question before protection."""

    key: tuple
    round_key: object
    units: set = field(default_factory=set)
    counts: dict = field(default_factory=dict)
    numbers: list = field(default_factory=list)
    texts: list = field(default_factory=list)


def _count(question, group_keys, respondents, answers, *, distinct=False) -> dict[tuple, _Raw]:
    """Count one question's answers per group. With `distinct` (several responses per
    municipality: questionnaires per member) a cell counts municipalities, not responses."""
    raws = {key: _Raw(key=key, round_key=None) for key in group_keys}
    cell_units = defaultdict(set) if distinct else None
    options = _options(question)
    for raw in raws.values():
        raw.counts = dict.fromkeys(options, 0)
    kind = str(question.kind)
    for respondent in respondents:
        value = answers.get(respondent.response_id)
        if value is None:
            continue
        # The answer as the cells it counts in, its number and its text, worked out once.
        chosen, number, text = (), None, None
        if kind == Kind.MULTIPLE:
            chosen = value if isinstance(value, list) else ()
        elif kind in (Kind.SINGLE, Kind.SCALE):
            chosen = (str(value),)
            number = float(value) if kind == Kind.SCALE else None
        elif kind == Kind.NUMBER:
            number = float(value)
        else:
            text = str(value)
        unit = respondent.unit
        for key in respondent.group_keys:
            raw = raws.get(key)
            if raw is None:
                continue
            raw.units.add(unit)
            if chosen:
                counts = raw.counts
                for choice in chosen:
                    if choice not in counts:
                        continue
                    if distinct:
                        cell_units[key, choice].add(unit)
                    else:
                        counts[choice] += 1
            if number is not None:
                raw.numbers.append(number)
            elif text is not None:
                raw.texts.append(text)
    if distinct:
        for (key, choice), units in cell_units.items():
            raws[key].counts[choice] = len(units)
    return raws


def default_groups() -> list[tuple]:
    return (
        [NATIONAL]
        + [province_key(name) for name in PROVINCES]
        + [size_key(n) for n in range(1, len(SIZE_CLASSES) + 1)]
    )


def questionnaire_results(
    questionnaire: Questionnaire,
    *,
    full: bool,
    group_keys: list[tuple] | None = None,
    other_rounds: list[Questionnaire] = (),
    growing: bool = False,
) -> Results:
    """Every question's figures per group; protected unless `full` (ask
    `small_groups.sees_everything(user)`: moderators only).

    `other_rounds` are shown beside this one: their groups join each question's release, so
    comparing rounds cannot reveal what protection hides in either. `growing`: the round is
    still open and its figures shown outside the moderators, so they move in steps
    (`in_steps`).
    """
    group_keys = group_keys or default_groups()
    minimum = small_groups.minimum()
    rounds = [questionnaire, *other_rounds]
    questions = {
        q.pk: q for q in Question.objects.filter(questionnaire__in=rounds).select_related("theme")
    }
    per_round = {}
    for round_ in rounds:
        respondents = respondents_of(round_)
        if growing and not full:
            respondents = in_steps(respondents, minimum)
        per_round[round_.pk] = (respondents, _answers(respondents))
    own_questions = [q for q in questions.values() if q.questionnaire_id == questionnaire.pk]
    own_questions.sort(key=lambda q: q.sort_order or 0)
    results = []
    for question in own_questions:
        raws_by_round = {}
        for round_ in rounds:
            match = (
                question
                if round_.pk == questionnaire.pk
                else next(
                    (
                        q
                        for q in questions.values()
                        if q.questionnaire_id == round_.pk and q.code == question.code
                    ),
                    None,
                )
            )
            if match is None:
                continue
            respondents, answers = per_round[round_.pk]
            raws_by_round[round_.pk] = _count(
                match,
                group_keys,
                respondents,
                answers.get(match.pk, {}),
                distinct=not round_.per_municipality,
            )
        protected = (
            None
            if full
            else _protect(
                question,
                raws_by_round,
                group_keys,
                minimum,
                # With several responses per municipality, cells no longer add up to the total.
                partition=all(r.per_municipality for r in rounds),
            )
        )
        own = raws_by_round[questionnaire.pk]
        results.append(
            QuestionResult(
                question=question,
                groups=[
                    _group_result(question, own[key], protected, questionnaire.pk, full)
                    for key in group_keys
                ],
                other_rounds=[
                    (
                        round_,
                        _group_result(
                            question, raws_by_round[round_.pk][NATIONAL], protected, round_.pk, full
                        ),
                    )
                    for round_ in other_rounds
                    if round_.pk in raws_by_round and NATIONAL in group_keys
                ],
            )
        )
    respondents = per_round[questionnaire.pk][0]
    return Results(
        questionnaire=questionnaire,
        questions=results,
        respondents=len({r.unit for r in respondents}),
        protected=not full,
        minimum=minimum,
    )


def _protect(
    question, raws_by_round, group_keys, minimum, *, partition: bool
) -> small_groups.Protected:
    release = small_groups.Release()
    partition = partition and question.kind in (Kind.SINGLE, Kind.SCALE)
    for round_pk, raws in raws_by_round.items():
        for key, raw in raws.items():
            release.add(
                small_groups.Group(
                    key=(round_pk, key),
                    members=frozenset(raw.units),
                    cells=dict(raw.counts),
                    partition=partition,
                )
            )
        if NATIONAL not in raws:
            continue
        national = raws[NATIONAL]
        for kind in ("province", "size"):
            children = [raws[k] for k in group_keys if k[0] == kind]
            if not children:
                continue
            # Whoever is in no shown child (other provinces, unknown size) is the nation
            # minus the children: never shown, but anyone can compute it, so it counts.
            rest = small_groups.Group(
                key=(round_pk, ("rest", kind)),
                members=frozenset(national.units).difference(*(c.units for c in children)),
                cells={
                    option: count - sum(c.counts[option] for c in children)
                    for option, count in national.counts.items()
                },
                partition=partition,
            )
            release.add(rest)
            release.splits.append(
                ((round_pk, NATIONAL), [(round_pk, c.key) for c in children] + [rest.key])
            )
    return small_groups.protect(release, minimum_size=minimum)


def _group_result(question, raw: _Raw, protected, round_pk, full) -> GroupResult:
    key = (round_pk, raw.key)
    shown = full or protected.shown(key)
    size = len(raw.units)
    result = GroupResult(key=raw.key, label=group_label(raw.key), size=size if shown else None)
    if not shown:
        return result
    for option, count in raw.counts.items():
        value = count if full else protected.cell(key, option)
        result.rows.append(
            Row(
                label=_option_label(question, option),
                count=value,
                share=None if value is None or not size else 100 * value / size,
            )
        )
    if raw.numbers:
        result.median = statistics.median(raw.numbers)
    if full:
        result.texts = raw.texts
    return result


def response_rates(questionnaire: Questionnaire) -> list[tuple[str, int, int]]:
    """(province, municipalities that submitted, active municipalities) — for moderators."""
    totals = defaultdict(int)
    for province in Municipality.objects.active().values_list("province", flat=True):
        totals[province] += 1
    answered = defaultdict(set)
    for municipality_id, province in Response.objects.filter(
        questionnaire=questionnaire,
        status=Response.Status.SUBMITTED,
        municipality__isnull=False,
    ).values_list("municipality_id", "municipality__province"):
        answered[province].add(municipality_id)
    return [(name, len(answered[name]), totals[name]) for name in PROVINCES if totals[name]]
