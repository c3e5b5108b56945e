"""Document downloads: a file is served only to someone who may see something that shows it.

Every app that shows Wagtail documents registers a *finder* from its `AppConfig.ready()`:
`finder(document)` returns a `DocumentUse` for each live place the document is shown (a
practice's attachment or its approach, a meeting's material), each with the visibility that
place gives it. A download is allowed when one use allows it (`exchange.visibility.can_view`),
and always to moderators and to the member who uploaded it. Nothing under MEDIA_URL is served:
`/documenten/<id>/<name>` is the only way to a file, and Wagtail's `before_serve_document` hook
(practices/wagtail_hooks.py) asks `check_document_download` before every download.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from wagtail.documents.views.serve import serve as wagtail_serve

from exchange.core.roles import is_moderator
from exchange.core.uploads import content_type_for
from exchange.visibility import Visibility, can_view, needs_login, viewer_for


@dataclass(frozen=True)
class DocumentUse:
    """One place a document is shown, and the visibility it has there."""

    visibility: str
    municipality_id: int | None
    allowed_municipality_ids: Iterable[int] = ()
    owner_id: int | None = None

    @classmethod
    def of(cls, item, visibility: str) -> "DocumentUse":
        """The use on `item` (a practice, a meeting: anything with a municipality, chosen
        municipalities and an owner) with the visibility it gives the document there."""
        return cls(
            visibility=visibility,
            municipality_id=item.municipality_id,
            allowed_municipality_ids=item.allowed_municipality_ids(),
            owner_id=item.owner_id,
        )


Finder = Callable[[object], Iterable[DocumentUse]]
_finders: list[Finder] = []


def register_document_uses(finder: Finder) -> None:
    """Let `finder(document)` name the places an app shows a document (once per finder)."""
    if finder not in _finders:
        _finders.append(finder)


def access_through(user, uses: Iterable[DocumentUse]) -> tuple[bool, str]:
    """(may see, visibility) for something shown in these places.

    The visibility is the one that let the user see it, else the strictest that blocked it
    (members-only means an anonymous visitor is asked to log in).
    """
    viewer = viewer_for(user)
    blocking = Visibility.RESTRICTED
    for use in uses:
        if can_view(
            viewer,
            visibility=use.visibility,
            municipality_id=use.municipality_id,
            allowed_municipality_ids=use.allowed_municipality_ids,
            owner_id=use.owner_id,
        ):
            return True, use.visibility
        if use.visibility == Visibility.MEMBERS:
            blocking = Visibility.MEMBERS
    return False, blocking


def document_access(user, document) -> tuple[bool, str]:
    """(may download, the strictest visibility that blocked it) for this user and document."""
    if is_moderator(user) or (user.is_authenticated and document.uploaded_by_user_id == user.pk):
        return True, Visibility.PUBLIC
    uses = [use for finder in _finders for use in finder(document)]
    return access_through(user, uses)


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
