from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from exchange.core.roles import is_verified_member


def verified_member_required(view):
    """Anonymous visitors go to log in; signed-in but unverified members see why they wait."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified_member(request.user):
            return render(request, "accounts/pending.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
