from django.core.exceptions import PermissionDenied
from wagtail import hooks

from exchange.accounts.roles import is_moderator

from .models import PracticePage
from .permissions import check_practice_edit_permission, user_municipality_id


@hooks.register("before_edit_page")
@hooks.register("before_delete_page")
@hooks.register("before_copy_page")
@hooks.register("before_move_page")
def restrict_practice_editing(request, page, *args):
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    if isinstance(specific, PracticePage):
        check_practice_edit_permission(request.user, specific)


@hooks.register("before_create_page")
def restrict_practice_creation(request, parent_page, page_class):
    if (
        page_class is PracticePage
        and not is_moderator(request.user)
        and user_municipality_id(request.user) is None
    ):
        raise PermissionDenied


@hooks.register("construct_explorer_page_queryset")
def hide_other_municipalities_practices(parent_page, pages, request):
    if is_moderator(request.user) or parent_page.specific_class is not _index_class():
        return pages
    own = user_municipality_id(request.user)
    return pages.filter(practicepage__municipality_id=own) if own else pages.none()


def _index_class():
    from .models import PracticeIndexPage

    return PracticeIndexPage


@hooks.register("before_serve_document")
def check_document_visibility(document, request):
    from .documents import check_document_download

    return check_document_download(request, document)


@hooks.register("register_admin_urls")
def register_review_urls():
    from .urls import admin_urlpatterns

    return admin_urlpatterns


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from exchange.accounts.wagtail_hooks import ModeratorMenuItem

    return ModeratorMenuItem(
        _("Te beoordelen praktijken"), reverse("practice_review_list"), icon_name="time", order=210
    )


@hooks.register("register_log_actions")
def register_practice_log_actions(actions):
    from django.utils.translation import gettext_lazy as _

    actions.register_action(
        "kennisnetwerk.practice.reviewed", _("Praktijk beoordeeld"), _("Praktijk beoordeeld")
    )
    actions.register_action(
        "kennisnetwerk.question.to_practice",
        _("Vraag uitgewerkt als praktijkvoorbeeld"),
        _("Vraag uitgewerkt als praktijkvoorbeeld"),
    )
