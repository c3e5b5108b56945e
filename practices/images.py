"""Images: a rendition is served only to someone who may see a practice that shows it.

Rendition URLs point here (`WAGTAILIMAGES_RENDITION_STORAGE`'s base URL is /afbeeldingen/), so
nothing under MEDIA_URL needs to be public. Moderators see every rendition, and members see the
images they may put on a practice (`media_access.usable_images`), which keeps the admin's
thumbnails and previews working for them.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from exchange.core.roles import is_moderator
from exchange.core.uploads import extension
from exchange.downloads import access_through
from exchange.visibility import Visibility, needs_login

from .documents import practice_use, practices_embedding
from .media_access import usable_images

CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
}
MAX_AGE = 60 * 60


def image_access(user, image) -> tuple[bool, bool, str]:
    """(may see, anyone may see, the strictest visibility that blocked it) for this image."""
    practices = practices_embedding(image)
    public = any(practice.visibility == Visibility.PUBLIC for practice in practices)
    if public or is_moderator(user):
        return True, public, Visibility.PUBLIC
    if user.is_authenticated and usable_images(user).filter(pk=image.pk).exists():
        # The uploader and their municipality's colleagues, who may put it on a practice.
        return True, False, Visibility.PUBLIC
    allowed, visibility = access_through(
        user, [practice_use(practice, practice.visibility) for practice in practices]
    )
    return allowed, False, visibility


@require_safe
def rendition_serve(request, name: str):
    """Serve one rendition file by its stored name, after the visibility check."""
    content_type = CONTENT_TYPES.get(extension(name))
    rendition = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(file=name)
        .select_related("image")
        .first()
    )
    if content_type is None or rendition is None:
        raise Http404
    allowed, public, blocking = image_access(request.user, rendition.image)
    if not allowed:
        if needs_login(request.user, visibility=blocking):
            return redirect_to_login(request.get_full_path())
        raise Http404
    try:
        handle = rendition.file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    # Shared caches may keep only what anyone may see; the rest stays in the viewer's browser.
    scope = {"public": True} if public else {"private": True}
    patch_cache_control(response, max_age=MAX_AGE, **scope)
    return response
