from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

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
