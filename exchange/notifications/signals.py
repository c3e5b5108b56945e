from django.dispatch import receiver

from exchange.questions import events

from . import services


@receiver(events.answer_posted_signal)
def on_answer_posted(sender, answer_id, **kwargs):
    services.notify_answer_posted(answer_id=answer_id)


@receiver(events.answer_accepted_signal)
def on_answer_accepted(sender, answer_id, **kwargs):
    services.notify_answer_accepted(answer_id=answer_id)


@receiver(events.question_asked_signal)
def on_question_asked(sender, question_id, **kwargs):
    services.notify_question_asked(question_id=question_id)
