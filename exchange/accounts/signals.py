from allauth.account.signals import email_confirmed
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import conduct
from .models import CodeOfConduct
from .services import member_verify_by_domain, profile_ensure


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        profile_ensure(user=instance)


@receiver(email_confirmed)
def verify_member_on_confirmation(sender, request, email_address, **kwargs):
    # Only a confirmed address proves the member works for the municipality.
    if email_address.primary or email_address.user.email == email_address.email:
        member_verify_by_domain(user=email_address.user)


@receiver(user_logged_in)
def check_code_of_conduct_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        conduct.on_login(request, user)


@receiver(post_save, sender=CodeOfConduct)
@receiver(post_delete, sender=CodeOfConduct)
def forget_current_code(sender, **kwargs):
    conduct.forget_current_code()
