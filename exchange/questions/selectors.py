"""Read paths for questions: the list with its counts, one question with its answers, follows.

Every function starts from `visible_questions`, so what a user may see is decided by
exchange.visibility (plus the `hidden` flag, which only moderators and the asker get past).
"""

import operator
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from exchange.core.facet_counts import province_counts, related_counts
from exchange.core.roles import is_moderator
from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from exchange.visibility import viewer_for, visible_q

from . import permissions
from .models import Answer, Follow, Question, QuestionStatus, Revision, Vote

SORTS = {
    "nieuw": ("-created_at", "-pk"),
    "actief": ("-last_activity_at", "-pk"),
    "onbeantwoord": ("answer_count", "-created_at", "-pk"),
}
SIMILAR_LIMIT = 5
MAX_PK = 2**63 - 1
# Words too common to say two questions are alike (Dutch function words and forum words).
STOP_WORDS = frozenset(
    (
        "alle", "andere", "deze", "door", "eens", "enige", "geen", "hebben", "heeft", "hier",
        "iemand", "iets", "jullie", "kunnen", "maar", "meer", "mijn", "naar", "niet", "omdat",
        "onder", "onze", "over", "tegen", "toch", "voor", "waar", "welke", "worden", "wordt",
        "zich", "zijn", "zonder", "zouden", "ervaring", "ervaringen", "gemeente", "gemeenten",
        "vraag", "vragen", "weet",
    )
)  # fmt: skip


@dataclass(frozen=True)
class QuestionFilters:
    themes: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    unanswered: bool = False

    @classmethod
    def from_facets(cls, chosen: Mapping[str, tuple]) -> "QuestionFilters":
        """From the question list's facets (exchange.core.facets), by facet key."""
        return cls(
            themes=chosen.get("theme", ()),
            municipalities=chosen.get("municipality", ()),
            provinces=chosen.get("province", ()),
            statuses=chosen.get("status", ()),
            unanswered=bool(chosen.get("unanswered")),
        )


def visible_questions(user) -> QuerySet[Question]:
    """Questions the user may see: visibility rules, and hidden ones only for moderators/asker."""
    viewer = viewer_for(user)
    qs = Question.objects.filter(visible_q(viewer, model=Question, owner_field="author"))
    if not viewer.is_moderator:
        not_hidden = Q(hidden=False)
        if viewer.user_id is not None:
            not_hidden |= Q(author_id=viewer.user_id)
        qs = qs.filter(not_hidden)
    return qs


def visible_answers(user, question: Question) -> QuerySet[Answer]:
    """The answers of a question the user may see; hidden answers only for moderators."""
    answers = question.answers.all()
    if not is_moderator(user):
        answers = answers.filter(hidden=False)
    return answers


def answers_visible_to(user) -> QuerySet[Answer]:
    """Answers on any question the user may see, by the same rule as `visible_answers`."""
    answers = Answer.objects.filter(question__in=visible_questions(user).values("pk"))
    if not is_moderator(user):
        answers = answers.filter(hidden=False)
    return answers


def _with_shown_answer_count(qs: QuerySet, user) -> QuerySet:
    # answer_count includes hidden answers; what a visitor is shown must not count those.
    if is_moderator(user):
        return qs.annotate(shown_answer_count=Coalesce("answer_count", 0))
    counts = (
        Answer.objects.filter(question=OuterRef("pk"), hidden=False)
        .order_by()
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        shown_answer_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0)
    )


def _for_cards(qs: QuerySet, user) -> QuerySet:
    return _with_shown_answer_count(
        qs.select_related("municipality", "author").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug"))
        ),
        user,
    )


def with_shown_answer_count(qs: QuerySet, user) -> QuerySet:
    """Questions with `shown_answer_count`: their answers the user may see (pages composing
    question lists elsewhere show this count, never the raw `answer_count`)."""
    return _with_shown_answer_count(qs, user)


def _apply(qs, filters: QuestionFilters, *, skip: str | None = None):
    """Apply every filter except `skip` (multi-select facets count without their own filter)."""
    if filters.themes and skip != "theme":
        qs = qs.filter(
            pk__in=Question.themes.through.objects.filter(theme__slug__in=filters.themes).values(
                "question_id"
            )
        )
    if filters.municipalities and skip != "municipality":
        qs = qs.filter(municipality__code__in=filters.municipalities)
    if filters.provinces and skip != "province":
        qs = qs.filter(municipality__province__in=filters.provinces)
    if filters.statuses and skip != "status":
        qs = qs.filter(status__in=filters.statuses)
    if filters.unanswered and skip != "unanswered":
        qs = qs.filter(answer_count=0)
    return qs


def question_list(*, user, filters: QuestionFilters, sort: str = "nieuw") -> QuerySet[Question]:
    """The questions list: visible questions, filtered and sorted, ready for cards."""
    qs = _apply(visible_questions(user), filters)
    return _for_cards(qs.order_by(*SORTS.get(sort, SORTS["nieuw"])), user)


def question_facets(*, user, filters: QuestionFilters) -> dict[str, list[tuple]]:
    """(value, label, count) per facet over what the user may see, each facet counted under
    every filter but its own (one query per facet)."""
    base = visible_questions(user)

    def within(skip):
        # Without the default ordering, which would split a GROUP BY per creation time.
        return _apply(base, filters, skip=skip).order_by()

    def ids(skip):
        return within(skip).values("pk")

    facets = {}
    facets["theme"] = related_counts(Theme, "question", ids("theme"), "slug")
    facets["municipality"] = related_counts(Municipality, "questions", ids("municipality"), "code")
    facets["province"] = province_counts(within("province"))
    labels = dict(QuestionStatus.choices)
    statuses = dict(within("status").values_list("status").annotate(n=Count("pk")))
    facets["status"] = [
        (value, label, statuses[value]) for value, label in labels.items() if value in statuses
    ]
    unanswered = within("unanswered").filter(answer_count=0).count()
    facets["unanswered"] = [("1", _("nog zonder antwoord"), unanswered)] if unanswered else []
    return facets


# -- one question ---------------------------------------------------------------------------


def question_for_view(*, pk: int) -> Question | None:
    """A question with what its page and its visibility check need, or None."""
    if not 0 < pk <= MAX_PK:
        return None  # past any key the database can hold (and would refuse to compare)
    return (
        Question.objects.select_related(
            "municipality", "author__profile__municipality", "duplicate_of"
        )
        .prefetch_related(
            "allowed_municipalities",
            Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug")),
        )
        .filter(pk=pk)
        .first()
    )


def question_detail(*, question: Question, user) -> dict:
    """Everything the question page shows: answers in order, votes, follow state, rights.

    Answers come accepted first, then most helpful, then oldest, with their authors,
    profiles and municipalities in one query; votes and the follow in one query each.
    """
    answers = list(
        visible_answers(user, question)
        .select_related("author__profile__municipality", "municipality")
        .order_by("-accepted", "-helpful_count", "created_at", "pk")
    )
    authenticated = user.is_authenticated
    voted = (
        set(
            Vote.objects.filter(user=user, answer__question=question).values_list(
                "answer_id", flat=True
            )
        )
        if authenticated and answers
        else set()
    )
    following = authenticated and Follow.objects.filter(user=user, question=question).exists()
    can = question_rights(question=question, user=user)
    for answer in answers:
        answer.voted = answer.pk in voted
        answer.can_edit = _allowed(permissions.check_answer_edit_permission, user, answer)
        answer.can_vote = can["vote"] and answer.author_id != user.pk
    return {
        "answers": answers,
        "themes": list(question.themes.all()),
        "allowed_municipalities": list(question.allowed_municipalities.all()),
        "following": following,
        "can": can,
        "show_names": viewer_for(user).is_member,
    }


def question_rights(*, question: Question, user) -> dict[str, bool]:
    """What the user may do on this question, by asking the permission functions."""
    moderator = is_moderator(user)
    return {
        "answer": _allowed(permissions.check_answer_permission, user, question),
        "vote": _allowed(permissions.check_can_post, user),
        # Accepting answers follows the closing rule: the asker or a moderator.
        "accept": _allowed(permissions.check_question_close_permission, user, question),
        "edit": _allowed(permissions.check_question_edit_permission, user, question),
        "close": question.status != QuestionStatus.CLOSED
        and _allowed(permissions.check_question_close_permission, user, question),
        "reopen": question.status == QuestionStatus.CLOSED
        and _allowed(permissions.check_question_moderate_permission, user, question),
        "lock": _allowed(permissions.check_question_moderate_permission, user, question),
        "history": moderator or (user.is_authenticated and question.author_id == user.pk),
        "follow": user.is_authenticated,
        # Reporting needs a posting member's standing (moderation's check_report_permission).
        "report": _allowed(permissions.check_can_post, user),
    }


def _allowed(check, *args) -> bool:
    try:
        check(*args)
    except PermissionDenied:
        return False
    return True


def question_history(*, question: Question, user) -> dict:
    """Edit history, newest first: earlier versions of an answer only for its author and
    moderators, so text a moderator redacted (personal data) stays out of others' sight."""

    answer_revisions = Revision.objects.filter(answer__in=visible_answers(user, question))
    if not is_moderator(user):
        answer_revisions = answer_revisions.filter(answer__author_id=user.pk)
    return {
        "question_revisions": list(
            question.revisions.select_related("editor__profile__municipality")
        ),
        "answer_revisions": list(
            answer_revisions.select_related("editor__profile__municipality", "answer").order_by(
                "-created_at"
            )
        ),
    }


# -- similar questions and practices -------------------------------------------------------


def significant_words(text: str, *, limit: int = 8) -> list[str]:
    """The words of `text` that say something: four letters or more, no stop words."""
    words = []
    for word in re.findall(r"\w+", (text or "").lower()):
        if len(word) >= 4 and not word.isdigit() and word not in STOP_WORDS and word not in words:
            words.append(word[:50])
    return words[:limit]


# Kinds of content that apps above this one add to the "similar" answer (practices does, in its
# AppConfig.ready): {"practices": fn(user, words) -> list}. Questions cannot import them.
SIMILAR_PROVIDERS = {}


def register_similar(kind: str, provider) -> None:
    SIMILAR_PROVIDERS[kind] = provider


def words_match(words, *fields) -> Q:
    """Rows holding at least one of the words in one of the fields."""
    return reduce(
        operator.or_,
        (Q(**{f"{field}__icontains": word}) for word in words for field in fields),
    )


def words_score(words, *fields):
    """One point per word found in any of the fields."""
    return reduce(
        operator.add,
        (
            Case(
                When(words_match([word], *fields), then=1),
                default=0,
                output_field=IntegerField(),
            )
            for word in words
        ),
    )


def similar(*, user, text: str) -> dict:
    """Up to five visible questions sharing words with `text`, most shared words first, and
    what the registered providers find (visible practices).

    A plain database match on significant words; the search engine may replace it later.
    """
    words = significant_words(text)
    if not words:
        return {"questions": [], "words": [], **{kind: [] for kind in SIMILAR_PROVIDERS}}
    questions = (
        visible_questions(user)
        .filter(words_match(words, "title"))
        .annotate(score=words_score(words, "title"))
        .select_related("municipality")
        .order_by("-score", "-last_activity_at", "-pk")[:SIMILAR_LIMIT]
    )
    found = {kind: provider(user, words) for kind, provider in SIMILAR_PROVIDERS.items()}
    return {"questions": list(questions), "words": words, **found}


# -- per member, per municipality, per theme -----------------------------------------------


def my_questions(*, user) -> QuerySet[Question]:
    """The questions the member asked (also hidden ones: the asker should know)."""
    return _for_cards(visible_questions(user).filter(author=user), user).order_by(
        "-last_activity_at", "-pk"
    )


def my_follows(*, user) -> dict:
    """What the member follows: questions they may (still) see, themes and municipalities."""
    follows = list(
        Follow.objects.filter(user=user)
        .filter(Q(question__isnull=True) | Q(question__in=visible_questions(user).values("pk")))
        .select_related("question__municipality", "theme", "municipality")
        .order_by("-created_at")
    )
    return {
        "questions": [f.question for f in follows if f.question_id],
        "themes": [f.theme for f in follows if f.theme_id],
        "municipalities": [f.municipality for f in follows if f.municipality_id],
    }


def municipality_questions(*, municipality, user, limit: int = 5) -> dict:
    """The latest visible questions asked from a municipality, and how many there are."""
    qs = visible_questions(user).filter(municipality=municipality)
    return _section(qs, user, limit=limit, following=_follows(user, municipality=municipality))


def theme_questions(*, theme, user, limit: int = 5) -> dict:
    """The latest visible questions about a theme, and how many there are."""
    qs = visible_questions(user).filter(
        pk__in=Question.themes.through.objects.filter(theme=theme).values("question_id")
    )
    return _section(qs, user, limit=limit, following=_follows(user, theme=theme))


def _section(qs, user, *, limit, following) -> dict:
    # The total rides along on every row (a window count), saving a separate COUNT query.
    items = list(
        _for_cards(qs, user)
        .annotate(total=Window(Count("pk")))
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    return {
        "items": items,
        "count": items[0].total if items else 0,
        "following": following,
        "can_follow": user.is_authenticated,
    }


def _follows(user, **target) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, **target).exists()
