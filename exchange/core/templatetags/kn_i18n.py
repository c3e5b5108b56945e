"""Interface text that lives in the database: a page's title or intro as the site ships it."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def shipped_text(value):
    """`value` in the visitor's language if it is a text the site ships (a default title or
    intro nobody has edited, marked with gettext_noop where it is set), else as it is.

    An editor's own words are content and stay as written: they have no translation.
    """
    if not isinstance(value, str) or not value:
        return value
    return gettext(value)
