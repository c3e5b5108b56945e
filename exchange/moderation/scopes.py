"""A theme moderator's share of the reports (see exchange/themes/scopes.py)."""

from django.db.models import Q

from exchange.questions.scopes import question_tagged_with


def reports_in_scope_q(scope) -> Q:
    if scope is None:
        return Q()
    return Q(question_tagged_with(scope, "question_id")) | Q(
        question_tagged_with(scope, "answer__question_id")
    )
