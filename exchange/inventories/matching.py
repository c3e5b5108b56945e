"""Matching: the needs a municipality reported, and who in the network already works on them.

**The rule** (one place, used by "Wat anderen doen", the moderators' unmet needs and the
follow-up alerts). A submitted response reports a *need* on a theme when it answers

- a question of dimension *need* that has a theme: a single choice starting with "Ja", any
  choice of a multiple choice, 4 or 5 on a scale, a number above 0;
- a question of dimension *need* without a theme whose choices are theme names (the
  quickscan's "Over welke thema's wil uw gemeente leren?"): each chosen theme;
- a question of another dimension (capacity, network, knowledge) that has a theme, with *low
  capacity*: 1 or 2 on a scale, or the single choice "Nee", "Niet" or "Geen".

It reports *strength* on a theme with such a capacity/network/knowledge question answered
4 or 5 on a scale, or with the first (strongest) choice of a single choice ("Ja",
"Structureel"). Numbers (FTE) and free text never count: what is little for one municipality
is plenty for another, and free text is read by moderators only.

Strength is another municipality's answer, so it is only ever shown as a count through
`exchange.core.small_groups`; the municipalities offered for contact are those with practices on
the theme the viewer may see and members open to contact, never "who answered what".
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Case, IntegerField, Q, Value, When

from exchange.contact.selectors import contactable_q
from exchange.core import small_groups
from exchange.municipalities.size_classes import SIZE_CLASSES, size_class
from exchange.questions.models import Question as ForumQuestion
from exchange.questions.models import QuestionStatus
from exchange.questions.selectors import visible_questions, with_shown_answer_count
from exchange.themes.models import Theme
from practices.models import PracticePage
from practices.models.pages import EvidenceLevel
from practices.selectors import visible_practices

from .models import Answer, Dimension, Kind, Questionnaire, Response

NO_WORDS = {"nee", "niet", "geen"}
# Strongest evidence first; practices without a level last.
EVIDENCE_ORDER = [
    EvidenceLevel.EFFECTIVE,
    EvidenceLevel.GROUNDED,
    EvidenceLevel.DESCRIBED,
    EvidenceLevel.IDEA,
]
PER_THEME = 5


def _is_yes(value) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith("ja")


def _number(value):
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def classify(question, value, themes_by_name: dict[str, int]) -> tuple[set[int], set[int]]:
    """(theme ids of needs, theme ids of strengths) one answer reports, by the rule above."""
    needs: set[int] = set()
    strengths: set[int] = set()
    if value in (None, "", []):
        return needs, strengths
    number = _number(value)
    if question.dimension == Dimension.NEED:
        if question.theme_id is None:
            if question.kind == Kind.MULTIPLE and isinstance(value, list):
                needs |= {
                    themes_by_name[choice.strip().lower()]
                    for choice in value
                    if isinstance(choice, str) and choice.strip().lower() in themes_by_name
                }
            return needs, strengths
        reported = (
            (question.kind == Kind.SINGLE and _is_yes(value))
            or (question.kind == Kind.MULTIPLE and bool(value))
            or (question.kind == Kind.SCALE and number is not None and number >= 4)
            or (question.kind == Kind.NUMBER and number is not None and number > 0)
        )
        if reported:
            needs.add(question.theme_id)
        return needs, strengths
    if question.theme_id is None or not question.dimension:
        return needs, strengths
    if question.kind == Kind.SCALE and number is not None:
        if number <= 2:
            needs.add(question.theme_id)
        elif number >= 4:
            strengths.add(question.theme_id)
    elif question.kind == Kind.SINGLE and isinstance(value, str):
        if value.strip().lower() in NO_WORDS:
            needs.add(question.theme_id)
        elif question.choice_list and value == question.choice_list[0]:
            strengths.add(question.theme_id)
    return needs, strengths


@dataclass
class Reported:
    """Per municipality (or member, for per-member rounds): the themes of needs and strengths."""

    needs: dict = field(default_factory=lambda: defaultdict(set))
    strengths: dict = field(default_factory=lambda: defaultdict(set))
    submitted_at: dict = field(default_factory=dict)


def _themes_by_name() -> dict[str, int]:
    return {name.lower(): pk for pk, name in Theme.objects.values_list("pk", "name")}


def _questions_that_count(questionnaire: Questionnaire, *, strengths_only: bool):
    """The questions the rule reads: with a theme and a dimension, or need questions whose
    choices may be theme names; for strengths only scale and single choice off the need."""
    questions = questionnaire.questions.exclude(dimension="")
    if strengths_only:
        return questions.filter(theme__isnull=False, kind__in=[Kind.SCALE, Kind.SINGLE]).exclude(
            dimension=Dimension.NEED
        )
    return questions.filter(
        Q(theme__isnull=False) | Q(dimension=Dimension.NEED, kind=Kind.MULTIPLE)
    )


def reported(
    questionnaire: Questionnaire, *, response_ids=None, strengths_only: bool = False
) -> Reported:
    """Needs and strengths of the submitted responses (keyed by response id; three queries)."""
    themes_by_name = _themes_by_name()
    questions = {
        q.pk: q for q in _questions_that_count(questionnaire, strengths_only=strengths_only)
    }
    answers = Answer.objects.filter(
        response__questionnaire=questionnaire,
        response__status=Response.Status.SUBMITTED,
        question_id__in=list(questions),
    )
    if response_ids is not None:
        answers = answers.filter(response_id__in=response_ids)
    result = Reported()
    for response_id, question_id, value in answers.values_list(
        "response_id", "question_id", "value"
    ):
        needs, strengths = classify(questions[question_id], value, themes_by_name)
        if needs:
            result.needs[response_id] |= needs
        if strengths:
            result.strengths[response_id] |= strengths
    return result


def reported_by_municipality(
    questionnaire: Questionnaire, *, strengths_only: bool = False
) -> dict[int, tuple[set, set]]:
    """{municipality id: (need theme ids, strength theme ids)} over submitted responses
    (four queries). Per-member rounds: a municipality's members' answers together."""
    rows = Response.objects.filter(
        questionnaire=questionnaire,
        status=Response.Status.SUBMITTED,
        municipality__isnull=False,
    ).values_list("pk", "municipality_id")
    found = reported(questionnaire, strengths_only=strengths_only)
    by_municipality: dict[int, tuple[set, set]] = {}
    for response_id, municipality_id in rows:
        needs, strengths = by_municipality.setdefault(municipality_id, (set(), set()))
        needs |= found.needs.get(response_id, set())
        strengths |= found.strengths.get(response_id, set())
    return by_municipality


# -- "Wat anderen doen" ---------------------------------------------------------------------


@dataclass
class ThemeMatch:
    theme: Theme
    practices: list = field(default_factory=list)
    practice_count: int = 0
    contacts: list = field(default_factory=list)  # municipalities with practices, open to contact
    questions: list = field(default_factory=list)
    strength_count: int | None = None  # None: too few to show (small_groups)


def _similarity(municipality) -> Case:
    """0: same CBS size class, 1: same province, 2: the rest (and practices of no municipality)."""
    whens = []
    size = size_class(municipality.population) if municipality is not None else None
    if size is not None:
        lowest = SIZE_CLASSES[size - 1][0]
        size_q = Q(municipality__population__gte=lowest)
        if size < len(SIZE_CLASSES):
            size_q &= Q(municipality__population__lt=SIZE_CLASSES[size][0])
        whens.append(When(size_q, then=Value(0)))
    if municipality is not None and municipality.province:
        whens.append(When(municipality__province=municipality.province, then=Value(1)))
    if not whens:
        return Value(2, output_field=IntegerField())
    return Case(*whens, default=Value(2), output_field=IntegerField())


def _evidence_rank() -> Case:
    return Case(
        *[When(evidence_level=level, then=Value(n)) for n, level in enumerate(EVIDENCE_ORDER)],
        default=Value(len(EVIDENCE_ORDER)),
        output_field=IntegerField(),
    )


def matching_practices(*, user, municipality, theme_ids) -> dict[int, list[PracticePage]]:
    """{theme id: practices on it the user may see, not of their own municipality}, ordered by
    evidence level, then similarity of the publishing municipality, then newest (one query)."""
    if not theme_ids:
        return {}
    through = PracticePage.themes.through
    practices = (
        visible_practices(user)
        .filter(pk__in=through.objects.filter(theme_id__in=theme_ids).values("practicepage_id"))
        .select_related("municipality")
        .annotate(evidence_rank=_evidence_rank(), similarity=_similarity(municipality))
        .order_by("evidence_rank", "similarity", "-first_published_at", "-pk")
    )
    if municipality is not None:
        practices = practices.exclude(municipality=municipality)
    practice_list = list(practices)
    by_id = {practice.pk: practice for practice in practice_list}
    themes_of: dict[int, set] = defaultdict(set)
    for practice_id, theme_id in through.objects.filter(
        practicepage_id__in=list(by_id), theme_id__in=theme_ids
    ).values_list("practicepage_id", "theme_id"):
        themes_of[practice_id].add(theme_id)
    grouped: dict[int, list] = {theme_id: [] for theme_id in theme_ids}
    for practice in practice_list:
        for theme_id in themes_of[practice.pk]:
            grouped[theme_id].append(practice)
    return grouped


def what_others_do(*, user, municipality, response: Response) -> list[ThemeMatch]:
    """Everything the "Wat anderen doen" page shows, per theme the response reports a need
    on: a fixed number of queries, whatever the number of themes, practices and questions."""
    questionnaire = Questionnaire.objects.get(pk=response.questionnaire_id)
    need_ids = sorted(reported(questionnaire, response_ids=[response.pk]).needs[response.pk])
    if not need_ids:
        return []
    themes = {theme.pk: theme for theme in Theme.objects.filter(pk__in=need_ids)}
    practices = matching_practices(user=user, municipality=municipality, theme_ids=need_ids)
    # Municipalities with a practice on the theme and a member open to contact.
    with_practice = {
        practice.municipality_id
        for items in practices.values()
        for practice in items
        if practice.municipality_id
    }
    open_ids = set(
        get_user_model()
        .objects.filter(contactable_q(), profile__municipality_id__in=with_practice)
        .exclude(pk=user.pk)
        .values_list("profile__municipality_id", flat=True)
    )
    questions = _matching_questions(user=user, theme_ids=need_ids)
    strengths = _strength_counts(questionnaire, theme_ids=need_ids, exclude=municipality)
    matches = []
    for theme_id in need_ids:
        if theme_id not in themes:
            continue
        items = practices.get(theme_id, [])
        contacts = {}
        for practice in items:
            if practice.municipality_id in open_ids:
                contacts.setdefault(practice.municipality_id, practice.municipality)
        matches.append(
            ThemeMatch(
                theme=themes[theme_id],
                practices=items[:PER_THEME],
                practice_count=len(items),
                contacts=sorted(contacts.values(), key=lambda m: m.name),
                questions=questions.get(theme_id, [])[:PER_THEME],
                strength_count=strengths.get(theme_id),
            )
        )
    return sorted(matches, key=lambda match: match.theme.name)


def _matching_questions(*, user, theme_ids) -> dict[int, list]:
    """{theme id: open and answered forum questions on it the user may see, latest first}."""
    through = ForumQuestion.themes.through
    visible = visible_questions(user).filter(
        status__in=[QuestionStatus.OPEN, QuestionStatus.ANSWERED],
        pk__in=through.objects.filter(theme_id__in=theme_ids).values("question_id"),
    )
    questions = list(
        with_shown_answer_count(visible, user)
        .select_related("municipality")
        .order_by("-last_activity_at", "-pk")
    )
    by_id = {question.pk: question for question in questions}
    grouped: dict[int, list] = defaultdict(list)
    pairs = through.objects.filter(question_id__in=list(by_id), theme_id__in=theme_ids)
    themes_of: dict[int, set] = defaultdict(set)
    for question_id, theme_id in pairs.values_list("question_id", "theme_id"):
        themes_of[question_id].add(theme_id)
    for question in questions:
        for theme_id in themes_of[question.pk]:
            grouped[theme_id].append(question)
    return grouped


def _strength_counts(questionnaire, *, theme_ids, exclude) -> dict[int, int | None]:
    """How many other municipalities reported strength per theme, through small_groups: a
    count below the minimum is None. An open round counts in steps of the minimum, earliest
    submitted first, so one more submission never shows as a change of one."""
    by_municipality = reported_by_municipality(questionnaire, strengths_only=True)
    order = list(
        Response.objects.filter(
            questionnaire=questionnaire,
            status=Response.Status.SUBMITTED,
            municipality__isnull=False,
        )
        .order_by("submitted_at", "pk")
        .values_list("municipality_id", flat=True)
    )
    n = small_groups.minimum()
    if questionnaire.is_open():
        order = order[: len(order) // n * n]
    counted = [m for m in dict.fromkeys(order) if exclude is None or m != exclude.pk]
    release = small_groups.Release()
    for theme_id in theme_ids:
        members = frozenset(m for m in counted if theme_id in by_municipality.get(m, ((), ()))[1])
        release.add(small_groups.Group(key=theme_id, members=members))
    protected = small_groups.protect(release)
    return {
        group.key: (group.size if protected.shown(group.key) else None) for group in release.groups
    }


# -- the network's unmet needs (moderators) --------------------------------------------------


@dataclass
class UnmetNeed:
    theme: Theme
    municipalities: int  # that reported a need on it
    practices: int  # live practices on it (all, as moderators see them)

    @property
    def per_practice(self) -> float:
        return self.municipalities / (self.practices + 1)


def unmet_needs(questionnaire: Questionnaire) -> list[UnmetNeed]:
    """Every theme with a reported need: how many municipalities, how many practices; the
    most needed with the fewest practices first (raw figures: for moderators only)."""
    counts: dict[int, int] = defaultdict(int)
    for needs, _strengths in reported_by_municipality(questionnaire).values():
        for theme_id in needs:
            counts[theme_id] += 1
    if not counts:
        return []
    through = PracticePage.themes.through
    live = PracticePage.objects.live().values("pk")
    practice_counts: dict[int, int] = defaultdict(int)
    for theme_id in through.objects.filter(
        theme_id__in=list(counts), practicepage_id__in=live
    ).values_list("theme_id", flat=True):
        practice_counts[theme_id] += 1
    themes = Theme.objects.filter(pk__in=list(counts))
    rows = [
        UnmetNeed(theme=theme, municipalities=counts[theme.pk], practices=practice_counts[theme.pk])
        for theme in themes
    ]
    return sorted(rows, key=lambda row: (-row.per_practice, -row.municipalities, row.theme.name))
