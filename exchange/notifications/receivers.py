"""Listen to the exchange's after-commit events and turn them into notifications."""

import logging

from exchange.questions import events

from . import routing, services

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
