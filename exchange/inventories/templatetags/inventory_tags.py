from django import template
from django.utils.translation import gettext as _

from ..charts import number_text
from ..models import Kind

register = template.Library()


@register.simple_tag
def answer_text(question, answers) -> str:
    """A stored answer as text: choices joined, numbers with their unit."""
    value = answers.get(question.pk)
    if value is None:
        return _("niet beantwoord")
    if question.kind == Kind.MULTIPLE:
        return ", ".join(value)
    if question.kind == Kind.NUMBER:
        return number_text(value, question.unit)
    return str(value)
