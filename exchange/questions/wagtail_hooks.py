from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_question_log_actions(actions):
    # The services log these on every moderation step; the admin's history shows them in Dutch.
    actions.register_action(
        "kennisnetwerk.question.close", _("Vraag gesloten"), _("Vraag gesloten")
    )
    actions.register_action(
        "kennisnetwerk.question.reopen", _("Vraag heropend"), _("Vraag heropend")
    )
    actions.register_action(
        "kennisnetwerk.question.duplicate",
        _("Vraag gesloten als dubbel"),
        _("Vraag gesloten als dubbel"),
    )
    actions.register_action(
        "kennisnetwerk.question.lock", _("Vraag vergrendeld"), _("Vraag vergrendeld")
    )
    actions.register_action(
        "kennisnetwerk.question.unlock", _("Vraag ontgrendeld"), _("Vraag ontgrendeld")
    )
