from django.core.exceptions import PermissionDenied
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.wagtail_hooks import ExplorerMenuItem

from exchange.core.roles import is_moderator

from .admin_access import (
    author_may_request,
    hidden_practice_ids,
    is_limited_author,
    usable_documents,
    usable_images,
)
from .models import PracticeIndexPage, PracticePage
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
    if is_moderator(request.user) or parent_page.specific_class is not PracticeIndexPage:
        return pages
    own = user_municipality_id(request.user)
    return pages.filter(practicepage__municipality_id=own) if own else pages.none()


# -- authors see in the admin only what they may see on the site (see admin_access) ------------


@hooks.register("construct_page_chooser_queryset")
def hide_unreadable_practices_from_the_page_chooser(pages, request):
    if not is_limited_author(request.user):
        return pages
    return pages.exclude(pk__in=hidden_practice_ids(request.user))


@hooks.register("construct_document_chooser_queryset")
def offer_only_usable_documents(documents, request):
    if not is_limited_author(request.user):
        return documents
    return documents.filter(pk__in=usable_documents(request.user).values("pk"))


@hooks.register("construct_image_chooser_queryset")
def offer_only_usable_images(images, request):
    if not is_limited_author(request.user):
        return images
    return images.filter(pk__in=usable_images(request.user).values("pk"))


@hooks.register("construct_homepage_summary_items")
def no_site_counts_for_authors(request, summary_items):
    # The counts include other municipalities' drafts and restricted practices.
    if is_limited_author(request.user):
        summary_items.clear()


class CatalogueMenuItem(MenuItem):
    """The authors' way into their practices (Wagtail's page explorer reads the admin API)."""

    def __init__(self):
        super().__init__(_("Praktijken"), "", icon_name="doc-full-inverse", order=100)

    @property
    def url(self):
        index = PracticeIndexPage.objects.first()
        return reverse("wagtailadmin_explore", args=[index.pk]) if index else "#"

    @url.setter
    def url(self, value):
        pass


@hooks.register("construct_main_menu")
def authors_menu(request, menu_items):
    """Authors see only the menu items whose pages are open to them."""
    if not is_limited_author(request.user):
        return
    kept = [item for item in menu_items if _open_to_author(request.user, item)]
    menu_items[:] = [CatalogueMenuItem(), *kept]


def _open_to_author(user, item) -> bool:
    if isinstance(item, SubmenuMenuItem | ExplorerMenuItem):
        return False
    try:
        match = resolve(item.url)
    except Resolver404:
        return False
    return author_may_request(user, match.view_name, match.kwargs)


@hooks.register("before_serve_document")
def check_document_visibility(document, request):
    # One rule for every document on the site, whichever app shows it (exchange/downloads.py).
    from exchange.downloads import check_document_download

    return check_document_download(request, document)


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
