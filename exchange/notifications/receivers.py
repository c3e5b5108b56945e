"""Listen to the exchange's after-commit events and turn them into notifications."""

import logging

from exchange.accounts import events as account_events
from exchange.contact import events as contact_events
from exchange.meetings import events as meeting_events
from exchange.questions import events
from practices import events as practice_events

from . import contact, decisions, meetings, routing, services

logger = logging.getLogger(__name__)


def on_question_asked(sender, question_id, **kwargs):
    _safely(services.notifications_for_question_asked, question_id=question_id)
    _safely(routing.route_new_question, question_id=question_id)


def on_answer_posted(sender, answer_id, **kwargs):
    _safely(services.notifications_for_answer_posted, answer_id=answer_id)


def on_answer_accepted(sender, answer_id, **kwargs):
    _safely(services.notifications_for_answer_accepted, answer_id=answer_id)


def on_content_changed(sender, question_id, **kwargs):
    _safely(services.notifications_prune_unreadable, question_id=question_id)


def on_practice_published(sender, page_id, revision_id, **kwargs):
    _safely(
        decisions.notifications_for_practice_published, page_id=page_id, revision_id=revision_id
    )


def on_practice_changes_requested(sender, page_id, task_state_id, **kwargs):
    _safely(
        decisions.notifications_for_practice_changes_requested,
        page_id=page_id,
        task_state_id=task_state_id,
    )


def on_member_approved(sender, user_id, **kwargs):
    _safely(decisions.notification_for_member_decision, user_id=user_id, approved=True)


def on_member_rejected(sender, user_id, **kwargs):
    _safely(decisions.notification_for_member_decision, user_id=user_id, approved=False)


def on_contact_message_sent(sender, message_id, **kwargs):
    _safely(contact.notifications_for_contact_message, message_id=message_id)


def on_contact_conversation_left(sender, conversation_id, user_id, **kwargs):
    _safely(
        contact.notifications_for_conversation_left,
        conversation_id=conversation_id,
        user_id=user_id,
    )


def on_contact_conversation_read(sender, conversation_id, user_id, **kwargs):
    _safely(
        contact.notifications_for_conversation_read,
        conversation_id=conversation_id,
        user_id=user_id,
    )


def on_meeting_place_offered(sender, registration_id, **kwargs):
    _safely(meetings.notification_for_place_offered, registration_id=registration_id)


def on_meeting_cancelled(sender, meeting_id, **kwargs):
    _safely(meetings.notifications_for_meeting_cancelled, meeting_id=meeting_id)


def _safely(service, **kwargs):
    # The post is already committed: a notification failure is logged, never shown as an error.
    try:
        service(**kwargs)
    except Exception:
        logger.exception("Notifications for %s(%s) failed", service.__name__, kwargs)


def connect() -> None:
    uid = "exchange.notifications"
    events.question_asked_signal.connect(on_question_asked, dispatch_uid=f"{uid}.question_asked")
    events.answer_posted_signal.connect(on_answer_posted, dispatch_uid=f"{uid}.answer_posted")
    events.answer_accepted_signal.connect(on_answer_accepted, dispatch_uid=f"{uid}.answer_accepted")
    events.content_changed_signal.connect(on_content_changed, dispatch_uid=f"{uid}.content_changed")
    practice_events.practice_published_signal.connect(
        on_practice_published, dispatch_uid=f"{uid}.practice_published"
    )
    practice_events.practice_changes_requested_signal.connect(
        on_practice_changes_requested, dispatch_uid=f"{uid}.practice_changes_requested"
    )
    account_events.member_approved_signal.connect(
        on_member_approved, dispatch_uid=f"{uid}.member_approved"
    )
    account_events.member_rejected_signal.connect(
        on_member_rejected, dispatch_uid=f"{uid}.member_rejected"
    )
    contact_events.message_sent_signal.connect(
        on_contact_message_sent, dispatch_uid=f"{uid}.contact_message_sent"
    )
    contact_events.conversation_left_signal.connect(
        on_contact_conversation_left, dispatch_uid=f"{uid}.contact_conversation_left"
    )
    contact_events.conversation_read_signal.connect(
        on_contact_conversation_read, dispatch_uid=f"{uid}.contact_conversation_read"
    )
    meeting_events.meeting_place_offered_signal.connect(
        on_meeting_place_offered, dispatch_uid=f"{uid}.meeting_place_offered"
    )
    meeting_events.meeting_cancelled_signal.connect(
        on_meeting_cancelled, dispatch_uid=f"{uid}.meeting_cancelled"
    )
