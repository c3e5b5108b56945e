"""Meetings in the Wagtail admin: made and edited on the site only.

The site's forms hold the rules (who organises, the audience of a restricted meeting, the
waiting list moving up when places are added, the description rendered from Markdown); an
admin editor would skip them. So the admin sends editing and creating a meeting to the site's
own forms, and moving or copying one is refused (a meeting belongs under the agenda).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks

from .models import MeetingPage


def _is_meeting(page) -> bool:
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    return isinstance(specific, MeetingPage)


@hooks.register("before_edit_page")
def edit_meetings_on_the_site(request, page):
    if _is_meeting(page):
        return redirect("meeting_edit", pk=page.pk)
    return None


@hooks.register("before_create_page")
def create_meetings_on_the_site(request, parent_page, page_class):
    if page_class is MeetingPage:
        return redirect("meeting_new")
    return None


@hooks.register("before_copy_page")
@hooks.register("before_move_page")
def meetings_stay_where_they_are(request, page, *args):
    if _is_meeting(page):
        raise PermissionDenied
