from allauth.account.signals import email_confirmed, password_changed, password_reset, password_set
from allauth.mfa.signals import authenticator_added
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import conduct, mfa
from .models import CodeOfConduct
from .services import member_password_changed, member_verify_by_domain, profile_ensure


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


@receiver(user_logged_in)
def gate_staff_powers_on_login(sender, request, user, **kwargs):
    # login() hands the request a fresh user object the middleware has not seen.
    if request is not None and getattr(request, "user", None) is user:
        mfa.gate_staff_powers(request, user)


@receiver(authenticator_added)
def record_second_factor_on_activation(sender, request, user, authenticator, **kwargs):
    mfa.record_second_factor_added(request, user, authenticator)


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def sign_out_elsewhere_on_password_change(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    # A reset comes from a signed-out browser: then no session stays.
    current = session.session_key if session is not None and request.user.is_authenticated else None
    member_password_changed(user=user, current_session_key=current)


@receiver(post_save, sender=CodeOfConduct)
@receiver(post_delete, sender=CodeOfConduct)
def forget_current_code(sender, **kwargs):
    conduct.forget_current_code()
