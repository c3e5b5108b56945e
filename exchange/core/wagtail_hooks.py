from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .privacy_check import OVERRIDE_ACTION


@hooks.register("insert_global_admin_js")
def start_admin_widgets_without_inline_scripts():
    # Deferred: it runs after the form media that define the widgets it starts (see the file).
    return format_html('<script src="{}" defer></script>', static("js/admin-init.js"))


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    label = _("Geplaatst ondanks waarschuwing persoonsgegevens")
    actions.register_action(OVERRIDE_ACTION, label, label)
