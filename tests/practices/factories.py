"""Building published practices for tests (through Wagtail's own tree and revisions)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from exchange.themes.models import OrganisationKind, Theme
from practices.models import PracticeAttachment, PracticePage, PracticePartner
from practices.services import practice_index_ensure

_counter = iter(range(1, 10**6))


def make_document(title="Evaluatierapport", content=b"%PDF-1.4 test", name="rapport.pdf"):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def ensure_page_tree():
    """The page tree the migrations create; transactional tests flush it, so rebuild it."""
    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from exchange.home.models import HomePage

    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Kennisnetwerk Sociale Stabiliteit", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


def make_practice(
    *,
    title=None,
    municipality=None,
    visibility="public",
    allowed=(),
    themes=("jongeren",),
    target_groups=("jongeren",),
    owner=None,
    partners=0,
    attachments=(),
    published_at=None,
    live=True,
    **fields,
) -> PracticePage:
    """A published practice; `attachments` is a list of (document, visibility) pairs."""
    n = next(_counter)
    ensure_page_tree()
    index = practice_index_ensure()
    page = PracticePage(
        title=title or f"Praktijk {n}",
        slug=f"praktijk-{n}",
        summary=fields.pop("summary", f"Samenvatting van praktijk {n} over jongeren en scholen."),
        municipality=municipality,
        visibility=visibility,
        owner=owner,
        **fields,
    )
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.allowed_municipalities = list(allowed)
    for tag in target_groups:
        page.target_groups.add(tag)
    for i in range(partners):
        page.partners.add(
            PracticePartner(
                kind=OrganisationKind.objects.get(slug="school"), name=f"School {i}", role="gastles"
            )
        )
    for document, attachment_visibility in attachments:
        page.attachments.add(
            PracticeAttachment(document=document, visibility=attachment_visibility)
        )
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
        if published_at:
            moment = timezone.make_aware(datetime.datetime.combine(published_at, datetime.time()))
            PracticePage.objects.filter(pk=page.pk).update(
                first_published_at=moment, last_published_at=moment
            )
            page.refresh_from_db()
    else:
        PracticePage.objects.filter(pk=page.pk).update(live=False)
        page.refresh_from_db()
    return page


LEGACY_ADMIN_GROUP = "Oude auteursrechten"


def legacy_admin_group():
    """The admin rights authors held before they shared practices on the site.

    Nobody gets these now (`roles_ensure` takes them from `Auteurs`), but a member could be
    given admin access by mistake: `practices/admin_access.py` must still keep any
    non-moderator to their own municipality's practices, so the admin tests run with them.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=LEGACY_ADMIN_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    index = Page.objects.get(pk=practice_index_ensure().pk)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root = Collection.get_first_root_node()
    for app_label, codename in (
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group
