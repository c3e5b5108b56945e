from django.conf import settings

from exchange.core.roles import is_moderator, is_verified_member


def site(request):
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "is_verified_member": bool(user and is_verified_member(user)),
        "is_moderator": bool(user and is_moderator(user)),
    }
