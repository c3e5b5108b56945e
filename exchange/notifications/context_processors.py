from django.utils.functional import SimpleLazyObject

from .selectors import notification_unread_count


def unread(request):
    """`notifications_unread` for the header badge: one COUNT, only if a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: notification_unread_count(user=user))}
