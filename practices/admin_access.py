"""What an author (a verified member who is not a moderator) may reach in the Wagtail admin.

Wagtail's own permissions let an author read far more than the site shows them: drafts and
revisions of any practice, every document in the root collection, the page search, the
reports and the admin API. So the admin is closed to authors by default and opened view by
view: each admin URL name an author needs is listed in `RULES` with the check its URL
arguments must pass (a practice of the author's own municipality, a document they may use…).
Everything not listed answers 403. Moderators (with their second factor) are not limited here.

The choosers' lists are narrowed by hooks in `wagtail_hooks.py` with the querysets below, and
`admin_forms.PracticeAdminForm` refuses documents and images the author may not use.
"""

from collections.abc import Callable

from django.db.models import Q
from wagtail.models import Page

from exchange.core.roles import is_moderator
from exchange.visibility import visible_q

from .media_access import usable_documents, usable_images
from .models import PracticePage
from .permissions import user_municipality_id

__all__ = ["author_may_request", "hidden_practice_ids", "usable_documents", "usable_images"]

Check = Callable[..., bool]


def is_limited_author(user) -> bool:
    """Anyone in the admin who is not a moderator gets the author's narrow view."""
    return user.is_authenticated and not is_moderator(user)


# -- what an author may see and use -----------------------------------------------------------


def own_practices(user):
    own = user_municipality_id(user)
    return PracticePage.objects.filter(municipality_id=own) if own else PracticePage.objects.none()


def hidden_practice_ids(user):
    """Practices the author may neither edit nor read on the site (a subquery)."""
    own = user_municipality_id(user)
    readable = Q(live=True) & visible_q(user, model=PracticePage)
    if own:
        readable |= Q(municipality_id=own)
    return PracticePage.objects.exclude(readable).values("pk")


# -- checks on an admin URL's arguments --------------------------------------------------------


def _page(page_id) -> Page | None:
    return Page.objects.filter(pk=_int(page_id)).first()


def _own_practice(user, page_id) -> bool:
    return own_practices(user).filter(pk=_int(page_id)).exists()


def _not_a_practice(page_id) -> bool:
    """The tree above the catalogue (root, home, the catalogue itself) holds nothing private."""
    page = _page(page_id)
    return page is not None and not issubclass(page.specific_class or Page, PracticePage)


def _int(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 0
    return number if 0 < number < 2**63 else 0


def always(user, **kwargs) -> bool:
    return True


def own_page(key: str) -> Check:
    def check(user, **kwargs) -> bool:
        return _own_practice(user, kwargs.get(key))

    return check


def tree_or_own_page(key: str) -> Check:
    def check(user, **kwargs) -> bool:
        page_id = kwargs.get(key)
        return _not_a_practice(page_id) or _own_practice(user, page_id)

    return check


def readable_page(key: str) -> Check:
    def check(user, **kwargs) -> bool:
        page_id = _int(kwargs.get(key))
        if _not_a_practice(page_id):
            return True
        readable = PracticePage.objects.exclude(pk__in=hidden_practice_ids(user))
        return readable.filter(pk=page_id).exists()

    return check


def usable_document(key: str) -> Check:
    def check(user, **kwargs) -> bool:
        return usable_documents(user).filter(pk=_int(kwargs.get(key))).exists()

    return check


def usable_image(key: str) -> Check:
    def check(user, **kwargs) -> bool:
        return usable_images(user).filter(pk=_int(kwargs.get(key))).exists()

    return check


def own_page_editing_session(user, **kwargs) -> bool:
    is_page = (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page")
    return is_page and _own_practice(user, kwargs.get("object_id"))


# URL names an author may use, each with the check its arguments must pass. Anything else in
# the admin (reports, page search, the admin API, usage listings, snippets, settings…) is closed.
RULES: dict[str, Check] = {
    # Getting in and out, and the admin's own furniture.
    "wagtailadmin_home": always,
    "wagtailadmin_login": always,
    "wagtailadmin_login_redirect": always,
    "wagtailadmin_logout": always,
    "wagtailadmin_account": always,
    "wagtailadmin_sprite": always,
    "wagtailadmin_javascript_catalog": always,
    "wagtailadmin_dismissibles": always,
    "wagtailadmin_block_preview": always,
    "wagtailadmin_editing_sessions:ping": own_page_editing_session,
    "wagtailadmin_editing_sessions:release": always,  # Wagtail checks the session's owner
    # The catalogue and the author's own practices.
    "wagtailadmin_explore_root": always,
    "wagtailadmin_explore": tree_or_own_page("parent_page_id"),
    "wagtailadmin_explore_results": tree_or_own_page("parent_page_id"),
    "wagtailadmin_pages:add_subpage": tree_or_own_page("parent_page_id"),
    "wagtailadmin_pages:add": tree_or_own_page("parent_page_id"),
    "wagtailadmin_pages:preview_on_add": tree_or_own_page("parent_page_id"),
    "wagtailadmin_pages:edit": own_page("page_id"),
    "wagtailadmin_pages:preview_on_edit": own_page("page_id"),
    "wagtailadmin_pages:view_draft": own_page("page_id"),
    "wagtailadmin_pages:delete": own_page("page_id"),
    "wagtailadmin_pages:unpublish": own_page("page_id"),
    "wagtailadmin_pages:lock": own_page("page_id"),
    "wagtailadmin_pages:unlock": own_page("page_id"),
    "wagtailadmin_pages:history": own_page("page_id"),
    "wagtailadmin_pages:history_results": own_page("page_id"),
    "wagtailadmin_pages:revisions_index": own_page("page_id"),
    "wagtailadmin_pages:revisions_view": own_page("page_id"),
    "wagtailadmin_pages:revisions_revert": own_page("page_id"),
    "wagtailadmin_pages:revisions_unschedule": own_page("page_id"),
    "wagtailadmin_pages:revisions_compare": own_page("pk"),
    "wagtailadmin_pages:workflow_history": own_page("page_id"),
    "wagtailadmin_pages:workflow_history_detail": own_page("page_id"),
    "wagtailadmin_pages:workflow_action": own_page("page_id"),
    "wagtailadmin_pages:collect_workflow_action_data": own_page("page_id"),
    "wagtailadmin_pages:confirm_workflow_cancellation": own_page("page_id"),
    "wagtailadmin_pages:workflow_preview": own_page("page_id"),
    # Linking to a page: the chooser lists what the author may read (hook), nothing else.
    "wagtailadmin_choose_page": always,
    "wagtailadmin_choose_page_child": readable_page("parent_page_id"),
    "wagtailadmin_choose_page_search": always,
    "wagtailadmin_choose_page_external_link": always,
    "wagtailadmin_choose_page_email_link": always,
    "wagtailadmin_choose_page_phone_link": always,
    "wagtailadmin_choose_page_anchor_link": always,
    # Tags: answered from tags the author may see (see `tag_autocomplete`).
    "wagtailadmin_tag_autocomplete": always,
    "wagtailadmin_tag_model_autocomplete": always,
    # Documents and images: their own and their municipality's (hooks narrow the lists).
    "wagtaildocs:index": always,
    "wagtaildocs:index_results": always,
    "wagtaildocs:add": always,
    "wagtaildocs:add_multiple": always,
    "wagtaildocs:create_multiple_from_uploaded_document": always,  # Wagtail checks the uploader
    "wagtaildocs:delete_upload_multiple": always,
    "wagtaildocs:edit": usable_document("document_id"),
    "wagtaildocs:delete": usable_document("document_id"),
    "wagtaildocs:edit_multiple": usable_document("doc_id"),
    "wagtaildocs:delete_multiple": usable_document("doc_id"),
    "wagtaildocs_chooser:choose": always,
    "wagtaildocs_chooser:choose_results": always,
    "wagtaildocs_chooser:create": always,
    "wagtaildocs_chooser:chosen": usable_document("pk"),
    "wagtailimages:index": always,
    "wagtailimages:index_results": always,
    "wagtailimages:add": always,
    "wagtailimages:add_multiple": always,
    "wagtailimages:create_multiple_from_uploaded_image": always,
    "wagtailimages:delete_upload_multiple": always,
    "wagtailimages:edit": usable_image("image_id"),
    "wagtailimages:delete": usable_image("image_id"),
    "wagtailimages:preview": usable_image("image_id"),
    "wagtailimages:edit_multiple": usable_image("image_id"),
    "wagtailimages:delete_multiple": usable_image("image_id"),
    "wagtailimages_chooser:choose": always,
    "wagtailimages_chooser:choose_results": always,
    "wagtailimages_chooser:create": always,
    "wagtailimages_chooser:chosen": usable_image("pk"),
    "wagtailimages_chooser:select_format": usable_image("image_id"),
}


TAG_AUTOCOMPLETE_VIEWS = ("wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete")


def author_may_request(user, view_name: str | None, kwargs: dict) -> bool:
    """May this author open this admin URL with these arguments?"""
    if not view_name:  # Wagtail's catch-all answers 404 by itself
        return True
    check = RULES.get(view_name)
    return check is not None and check(user, **kwargs)
