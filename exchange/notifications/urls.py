from django.urls import path

from . import views

urlpatterns = [
    path("meldingen/", views.notification_list, name="notification_list"),
    path("meldingen/<int:pk>/", views.notification_open, name="notification_open"),
    path("meldingen/gelezen/", views.notification_mark_all_read, name="notification_mark_all_read"),
    path("meldingen/instellingen/", views.notification_settings, name="notification_settings"),
    path(
        "meldingen/afmelden/<str:token>/",
        views.notification_unsubscribe,
        name="notification_unsubscribe",
    ),
]
