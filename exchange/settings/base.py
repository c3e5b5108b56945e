"""Settings shared by every environment.

All configuration is read from the environment here and nowhere else; the other settings
modules only choose defaults. An integration (search engine, Redis cache, SMTP) switches on
when its variable is set.
"""

import os
from pathlib import Path

import dj_database_url
import django_cache_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / ".data"))


def env_bool(name: str, default: bool | None = False) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# None when unset: dev.py then turns it on, every other settings module keeps it off.
DEBUG = env_bool("DEBUG", None)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "exchange.accounts",
    "exchange.municipalities",
    "exchange.themes",
    "exchange.home",
    "exchange.questions",
    "exchange.contact",
    "exchange.notifications",
    "exchange.moderation",
    "exchange.insights",
    "exchange.inventories",
    "exchange.partners",
    "exchange.meetings",
    "exchange.core",
    "search",
    "practices",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: the request id reaches every log line, and the timing covers all the rest.
    "exchange.core.observability.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "exchange.core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything asks for roles: staff powers need a second factor in the session.
    "exchange.accounts.middleware.StaffPowersNeedMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "exchange.core.csp.SiteCSPMiddleware",
    # After the header middleware, so the 400 page carries the same security headers.
    "exchange.core.bad_input.RejectNulBytesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "exchange.accounts.activity.ThrottledUserSessionsMiddleware",
    "exchange.accounts.middleware.StaffMFARequiredMiddleware",
    "exchange.accounts.middleware.CodeOfConductMiddleware",
    "practices.middleware.AuthorAdminMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "exchange.urls"
WSGI_APPLICATION = "exchange.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "exchange.core.context_processors.site",
                "exchange.notifications.context_processors.unread",
            ],
        },
    },
]

# Database: SQLite in .data/ unless DATABASE_URL says otherwise.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'kennisnetwerk.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A persistent connection that died with a database restart is replaced, not used.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web process work side by side.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Figures shown outside the moderators cover at least this many municipalities
# (exchange/core/small_groups.py).
SMALL_GROUP_MINIMUM = int(os.environ.get("SMALL_GROUP_MINIMUM", "5"))

# Cache: Django's database cache (a real, shared cache) unless CACHE_URL names Redis.
if os.environ.get("CACHE_URL"):
    CACHES = {"default": django_cache_url.parse(os.environ["CACHE_URL"])}
    if CACHES["default"]["BACKEND"].endswith("RedisCache"):
        # django-redis: while Redis restarts a cache call is a miss, not a 500 (rate limits
        # count again from zero, sessions live in the database and stay). Short timeouts so
        # a Redis that is gone costs a request milliseconds, not seconds.
        CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
        CACHES["default"]["OPTIONS"] = {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }

# Search: SEARCH_URL picks OpenSearch or Elasticsearch; unset means database search.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "kennisnetwerk")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "5"))
# Bulk index requests (rebuilds, background syncs) may wait longer than a visitor's search.
SEARCH_BULK_TIMEOUT = float(os.environ.get("SEARCH_BULK_TIMEOUT", "60"))
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))  # per shard; 1 on a cluster
# The first results re-ordered by likeness to the best two, on both engines (search.feedback).
SEARCH_FEEDBACK = os.environ.get("SEARCH_FEEDBACK", "1") == "1"
# The first thirty results re-ordered by meaning (sentence embeddings, search.embedding).
# Off unless asked for: on a 2-core machine it costs the API more than the speed aims allow
# (docs/search.md); the relevance it gains is measured there too.
SEARCH_EMBEDDINGS = os.environ.get("SEARCH_EMBEDDINGS", "0") == "1"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Background work: the database backend in production (run `manage.py db_worker`).
# TASKS_BACKEND unset: the database backend, or immediate in development (dev.py).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "")
TASKS = {
    "default": {
        "BACKEND": TASKS_BACKEND or "django_tasks_db.DatabaseBackend",
    }
}
# Nothing lost, nothing twice (exchange/core/maintenance.py, exchange/notifications/delivery.py):
# an e-mail claim not confirmed within the lease is sent again (same Message-ID); a task left
# RUNNING that long by a worker without a heartbeat is queued again. Maintenance (recoveries,
# the search index catching up) runs every MAINTENANCE_INTERVAL seconds in `run_worker`, and,
# without a worker, at most every MAINTENANCE_AFTER_REQUESTS seconds after a request.
NOTIFICATION_CLAIM_LEASE = int(os.environ.get("NOTIFICATION_CLAIM_LEASE", "600"))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # well below the lease
TASK_STALE_AFTER = int(os.environ.get("TASK_STALE_AFTER", "300"))
TASK_HEARTBEAT_TTL = int(os.environ.get("TASK_HEARTBEAT_TTL", "30"))
MAINTENANCE_INTERVAL = int(os.environ.get("MAINTENANCE_INTERVAL", "30"))
MAINTENANCE_AFTER_REQUESTS = 30

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# After login a member's own start page (exchange.home); pending members see why they wait.
LOGIN_REDIRECT_URL = "member_start"

# allauth: e-mail login, mandatory verification, no enumeration, rate limits on the cache.
ACCOUNT_ADAPTER = "exchange.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "exchange.accounts.forms.SignupProfileForm"
# Says after sign-up whether the address linked the account to a municipality.
ACCOUNT_FORMS = {"signup": "exchange.accounts.signup.SignupForm"}
# Failed logins (and wrong TOTP codes) count per account *and* client address ("key", see
# exchange/accounts/ratelimits.py), so nobody elsewhere can lock the owner out; the wider
# per-address limit stops one address trying many accounts (offices share an address).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "5/h/ip,3/h/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Kennisnetwerk] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kennisnetwerk Sociale Stabiliteit"
MFA_FORMS = {
    "authenticate": "exchange.accounts.mfa.AuthenticateForm",
    "reauthenticate": "exchange.accounts.mfa.ReauthenticateForm",
}
# The client address for rate limits and the sessions list. Behind N reverse proxies that
# each append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N; or name the header one trusted
# proxy sets (TRUSTED_CLIENT_IP_HEADER, e.g. X-Real-IP). Unset: the connection's address,
# which behind a proxy is the proxy's, so every visitor would share one limit.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER", "").strip() or None
USERSESSIONS_TRACK_ACTIVITY = True

# Retention (docs/retention.md), in days; `manage.py apply_retention` applies them.
RETENTION_INACTIVE_MEMBER_DAYS = int(os.environ.get("RETENTION_INACTIVE_MEMBER_DAYS", "730"))
RETENTION_AUDIT_DETAIL_DAYS = int(os.environ.get("RETENTION_AUDIT_DETAIL_DAYS", "730"))
RETENTION_NOTIFICATION_DAYS = int(os.environ.get("RETENTION_NOTIFICATION_DAYS", "180"))
RETENTION_QUERY_LOG_DAYS = int(os.environ.get("RETENTION_QUERY_LOG_DAYS", "365"))
# Conversations through the site (exchange/contact) go this long after their last message.
RETENTION_CONTACT_DAYS = int(os.environ.get("RETENTION_CONTACT_DAYS", "730"))
# A key figure's name and contact details (exchange/partners) go when the entry has not been
# checked for this long; the log of who looked at them goes after its own period.
RETENTION_KEY_FIGURE_DAYS = int(os.environ.get("RETENTION_KEY_FIGURE_DAYS", "730"))
RETENTION_KEY_FIGURE_LOG_DAYS = int(os.environ.get("RETENTION_KEY_FIGURE_LOG_DAYS", "730"))

# Contact through the site: new conversations and messages per member (count, seconds).
CONTACT_RATE_LIMITS = {"conversation": (5, 3600), "message": (30, 3600)}

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, comma-separated
# mailto: or https: addresses; SECURITY_POLICY_URL optionally links the disclosure policy.
SECURITY_CONTACT = env_list("SECURITY_CONTACT", "mailto:security@kennisnetwerk.example")
SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL", "")

# The address the accessibility statement gives for reporting a barrier (/toegankelijkheid/).
ACCESSIBILITY_CONTACT = os.environ.get(
    "ACCESSIBILITY_CONTACT", "toegankelijkheid@kennisnetwerk.example"
).strip()

# How many members with matching expertise hear of a new question (0 switches routing off).
EXPERT_ROUTING_LIMIT = int(os.environ.get("EXPERT_ROUTING_LIMIT", "5"))

# Internationalisation: Dutch first, English available.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Image renditions live under MEDIA_ROOT too, but their URLs point at a view that checks
    # who may see them (practices/images.py): nothing under MEDIA_URL is served publicly.
    "renditions": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"base_url": "/afbeeldingen/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads: documents are checked by content against an allow-list (exchange/core/uploads.py).
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))

# E-mail: SMTP when EMAIL_HOST is set, else printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kennisnetwerk Sociale Stabiliteit <noreply@kennisnetwerk.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Kennisnetwerk Sociale Stabiliteit"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the admin must not send requests (and e-mail hashes) elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_I18N_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "practices.document_forms.DocumentForm"
# The same names as exchange/core/uploads.ALLOWED_TYPES, which also checks the content.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv"]
WAGTAILDOCS_EXTENSIONS += ["png", "jpg", "jpeg"]  # photos and scans as attachments
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_BYTES
# Every document is a download, never shown inline on the site's own origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = IMAGE_MAX_UPLOAD_BYTES
# Pillow refuses larger images (decompression bombs); 40 megapixels covers any camera photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# The admin is Dutch unless a moderator chooses otherwise in their account (see
# exchange.core.locale), and so are its date pickers: dd-mm-yyyy, 24-hour clock. English
# accepts these too (exchange/core/formats/en).
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
FORMAT_MODULE_PATH = ["exchange.core.formats"]
TAGGIT_CASE_INSENSITIVE = True

# Content-Security-Policy: nothing from other hosts, no inline scripts on the public site.
# The Wagtail admin gets the extra room it needs (see exchange.core.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# HTTPS in production (production.py applies these; development serves plain HTTP).
HTTPS_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_COOKIES = env_bool("SECURE_COOKIES", True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "exchange.core.sessions"

# Logs: LOG_FORMAT=json writes one JSON object a line (the stack sets it); the default is plain
# text for `make run`. Every record carries the request id (and the task's id and name in a
# worker): exchange/core/observability/logs.py. One access line per request only in JSON, as
# the development server prints its own.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "exchange.core.observability.logs.RequestContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "exchange.core.observability.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["context"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "exchange.access": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# /metrics (Prometheus) answers only monitoring: a client address in METRICS_ALLOWED_IPS
# (addresses or CIDRs, comma-separated; the address as TRUSTED_PROXY_COUNT reads it) or
# `Authorization: Bearer <METRICS_TOKEN>`. Neither set: closed to all (a 404, like any unknown
# address). With several gunicorn processes set PROMETHEUS_MULTIPROC_DIR so a scrape adds
# their counts up.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
# The index backlog shown as a gauge (core may not import the search app, so it is named).
METRICS_INDEX_BACKLOG_MODEL = "kn_search.PendingIndexOperation"
