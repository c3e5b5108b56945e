"""A non-moderator sees through the admin only what the site shows them.

Authors share practices on the site now and have no admin access; a member could still be
given it by mistake, so the gate in `practices/admin_access.py` stays and this walk runs as a
member holding the admin rights authors had before (`legacy_admin_group`). A second walk, as
an author with today's rights, finds every admin URL closed.

The walk takes every URL pattern the resolver knows under /beheer/ (Wagtail's own, its
choosers and APIs, and ours), fills its arguments with the ids of another municipality's
restricted practice, drafts, revisions, workflow, documents and images, and asks for each
page as a member of a different municipality, with and without search terms. No marker word
of the other municipality's private content may appear in any answer, and no request may
change any of it. A control walk over the member's own practice shows the walk does reach
content.
"""

import io
import itertools

import pytest
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exchange.core.roles import AUTHORS_GROUP
from practices.models import PracticeAttachment, PracticePage
from tests.practices.factories import legacy_admin_group, make_document, make_practice

pytestmark = pytest.mark.django_db

# Words that appear nowhere but in the other municipality's private content.
MARKERS = {
    "restricted_title": "zilvervosgeheim",
    "restricted_summary": "nachtuilverhaal",
    "restricted_revision": "boomkleverwijziging",
    "draft": "kwartelkoningconcept",
    "submitted": "fluitketelvoorstel",
    "workflow_comment": "ijsvogelopmerking",
    "document": "nachtegaalrapport",
    "image": "grutto-afbeelding",
    "tag": "wielewaaltag",
    "target_group": "koekoeksdoelgroep",
}
# Search terms are prefixes: an echo of the search box must not count as a leak.
SEARCH_TERMS = ("zilvervos", "nachtegaal", "kwartel", "fluitketel", "grutto", "wielewaal")
OWN_MARKER = "eigenpraktijkmerkwoord"


def _png() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def _image(title, uploader):
    return get_image_model().objects.create(
        title=title, uploaded_by_user=uploader, file=ImageFile(io.BytesIO(_png()), f"{title}.png")
    )


@pytest.fixture
def authors(db):
    return legacy_admin_group()


@pytest.fixture
def author(member, authors):
    member.groups.add(authors)
    return member


@pytest.fixture
def theirs(other_member, other_municipality, authors, moderator):
    """Another municipality's private content, in every state the admin can show."""
    other_member.groups.add(authors)
    document = make_document(title=f"Vertrouwelijk {MARKERS['document']}")
    document.uploaded_by_user = other_member
    document.save()
    image = _image(MARKERS["image"], other_member)
    restricted = make_practice(
        title=f"Aanpak {MARKERS['restricted_title']}",
        summary=f"Samenvatting met {MARKERS['restricted_summary']}.",
        municipality=other_municipality,
        visibility="restricted",
        owner=other_member,
        target_groups=(MARKERS["target_group"],),
        attachments=[(document, "restricted")],
    )
    restricted.tags.add(MARKERS["tag"])
    restricted.approach = [("image", {"image": image, "alt": "foto", "caption": ""})]
    restricted.save_revision(user=other_member).publish()
    # An unpublished change on top of the live version.
    restricted.title = f"Aanpak {MARKERS['restricted_revision']}"
    restricted.save_revision(user=other_member)
    PracticePage.objects.filter(pk=restricted.pk).update(
        locked=True, locked_by=other_member, locked_at=timezone.now()
    )

    draft = make_practice(
        title=f"Concept {MARKERS['draft']}",
        municipality=other_municipality,
        visibility="public",
        owner=other_member,
        live=False,
    )
    draft.save_revision(user=other_member)

    submitted = make_practice(
        title=f"Voorstel {MARKERS['submitted']}",
        municipality=other_municipality,
        visibility="members",
        owner=other_member,
        live=False,
    )
    revision = submitted.save_revision(user=other_member)
    state = submitted.get_workflow().start(submitted, other_member)
    state.current_task_state.reject(user=moderator, comment=MARKERS["workflow_comment"])
    submitted.save_revision(user=other_member)
    return {
        "pages": [restricted, draft, submitted],
        "document": document,
        "image": image,
        "revision": revision,
    }


@pytest.fixture
def ours(author, municipality):
    document = make_document(title="Eigen document")
    document.uploaded_by_user = author
    document.save()
    practice = make_practice(
        title=f"Aanpak {OWN_MARKER}",
        municipality=municipality,
        visibility="restricted",
        owner=author,
        attachments=[(document, "restricted")],
    )
    return {"pages": [practice], "document": document}


# -- the walk ----------------------------------------------------------------------------------


def admin_patterns():
    """(view name, argument names) of every named URL pattern under /beheer/."""

    def walk(patterns, prefix, namespace, params):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            names = params | _params(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, route, inner, names)
            elif isinstance(entry, URLPattern) and entry.name and route.startswith("beheer/"):
                yield f"{namespace}{entry.name}", frozenset(names)

    return sorted(set(walk(get_resolver().url_patterns, "", "", frozenset())))


def _params(pattern) -> frozenset:
    converters = getattr(pattern, "converters", None)
    if converters:
        return frozenset(converters)
    regex = getattr(pattern, "regex", None)
    return frozenset(regex.groupindex) if regex is not None else frozenset()


def argument_values(content) -> dict[str, list]:
    pages = [page.pk for page in content["pages"]]
    revisions = list(
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages]).values_list(
            "pk", flat=True
        )
    )
    states = WorkflowState.objects.filter(object_id__in=[str(pk) for pk in pages])
    task_states = [task_state.pk for state in states for task_state in state.task_states.all()]
    document = content.get("document")
    image = content.get("image")
    files = [obj.pk for obj in (document, image) if obj is not None]
    return {
        "page_id": pages,
        "parent_page_id": pages,
        "page_to_move_id": pages,
        "destination_id": pages[:1],
        "page_pk": pages,
        "pk": pages + files,
        "object_id": [str(pk) for pk in pages],
        "revision_id": revisions,
        "revision_id_a": ["earliest", *revisions],
        "revision_id_b": ["latest", "live", *revisions],
        "task_state_id": task_states,
        "task_id": list({ts.task_id for state in states for ts in state.task_states.all()}),
        "workflow_state_id": [state.pk for state in states],
        "workflow_pk": list({state.workflow_id for state in states}),
        "document_id": [document.pk] if document else [],
        "doc_id": [document.pk] if document else [],
        "image_id": [image.pk] if image else [],
        "filter_spec": ["original", "max-165x165"],
        "action_name": ["approve", "reject", "copy"],
        "action": ["delete", "publish"],
        "content_type_app_name": ["practices"],
        "content_type_model_name": ["practicepage"],
        "app_label": ["wagtailcore", "practices"],
        "model_name": ["page", "practicepage"],
        "app_name": ["practices", "taggit"],
        "session_id": [1],
        "uploaded_file_id": [1],
        "collection_id": [1],
        "redirect_id": [1],
        "table": ["themes"],
        "section": ["members"],
        "kind": ["question"],
        "uidb64": ["MQ"],
        "token": ["x"],
        "str:pk": files,
    }


# Signing out would turn the rest of the walk into an anonymous one.
SKIPPED = {"wagtailadmin_logout"}


def admin_urls(content):
    values = argument_values(content)
    for name, params in admin_patterns():
        if name in SKIPPED or any(not values.get(param) for param in params):
            continue
        ordered = sorted(params)
        for combination in itertools.product(*(values[param] for param in ordered)):
            try:
                yield name, reverse(name, kwargs=dict(zip(ordered, combination, strict=True)))
            except NoReverseMatch:
                continue


def query_variants(content, url):
    """Search terms and ids for listings; a page about one object gets a search term too."""
    pages = [page.pk for page in content["pages"]]
    yield ""
    yield f"?q={SEARCH_TERMS[0]}"
    if any(str(pk) in url for pk in pages) or url.rstrip("/").split("/")[-1].isdigit():
        return
    for term in SEARCH_TERMS[1:]:
        yield f"?q={term}"
    yield "?term=" + SEARCH_TERMS[0]
    yield "?search=" + SEARCH_TERMS[0]
    for pk in pages:
        yield f"?child_of={pk}&fields=*"
        yield f"?id={pk}"
    yield "?fields=*&limit=100"


# Something for every form an admin view might process (Wagtail's link choosers fail on
# missing fields with an error of their own).
POST_DATA = {
    "comment": "gekaapt",
    "title": "Gekaapt",
    "external-link-chooser-url": "https://voorbeeld.nl/",
    "email-link-chooser-email_address": "iemand@voorbeeld.nl",
    "phone-link-chooser-phone_number": "0612345678",
    "anchor-link-chooser-url": "kop",
}


def _leaks(response) -> list[str]:
    text = (response.content.decode(errors="ignore") + response.get("Location", "")).lower()
    return [marker for marker in MARKERS.values() if marker in text]


def _snapshot(content):
    pages = [
        PracticePage.objects.filter(pk=page.pk)
        .values_list("title", "live", "latest_revision_id", "locked", "has_unpublished_changes")
        .first()
        for page in content["pages"]
    ]
    states = list(WorkflowState.objects.order_by("pk").values_list("pk", "status"))
    document = content["document"]
    document.refresh_from_db()
    attachments = list(PracticeAttachment.objects.order_by("pk").values_list("pk", "document_id"))
    return pages, states, (document.title, document.file.name), attachments, Page.objects.count()


def test_every_admin_url_keeps_another_municipalitys_private_content_from_an_author(
    client_as, author, theirs
):
    client = client_as(author)
    client.raise_request_exception = False  # a crash is a finding too, not the end of the walk
    seen = 0
    leaks, crashes = [], []
    for name, url in admin_urls(theirs):
        for query in query_variants(theirs, url):
            response = client.get(url + query)
            seen += 1
            if found := _leaks(response):
                leaks.append((name, url + query, response.status_code, found))
            if response.status_code >= 500:
                crashes.append((name, url + query))
    assert seen > 300  # the walk covered the admin, not a handful of pages
    assert leaks == []
    assert crashes == []
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # still signed in


def test_an_author_with_todays_rights_finds_every_admin_url_closed(client_as, member, theirs):
    member.groups.add(Group.objects.get(name=AUTHORS_GROUP))
    client = client_as(member)
    client.raise_request_exception = False
    opened, leaks = [], []
    for name, url in admin_urls(theirs):
        response = client.get(url)
        if found := _leaks(response):
            leaks.append((name, url, found))
        if response.status_code == 200:
            opened.append(name)
    assert leaks == []
    # Only the admin's static furniture answers, and the tag autocomplete, which the gate
    # answers from the tags of practices the member may read (practices/middleware.py).
    assert set(opened) <= {
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_tag_autocomplete",
        "wagtailadmin_tag_model_autocomplete",
    }, set(opened)


def test_no_admin_url_lets_an_author_change_another_municipalitys_content(
    client_as, author, theirs
):
    before = _snapshot(theirs)
    leaks = []
    for name, url in admin_urls(theirs):
        client = client_as(author)
        client.raise_request_exception = False
        response = client.post(url, POST_DATA)
        if found := _leaks(response):
            leaks.append((name, url, response.status_code, found))
    assert leaks == []
    assert _snapshot(theirs) == before


def test_the_walk_reaches_the_authors_own_practice(client_as, author, ours):
    """The control: the same walk over the author's own practice finds it where it belongs."""
    client = client_as(author)
    found_in = {
        name
        for name, url in admin_urls(ours)
        if OWN_MARKER in client.get(url).content.decode(errors="ignore").lower()
    }
    assert {
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:history",
    } <= found_in


def test_the_authors_document_chooser_lists_their_municipalitys_documents_only(
    client_as, author, ours, theirs
):
    body = client_as(author).get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Eigen document" in body
    assert MARKERS["document"] not in body.lower()


def editor_data(practice, attachments, visibility="public"):
    """The editor's POST for `practice` with these attachment rows."""
    return nested_form_data(
        {
            "title": practice.title,
            "slug": practice.slug,
            "summary": practice.summary,
            "description": rich_text(""),
            "context_problem": rich_text(""),
            "goal": rich_text(""),
            "results": rich_text(""),
            "transferability": rich_text(""),
            "target_groups": "",
            "tags": "",
            "approach": streamfield([]),
            "partners": inline_formset([]),
            "attachments": attachments,
            "comments": inline_formset([]),
            "evidence_level": "",
            "cost_range": "",
            "status": "running",
            "visibility": visibility,
        }
    )


def test_an_author_cannot_attach_another_municipalitys_document(client_as, author, ours, theirs):
    """Posting the id by hand, past the chooser, is refused and the practice keeps its files."""
    practice = ours["pages"][0]
    data = editor_data(
        practice,
        inline_formset([{"document": theirs["document"].pk, "title": "", "visibility": "public"}]),
    )
    response = client_as(author).post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), data)
    assert response.status_code == 200
    assert "documenten van uw eigen gemeente" in response.content.decode()
    latest = PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object()
    assert theirs["document"].pk not in [a.document_id for a in latest.attachments.all()]


def test_an_author_may_keep_a_document_a_moderator_attached(client_as, author, ours, moderator):
    """A file already on the practice (put there by a moderator) does not block saving."""
    practice = ours["pages"][0]
    foreign = make_document(title="Landelijke handreiking")
    practice.attachments.add(PracticeAttachment(document=foreign, visibility=""))
    practice.save_revision(user=moderator).publish()
    attachment = PracticeAttachment.objects.get(practice=practice, document=foreign)
    data = editor_data(
        practice,
        inline_formset(
            [{"id": attachment.pk, "document": foreign.pk, "title": "", "visibility": ""}],
            initial=1,
        ),
        visibility="restricted",
    )
    response = client_as(author).post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def test_the_contact_person_is_chosen_among_verified_colleagues(
    client_as, author, ours, other_member, pending_member, municipality
):
    from tests.factories import MemberFactory

    colleague = MemberFactory(profile__municipality=municipality, first_name="Collega")
    pending_colleague = MemberFactory(
        profile__municipality=municipality, profile__status="pending", first_name="Nieuweling"
    )
    response = client_as(author).get(reverse("wagtailadmin_pages:edit", args=[ours["pages"][0].pk]))
    choices = set(response.context["form"].fields["contact_person"].queryset)
    assert colleague in choices
    assert author in choices
    assert pending_colleague not in choices
    assert other_member not in choices
    assert pending_member not in choices


def test_authors_menu_offers_their_practices_and_no_reports(client_as, author, ours):
    body = client_as(author).get(reverse("wagtailadmin_home")).content.decode()
    assert "Praktijken" in body
    assert reverse("wagtailadmin_reports:site_history") not in body
