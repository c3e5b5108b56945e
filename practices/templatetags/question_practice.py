"""`{% question_practice %}` on a question's page: its practice, or the button to make one."""

from django import template

from practices.selectors import question_practice_context

register = template.Library()


@register.inclusion_tag("practices/components/question_practice.html", takes_context=True)
def question_practice(context):
    question = context["question"]
    return {
        **question_practice_context(
            question=question, request=context["request"], answers=context.get("answers", [])
        ),
        "question": question,
        "csrf_token": context.get("csrf_token"),
    }
