"""Writes on practices: the catalogue page, the authors' role, and publishing from imports."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site

from exchange.core.roles import MODERATORS_GROUP

from .models import PracticeIndexPage
from .permissions import AUTHORS_GROUP

INDEX_SLUG = "praktijken"


def practice_index_ensure() -> PracticeIndexPage | None:
    """The practice catalogue at /praktijken/, created under the site's home page when missing."""
    index = PracticeIndexPage.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    index = PracticeIndexPage(
        title="Goede praktijken",
        slug=INDEX_SLUG,
        intro=(
            "Wat deden andere gemeenten tegen radicalisering, polarisatie en spanningen, "
            "met wie, wat kostte het en wat leverde het op?"
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def roles_ensure() -> None:
    """Authors write practices of their own municipality; moderators may also feature them."""
    index = practice_index_ensure()
    authors, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    authors.permissions.add(_perm("wagtailadmin", "access_admin"))
    if index is not None:
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=authors, page=index, permission=_perm("wagtailcore", codename)
            )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in (
            ("wagtaildocs", "add_document"),
            ("wagtaildocs", "choose_document"),
            ("wagtailimages", "add_image"),
            ("wagtailimages", "choose_image"),
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=authors, collection=root_collection, permission=_perm(app_label, codename)
            )
    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is not None:
        moderators.permissions.add(_perm("practices", "feature_practice"))


def setup_after_migrate(sender, using="default", **kwargs):
    """post_migrate: make sure the catalogue page and the roles exist in every database."""
    from django.core.management import call_command

    # Publishing a page touches the cache; with the database cache its table must exist.
    call_command("createcachetable", database=using, verbosity=0)
    roles_ensure()
