"""What contact through the site keeps about a member, and its part in their data rights.

Registered from ContactConfig.ready() (see exchange/core/personal_data.py). Conversations are
personal data of their participants: the export holds every conversation the member takes part
in, with its messages; anonymising a member deletes their messages and participations (a
conversation nobody is left in goes entirely); conversations go RETENTION_CONTACT_DAYS after
their last message.
"""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from exchange.core.personal_data import (
    CARDS,
    Card,
    ExportSection,
    PersonalData,
    Relation,
    RetentionStep,
    shown_date,
)
from exchange.core.personal_data import Treatment as T

from .models import Conversation, Message, Participant

RELATIONS = (
    Relation("contact.Conversation", "started_by", T.ERASED),
    Relation("contact.Participant", "user", T.ERASED),
    Relation("contact.Message", "author", T.ERASED),
)


def export(user) -> list[ExportSection]:
    """Each conversation the member is in (also one they left), with every message in it."""
    conversation_ids = Participant.objects.filter(user=user).values("conversation_id")
    conversations = list(
        Conversation.objects.filter(pk__in=conversation_ids)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("user", "municipality"),
            )
        )
        .order_by("created_at", "pk")
    )
    messages = Message.objects.filter(conversation__in=conversations).select_related("author")
    by_conversation: dict[int, list[Message]] = {}
    for message in messages.order_by("created_at", "pk"):
        by_conversation.setdefault(message.conversation_id, []).append(message)
    data, cards = [], []
    for conversation in conversations:
        people = [_person(p, user) for p in conversation.participants.all()]
        lines = [
            {
                "author": _author(message, user),
                "created_at": message.created_at,
                "body": message.body,
            }
            for message in by_conversation.get(conversation.pk, [])
        ]
        data.append(
            {
                "id": conversation.pk,
                "subject": conversation.subject,
                "about": conversation.about_label,
                "created_at": conversation.created_at,
                "participants": people,
                "messages": lines,
            }
        )
        cards.append(
            Card(
                heading=conversation.subject,
                meta=[shown_date(conversation.created_at), ", ".join(people)],
                body="\n\n".join(
                    f"{line['author']} ({shown_date(line['created_at'], time=True)}):\n"
                    f"{line['body']}"
                    for line in lines
                ),
            )
        )
    return [
        ExportSection(
            key="contact",
            title=_("Gesprekken via de site"),
            data={"contact_conversations": data},
            rows=cards,
            layout=CARDS,
            empty=_("Geen."),
        )
    ]


def _person(participant: Participant, user) -> str:
    if participant.user_id == user.pk:
        return str(_("u"))
    name = participant.user.get_full_name() or _("collega")
    if participant.municipality_id:
        return f"{name} ({participant.municipality.name})"
    return str(name)


def _author(message: Message, user) -> str:
    if message.author_id is None:
        return str(_("voormalig lid"))
    if message.author_id == user.pk:
        return str(_("u"))
    return message.author.get_full_name() or str(_("collega"))


def erase(user) -> None:
    """The member's messages and participations go; a conversation left empty goes too."""
    Message.objects.filter(author=user).delete()
    Participant.objects.filter(user=user).delete()
    Conversation.objects.filter(started_by=user).update(started_by=None)
    Conversation.objects.annotate(people=Count("participants")).filter(people=0).delete()


def _delete_conversations(rows) -> int:
    _total, per_model = rows.delete()
    return per_model.get("contact.Conversation", 0)


def _old_conversations(cutoff):
    return [Conversation.objects.filter(last_message_at__lt=cutoff)]


RETENTION = (
    RetentionStep(
        key="contact",
        period_setting="RETENTION_CONTACT_DAYS",
        due=_old_conversations,
        planned="Zou {count} gesprekken via de site verwijderen (laatste bericht ouder dan "
        "{days} dagen).",
        done="Gesprekken via de site verwijderd: {count}",
        apply=_delete_conversations,
    ),
)

PERSONAL_DATA = PersonalData(
    app="contact", relations=RELATIONS, export=export, erase=erase, retention=RETENTION
)
