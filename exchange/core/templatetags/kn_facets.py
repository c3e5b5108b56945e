"""The facets' checkboxes, written in Python.

A catalogue or search page shows several hundred values (every municipality, every target
group); through the template engine each checkbox cost about 60 µs, a fifth of the page, and
through format_html still 15 µs; here every value is escaped once with the standard library's
html.escape (what Django's escape() does, without its lazy-string checks per argument) and the
whole is marked safe once. The markup is the one components/facet_fieldsets.html had.
"""

from html import escape

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

FOLD_AFTER = 8  # values past the eighth fold into <details>


def _row(id_: str, name: str, row) -> str:
    checked = " checked" if row.selected else ""
    return (
        '<div class="utrecht-form-field utrecht-form-field--checkbox">'
        '<div class="utrecht-form-field__input">'
        f'<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" '
        f'id="{id_}" name="{name}" value="{escape(str(row.value))}"{checked}></div>'
        '<div class="utrecht-form-field__label">'
        f'<label class="utrecht-form-label" for="{id_}">{escape(str(row.label))} '
        f'<span class="kn-meta">({_count(row.count)})</span></label>'
        "</div></div>"
    )


def _count(n: int) -> str:
    # Below a thousand a number has no separator in any language: skip the three format
    # lookups number_format does per call.
    return str(n) if -1000 < n < 1000 else escape(number_format(n))


@register.simple_tag
def facet_choices(param: str, rows, section: int | None = None, fold: bool = True):
    """The checkboxes of `rows` (FacetRow) in a div.kn-choices, with ids f-<param>-<n> (or
    f-<param>-<section>-<n>); with `fold`, values past the eighth inside a <details> that is
    open when one of them is chosen."""
    rows = list(rows)
    name = escape(str(param))
    prefix = f"f-{name}" if section is None else f"f-{name}-{int(section)}"
    html = [_row(f"{prefix}-{i}", name, row) for i, row in enumerate(rows, start=1)]
    if not fold or len(rows) <= FOLD_AFTER:
        return mark_safe(f'<div class="kn-choices">{"".join(html)}</div>')  # noqa: S308 - escaped
    opened = " open" if any(row.selected for row in rows[FOLD_AFTER:]) else ""
    summary = escape(gettext("Toon alle %(n)s") % {"n": len(rows)})
    return mark_safe(  # noqa: S308 - every value escaped in _row and above
        f'<div class="kn-choices">{"".join(html[:FOLD_AFTER])}'
        f'<details class="kn-more"{opened}><summary>{summary}</summary>'
        f"{''.join(html[FOLD_AFTER:])}</details></div>"
    )
