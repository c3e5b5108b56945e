from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_admin_widgets_without_inline_scripts():
    # Deferred: it runs after the form media that define the widgets it starts (see the file).
    return format_html('<script src="{}" defer></script>', static("js/admin-init.js"))
