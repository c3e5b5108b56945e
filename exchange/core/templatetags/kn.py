"""Template helpers: form fields with NL Design System classes, the case-routes notice and
absolute links for e-mails."""

from django import template

from exchange.core import links
from exchange.core.models import case_routes_for

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}


@register.filter
def nlds(bound_field):
    """The field's widget with our classes plus aria-describedby / aria-invalid."""
    widget = bound_field.field.widget
    kind = getattr(widget, "input_type", None) or widget.__class__.__name__.lower()
    if kind == "select" or "select" in kind:
        css = WIDGET_CLASSES["select"]
    elif kind == "textarea":
        css = WIDGET_CLASSES["textarea"]
    else:
        css = WIDGET_CLASSES.get(kind, "utrecht-textbox utrecht-textbox--html-input")
    attrs = {"class": css}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def querystring_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


@register.inclusion_tag("components/case_routes.html", takes_context=True)
def case_routes(context):
    """Where to go with worries about a person: the moderators' text, or the default."""
    setting = case_routes_for(context.get("request"))
    return {"routes_html": setting.routes_html if setting else ""}


@register.simple_tag
def site_url() -> str:
    """The site's address (SITE_URL) without a trailing slash, for links in e-mails."""
    return links.site_url()


@register.simple_tag
def absolute_url(target) -> str:
    """An absolute link on SITE_URL to a path, a page or a model with get_absolute_url."""
    return links.absolute_url(target)
