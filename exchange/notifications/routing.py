"""Questions reach members with the right expertise (Profile.expertise_themes).

A new question goes to a few verified members whose expertise is one of its themes, or a broader
theme above one, who may read it and have not heard of it already as a follower. Moderators can
route an unanswered question by hand from their dashboard. Every routing is recorded, and the
members asked longest ago (or never) go first, so the same experts are not asked every time.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Subquery

from exchange.accounts.models import Profile
from exchange.questions.models import Follow, Question
from exchange.themes.models import Theme
from exchange.themes.tree import theme_ancestors

from .models import ExpertRouting, Kind, Notification
from .recipients import may_read, verified_members
from .services import _notify

POOL_LIMIT = 500  # experts read per call; more than this is a network we should shard by theme
POOL_CHUNK = 50


def routing_limit() -> int:
    return getattr(settings, "EXPERT_ROUTING_LIMIT", 5)


class ExpertPool:
    """Verified, active members with expertise in any of `theme_ids`, least recently routed
    first, read from the database in chunks only as far as someone iterates.

    Each user carries `expertise` (its themes) and `last_routed_at`. Iterating again starts at
    the first expert and reads no chunk twice. A caller that wants eight experts for each of
    ten questions usually stops inside the first chunk, where reading all POOL_LIMIT experts
    with their groups and themes took 40 ms; each chunk costs three queries.
    """

    def __init__(self, theme_ids, *, chunk: int | None = None, limit: int | None = None):
        self.theme_ids = set(theme_ids)
        self.chunk, self.limit = chunk or POOL_CHUNK, limit or POOL_LIMIT
        self.users: list = []
        self.complete = not self.theme_ids

    def __iter__(self):
        position = 0
        while True:
            while position < len(self.users):
                yield self.users[position]
                position += 1
            if self.complete:
                return
            self._read_chunk()

    def _read_chunk(self) -> None:
        start = len(self.users)
        size = min(self.chunk, self.limit - start)
        expertise = Profile.expertise_themes.through.objects.filter(
            profile__user=OuterRef("pk"), theme_id__in=self.theme_ids
        )
        last_routed = ExpertRouting.objects.filter(user=OuterRef("pk")).order_by("-routed_at")
        users = list(
            get_user_model()
            .objects.filter(
                Exists(expertise), is_active=True, profile__status=Profile.Status.VERIFIED
            )
            .annotate(last_routed_at=Subquery(last_routed.values("routed_at")[:1]))
            .select_related("profile__municipality")
            .order_by(F("last_routed_at").asc(nulls_first=True), "pk")[start : start + size]
        )
        # Groups and themes as plain rows: prefetch_related's model instances cost more than
        # the rest of the chunk together.
        groups = defaultdict(set)
        for user_id, name in (
            get_user_model()
            .groups.through.objects.filter(user__in=users)
            .values_list("user_id", "group__name")
        ):
            groups[user_id].add(name)
        themes, expertise = {}, defaultdict(list)
        rows = (
            Profile.expertise_themes.through.objects.filter(profile__user__in=users)
            .order_by("theme__name", "theme_id")
            .values_list("profile__user_id", "theme_id", "theme__name")
        )
        for user_id, theme_id, name in rows:
            theme = themes.setdefault(theme_id, Theme(id=theme_id, name=name))
            expertise[user_id].append(theme)
        for user in users:
            # Fill the roles module's per-user cache, so visibility checks cost no query.
            user._group_names_cache = groups[user.pk]
            user.expertise = expertise[user.pk]
        self.users += users
        self.complete = len(users) < size or len(self.users) >= self.limit


def expert_pool(theme_ids) -> ExpertPool:
    """The experts for `theme_ids`, least recently routed first (see ExpertPool)."""
    return ExpertPool(theme_ids)


def pick_experts(question, pool, *, relevant_theme_ids, exclude_ids=(), limit=None) -> list:
    """The experts in `pool` (in its order) for `question`: expertise in `relevant_theme_ids`,
    allowed to read the question, not its asker and not in `exclude_ids`.

    `question` must carry its prefetched `allowed_municipalities` to stay query-free.
    """
    excluded = set(exclude_ids) | {question.author_id}
    chosen = []
    for user in pool:
        if user.pk in excluded or not {t.pk for t in user.expertise} & relevant_theme_ids:
            continue
        if not may_read(user, question):
            continue
        chosen.append(user)
        if limit is not None and len(chosen) >= limit:
            break
    return chosen


def routable_members(*, question, users) -> set[int]:
    """Ids of `users` a question may be routed to: verified members who may read it, not its
    asker, not routed for it before."""
    members = verified_members(user.pk for user in users)
    routed = set(question.expert_routings.values_list("user_id", flat=True))
    return {
        pk
        for pk, user in members.items()
        if pk != question.author_id and pk not in routed and may_read(user, question)
    }


@transaction.atomic
def route_to_experts(*, question, experts, routed_by=None) -> list[ExpertRouting]:
    """Record the routing and notify each expert (in-app, e-mail per their preference).

    The caller has chosen the experts; members already routed for this question are skipped.
    """
    already = set(ExpertRouting.objects.filter(question=question).values_list("user_id", flat=True))
    new = [user for user in experts if user.pk not in already]
    routings = ExpertRouting.objects.bulk_create(
        ExpertRouting(question=question, user=user, routed_by=routed_by) for user in new
    )
    _notify(
        question=question,
        answer=None,
        candidates={user.pk: Kind.EXPERT_ROUTED for user in new},
        actor_id=routed_by.pk if routed_by else None,
    )
    return routings


@transaction.atomic
def route_new_question(*, question_id: int) -> list[ExpertRouting]:
    """After a question is asked: route it to at most EXPERT_ROUTING_LIMIT experts.

    Members who follow one of its themes or its municipality have been told already.
    """
    question = (
        Question.objects.filter(pk=question_id, hidden=False)
        .prefetch_related("themes", "allowed_municipalities")
        .first()
    )
    if question is None or routing_limit() <= 0:
        return []
    theme_ids = {theme.pk for theme in question.themes.all()}
    if not theme_ids:
        return []
    relevant = theme_ancestors(theme_ids)
    followers = Follow.objects.filter(theme_id__in=theme_ids)
    if question.municipality_id:
        followers = followers | Follow.objects.filter(municipality_id=question.municipality_id)
    exclude = set(followers.values_list("user_id", flat=True))
    exclude |= set(
        Notification.objects.filter(question=question).values_list("recipient_id", flat=True)
    )
    exclude |= set(question.expert_routings.values_list("user_id", flat=True))
    experts = pick_experts(
        question,
        expert_pool(relevant),
        relevant_theme_ids=relevant,
        exclude_ids=exclude,
        limit=routing_limit(),
    )
    return route_to_experts(question=question, experts=experts)
