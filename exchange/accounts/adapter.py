"""allauth hooks: every new account gets a profile linked to its municipality by e-mail domain."""

from allauth.account.adapter import DefaultAccountAdapter

from .services import member_link_by_email


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_link_by_email(user=user)
        return user
