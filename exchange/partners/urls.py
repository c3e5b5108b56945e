from django.urls import path

from . import views

urlpatterns = [
    path("", views.register, name="partners_register"),
    path("importeren/", views.register_import, name="partners_import"),
    path("overzicht/", views.network_overview, name="partners_overview"),
    path("wie-werkt-met/", views.who_works_with, name="partners_who_works_with"),
    path("inzage-log/", views.audit_log, name="partners_audit_log"),
    path("organisaties/nieuw/", views.organisation_create, name="partners_organisation_create"),
    path("organisaties/<int:pk>/", views.organisation_detail, name="partners_organisation"),
    path(
        "organisaties/<int:pk>/bewerken/",
        views.organisation_edit,
        name="partners_organisation_edit",
    ),
    path(
        "organisaties/<int:pk>/verwijderen/",
        views.organisation_delete,
        name="partners_organisation_delete",
    ),
    path(
        "organisaties/<int:pk>/gecontroleerd/",
        views.organisation_checked,
        name="partners_organisation_checked",
    ),
    path("sleutelfiguren/nieuw/", views.key_figure_create, name="partners_key_figure_create"),
    path(
        "sleutelfiguren/<int:pk>/bewerken/",
        views.key_figure_edit,
        name="partners_key_figure_edit",
    ),
    path(
        "sleutelfiguren/<int:pk>/gegevens/",
        views.key_figure_details,
        name="partners_key_figure_details",
    ),
    path(
        "sleutelfiguren/<int:pk>/toestemming-intrekken/",
        views.key_figure_withdraw,
        name="partners_key_figure_withdraw",
    ),
    path(
        "sleutelfiguren/<int:pk>/verwijderen/",
        views.key_figure_delete,
        name="partners_key_figure_delete",
    ),
    path(
        "sleutelfiguren/<int:pk>/gecontroleerd/",
        views.key_figure_checked,
        name="partners_key_figure_checked",
    ),
]
