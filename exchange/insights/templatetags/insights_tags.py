from django import template

from exchange.insights.tables import cell_text

register = template.Library()


@register.filter
def insights_cell(value):
    """A table value as the page shows it (months by name, one decimal, "–" for nothing)."""
    return cell_text(value)
