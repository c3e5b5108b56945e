from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from exchange import downloads
from exchange.accounts import conduct_views, rights_views, token_views
from exchange.accounts import views as account_views
from exchange.api import api
from exchange.core import views as core_views
from exchange.core.observability import views as observability_views
from exchange.home import health
from exchange.home import views as home_views
from exchange.themes import views as theme_views

handler400 = "exchange.core.views.bad_request"
handler404 = "exchange.core.views.page_not_found"
handler500 = "exchange.core.views.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Prometheus; answered only to monitoring (see METRICS_* in settings), a 404 to others.
    path("metrics", observability_views.metrics, name="metrics"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin signs in through allauth so MFA and rate limits apply there too.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("beheer/", include(wagtailadmin_urls)),
    # Nothing under MEDIA_URL is served: documents and images go through views that check
    # visibility (exchange/downloads.py, practices/images.py at /afbeeldingen/).
    re_path(r"^documenten/(\d+)/(.*)$", downloads.document_serve, name="wagtaildocs_serve"),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/profiel/", account_views.profile_edit, name="profile_edit"),
    path("account/api-tokens/", token_views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<int:pk>/intrekken/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("account/mijn-gegevens/", rights_views.account_data_export, name="account_data_export"),
    path("account/verwijderen/", rights_views.account_delete, name="account_delete"),
    path("account/gedragscode/", conduct_views.code_of_conduct, name="code_of_conduct"),
    path("account/", include("allauth.urls")),
    path("leden/", account_views.directory, name="member_directory"),
    path("gemeenten/", home_views.municipality_list, name="municipality_list"),
    path(
        "gemeenten/<slug:slug>/",
        home_views.municipality_detail,
        name="municipality_detail",
    ),
    path("mijn-kennisnetwerk/", home_views.member_start_page, name="member_start"),
    path("thema/", theme_views.theme_list, name="theme_list"),
    path("thema/<slug:slug>/", home_views.theme_detail, name="theme_detail"),
    path("", include("practices.urls")),
    path("", include("exchange.questions.urls")),
    path("", include("exchange.notifications.urls")),
    path("", include("exchange.contact.urls")),
    path("", include("exchange.moderation.urls")),
    path("", include("search.urls")),
    path("inventarisaties/", include("exchange.inventories.urls")),
    path("lokaal-netwerk/", include("exchange.partners.urls")),
    path("bijeenkomsten/", include("exchange.meetings.urls")),
    path("toegankelijkheid/", core_views.accessibility_statement, name="accessibility"),
    path("privacy/", core_views.privacy_statement, name="privacy"),
]

urlpatterns += [path("", include(wagtail_urls))]
