"""`{% contact_municipality_url municipality as url %}`: the address of "write to this
municipality" when the viewer may use it, else "" (one query, only for verified members)."""

from django import template
from django.urls import reverse

from ..selectors import municipality_contactable

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_municipality_url(context, municipality) -> str:
    request = context.get("request")
    if request is None:
        return ""
    if not municipality_contactable(viewer=request.user, municipality=municipality):
        return ""
    return reverse("contact_municipality", args=[municipality.slug])
