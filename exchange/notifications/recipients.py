"""Who may be told about a question: members loaded in bulk, visibility asked per person.

The decision itself stays in `exchange.visibility` (through `Question.is_visible_to`); this
module only loads everything that decision needs in a fixed number of queries, so telling
200 followers costs the same handful of queries as telling one.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from exchange.contact.selectors import is_participant
from exchange.core.roles import is_verified_member
from practices.permissions import check_practice_author_permission


def verified_members(user_ids) -> dict:
    """{user id: user} for the active, verified members among `user_ids` (two queries)."""
    users = (
        get_user_model()
        .objects.filter(pk__in=set(user_ids), is_active=True)
        .select_related("profile__municipality")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.only("name")))
    )
    members = {}
    for user in users:
        # Fill the roles module's per-user cache from the prefetch, so role checks cost nothing.
        user._group_names_cache = {group.name for group in user.groups.all()}
        if is_verified_member(user):
            members[user.pk] = user
    return members


def may_read(user, question, answer=None) -> bool:
    """Hidden posts are never announced; otherwise the visibility module decides.

    `question` must carry its prefetched `allowed_municipalities` to stay query-free.
    """
    if question.hidden or (answer is not None and answer.hidden):
        return False
    return question.is_visible_to(user)


def may_work_on(user, practice) -> bool:
    """Authors hear about a practice while they may still work on it (same municipality)."""
    try:
        check_practice_author_permission(user, practice)
    except PermissionDenied:
        return False
    return True


def may_receive(user, notification) -> bool:
    """May `user` still be told this? Asks the rule of what the notification is about."""
    if notification.contact_message_id:
        # Still in the conversation (not left since the message came).
        return is_participant(
            user_id=user.pk, conversation_id=notification.contact_message.conversation_id
        )
    if notification.kind == "need_practice":
        # Announced to the municipality that needs it: may the member read it (still)?
        practice = notification.practice
        return practice is not None and practice.live and practice.is_visible_to(user)
    if notification.practice_id:
        return may_work_on(user, notification.practice)
    if notification.question_id:
        return may_read(user, notification.question, notification.answer)
    return True  # about the member's own account
