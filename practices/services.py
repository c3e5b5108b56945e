"""Writes on practices: the catalogue page and the roles around practices."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_noop
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Site

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
    # Shipped interface text: shown translated until an editor changes it (shipped_text).
    index = PracticeIndexPage(
        title=gettext_noop("Goede praktijken"),
        slug=INDEX_SLUG,
        intro=gettext_noop(
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
    """Authors share practices on the site (`practices/sharing/`), not in the admin: the
    `Auteurs` group holds no admin permission, and permissions it held before are taken away
    here (this runs after every migrate). Moderators may also feature practices."""
    practice_index_ensure()
    authors, _ = Group.objects.get_or_create(name=AUTHORS_GROUP)
    authors.permissions.remove(_perm("wagtailadmin", "access_admin"))
    GroupPagePermission.objects.filter(group=authors).delete()
    GroupCollectionPermission.objects.filter(group=authors).delete()
    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is not None:
        moderators.permissions.add(_perm("practices", "feature_practice"))


def setup_after_migrate(sender, using="default", **kwargs):
    """post_migrate: make sure the catalogue page and the roles exist in every database."""
    from django.core.management import call_command

    # Publishing a page touches the cache; with the database cache its table must exist.
    call_command("createcachetable", database=using, verbosity=0)
    roles_ensure()
