"""Keeps authors to the part of the Wagtail admin that `admin_access.RULES` opens to them."""

from wagtail.admin.auth import permission_denied

from .admin_access import TAG_AUTOCOMPLETE_VIEWS, author_may_request, is_limited_author
from .admin_views import author_tag_autocomplete

ADMIN_PREFIX = "/beheer/"


class AuthorAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIX) or not is_limited_author(request.user):
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else None
        if not author_may_request(request.user, view_name, view_kwargs):
            # As Wagtail refuses: back to the admin home with a message (403 for scripts).
            return permission_denied(request)
        if view_name in TAG_AUTOCOMPLETE_VIEWS:
            # Wagtail's answer lists every tag, also those of practices the author may not read.
            return author_tag_autocomplete(request, **view_kwargs)
        return None
