"""The header menu's `aria-current`: which menu item is the section the visitor is in."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_current(context, section: str) -> str:
    """` aria-current="page"` on the section's own page, ` aria-current="true"` anywhere
    below it (a practice in the catalogue, a question in the list), else nothing.

    "page" only where the link leads to this very page, as ARIA defines it; deeper in the
    section "true" still tells screen readers (and the CSS) which menu item holds the page.
    """
    request = context.get("request")
    path = getattr(request, "path", "")
    if path == section:
        return mark_safe(' aria-current="page"')  # noqa: S308 - a constant
    if section != "/" and path.startswith(section):
        return mark_safe(' aria-current="true"')  # noqa: S308 - a constant
    return ""
