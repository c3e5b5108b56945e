"""That contact happened, for moderators: who wrote to whom, from which municipalities, when.

Never what was said: `contacts_for_moderators` (exchange/contact/selectors.py) loads no subject
and no message, and this page has nothing else to show. Full moderators only (contact carries no
theme, so a theme moderator has no part in it). A Wagtail ReportView, 50 a page, a fixed number
of queries a page; no spreadsheet download (the rows name members).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from exchange.contact.selectors import contacts_for_moderators
from exchange.core.roles import is_moderator
from exchange.themes.scopes import is_theme_moderator


class ContactLogView(ReportView):
    page_title = _("Contact tussen leden")
    header_icon = "mail"
    results_template_name = "moderation/admin/contacts_results.html"
    index_url_name = "kn_contacts:index"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user) or is_theme_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return contacts_for_moderators()
