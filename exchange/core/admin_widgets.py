"""Wagtail's chooser widgets without inline scripts, so the admin's CSP can forbid them.

Wagtail renders each chooser as its HTML followed by `<script>new DocumentChooser(id, {…})
</script>`. Here the same call is described in a hidden element's data attributes instead,
and static/js/admin-init.js makes it (together with the date widgets and inline panels, whose
templates are overridden in exchange/core/templates/wagtailadmin/). Installed from
CoreConfig.ready().
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets import BaseChooser
from wagtail.admin.widgets.workflows import AdminTaskChooser


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    if not attrs or "id" not in attrs:
        raise TypeError("A chooser cannot be rendered without an 'id' attribute")
    id_ = attrs["id"]
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    if isinstance(self, AdminTaskChooser):
        starter = format_html(
            '<span hidden data-kn-init="task-chooser" data-kn-target="{}"></span>', id_
        )
    else:
        starter = format_html(
            '<span hidden data-kn-init="chooser" data-kn-constructor="{}" data-kn-target="{}" '
            'data-kn-config="{}"></span>',
            self.js_constructor,
            id_,
            json.dumps(self.get_js_init_options(id_, name, value_data)),
        )
    return mark_safe(f"{widget_html}{starter}")  # noqa: S308 - both parts are escaped above


def install() -> None:
    BaseChooser.render = render_without_inline_script
