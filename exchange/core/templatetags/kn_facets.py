"""The facets' checkboxes, written in Python.

A catalogue shows several hundred values (every municipality, every target group); through the
template engine each checkbox cost about 60 µs, a fifth of the page. The markup is the one
components/facet_fieldsets.html had, line for line.
"""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

ROW = (
    '<div class="utrecht-form-field utrecht-form-field--checkbox">'
    '<div class="utrecht-form-field__input">'
    '<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="{}" '
    'name="{}" value="{}"{}></div>'
    '<div class="utrecht-form-field__label">'
    '<label class="utrecht-form-label" for="{}">{} <span class="kn-meta">({})</span></label>'
    "</div></div>"
)
FOLD_AFTER = 8  # values past the eighth fold into <details>


@register.simple_tag
def facet_choices(param: str, rows, section: int | None = None, fold: bool = True):
    """The checkboxes of `rows` (FacetRow) in a div.kn-choices, with ids f-<param>-<n> (or
    f-<param>-<section>-<n>); with `fold`, values past the eighth inside a <details> that is
    open when one of them is chosen."""
    rows = list(rows)
    id_prefix = f"f-{param}" if section is None else f"f-{param}-{section}"

    def html(part, offset):
        return format_html_join(
            "",
            ROW,
            (
                (
                    f"{id_prefix}-{offset + i}",
                    param,
                    row.value,
                    mark_safe(" checked") if row.selected else "",
                    f"{id_prefix}-{offset + i}",
                    row.label,
                    number_format(row.count),
                )
                for i, row in enumerate(part, start=1)
            ),
        )

    if not fold or len(rows) <= FOLD_AFTER:
        return format_html('<div class="kn-choices">{}</div>', html(rows, 0))
    rest = rows[FOLD_AFTER:]
    return format_html(
        '<div class="kn-choices">{}<details class="kn-more"{}><summary>{}</summary>{}</details>'
        "</div>",
        html(rows[:FOLD_AFTER], 0),
        mark_safe(" open") if any(row.selected for row in rest) else "",
        gettext("Toon alle %(n)s") % {"n": len(rows)},
        html(rest, FOLD_AFTER),
    )
