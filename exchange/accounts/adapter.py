"""allauth hooks: every new account gets a profile linked to its municipality by e-mail domain;
failed logins count per account and client address (see ratelimits.py)."""

from allauth.account.adapter import DefaultAccountAdapter

from .ratelimits import attempt_key
from .services import member_link_by_email


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_link_by_email(user=user)
        return user

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys the per-account limit on the login alone, so wrong passwords from
        # anywhere would lock the owner out too; with the address the owner stays in.
        return attempt_key(request, super()._get_login_attempts_cache_key(request, **credentials))
