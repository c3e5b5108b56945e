"""Document downloads: a file is served only to someone who may see a practice that uses it."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import Page, ReferenceIndex

from exchange.core.roles import is_moderator
from exchange.core.uploads import content_type_for
from exchange.visibility import Visibility, can_view, needs_login, viewer_for

from .models import PracticeAttachment, PracticePage


def practices_embedding(obj) -> list[PracticePage]:
    """Live practices whose approach (StreamField) embeds the document or image."""
    page_type = ContentType.objects.get_for_model(Page)
    # Attachments are references too, but they carry their own visibility (checked below).
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .exclude(model_path__startswith="attachments.")
        .values_list("object_id", flat=True)
    )
    return list(
        PracticePage.objects.live().filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()])
    )


def access_through_practices(user, candidates) -> tuple[bool, str]:
    """(may see, visibility) for a file shown by these (practice, visibility) pairs.

    The visibility is the one that let the user see it, else the strictest that blocked it
    (members-only means an anonymous visitor is asked to log in).
    """
    viewer = viewer_for(user)
    blocking = Visibility.RESTRICTED
    for practice, visibility in candidates:
        if can_view(
            viewer,
            visibility=visibility,
            municipality_id=practice.municipality_id,
            allowed_municipality_ids=practice.allowed_municipality_ids(),
            owner_id=practice.owner_id,
        ):
            return True, visibility
        if visibility == Visibility.MEMBERS:
            blocking = Visibility.MEMBERS
    return False, blocking


def document_access(user, document) -> tuple[bool, str]:
    """(may download, the strictest visibility that blocked it) for this user and document."""
    if is_moderator(user) or (user.is_authenticated and document.uploaded_by_user_id == user.pk):
        return True, Visibility.PUBLIC
    attachments = PracticeAttachment.objects.filter(
        document=document, practice__live=True
    ).select_related("practice")
    candidates = [
        (attachment.practice, attachment.visibility or attachment.practice.visibility)
        for attachment in attachments
    ] + [(practice, practice.visibility) for practice in practices_embedding(document)]
    return access_through_practices(user, candidates)


def check_document_download(request, document):
    """Wagtail's before_serve_document hook: a response here stops the download."""
    allowed, blocking = document_access(request.user, document)
    if allowed:
        return None
    if needs_login(request.user, visibility=blocking):
        return redirect_to_login(request.get_full_path())
    raise Http404


def document_serve(request, document_id, document_filename):
    """Wagtail's document view (checks above run in its hook), with safe download headers.

    Wagtail's sendfile sets `Content-Encoding` from the file name's guessed encoding, which is
    the string "None" for every ordinary file (or "gzip" for a .gz, which browsers would
    unpack). The type comes from our allow-list, so a stored file is never served as HTML.
    """
    response = wagtail_serve(request, document_id, document_filename)
    if "Content-Encoding" in response:
        del response["Content-Encoding"]
    if response.status_code == 200:
        response["Content-Type"] = content_type_for(document_filename)
        response["X-Content-Type-Options"] = "nosniff"
    return response
