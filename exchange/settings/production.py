"""Production: secrets and hosts must come from the environment (read in base.py)."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

DEBUG = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
SECURE_SSL_REDIRECT = HTTPS_REDIRECT  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = HSTS_SECONDS  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = HSTS_PRELOAD  # noqa: F405
# Off only for a plain-http stack on localhost (`make stack`): clients other than browsers
# (Locust, requests) send no Secure cookie over http.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES  # noqa: F405
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
