"""Who may be told about a question: visibility checked per recipient with a few queries."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from exchange.accounts.roles import ADMINS_GROUP, MODERATORS_GROUP
from exchange.visibility import Viewer, Visibility, can_view


def viewers_for(user_ids) -> dict[int, tuple]:
    """{user id: (user, Viewer)} for active users, fetched in three queries."""
    from django.contrib.auth.models import Group

    users = (
        get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True)
        .select_related("profile__municipality")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
    )
    result = {}
    for user in users:
        groups = {g.name for g in user.groups.all()}
        moderator = user.is_superuser or bool(groups & {MODERATORS_GROUP, ADMINS_GROUP})
        profile = getattr(user, "profile", None)
        member = moderator or (profile is not None and profile.is_verified)
        municipality = profile.municipality if (profile and member) else None
        viewer = Viewer(
            user_id=user.pk,
            is_member=member,
            is_moderator=moderator,
            municipality_id=municipality.pk if municipality else None,
            municipality_code=municipality.code if municipality else None,
            visible_levels=tuple(Visibility.values) if member else (Visibility.PUBLIC,),
        )
        result[user.pk] = (user, viewer)
    return result


def may_read(viewer: Viewer, question, allowed_ids) -> bool:
    """Hidden posts are never announced; otherwise the visibility module decides."""
    if question.hidden:
        return False
    return viewer.is_member and can_view(
        viewer,
        visibility=question.visibility,
        municipality_id=question.municipality_id,
        allowed_municipality_ids=allowed_ids,
        owner_id=question.author_id,
    )
