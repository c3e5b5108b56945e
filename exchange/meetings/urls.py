from django.urls import path

from . import views

# Included at bijeenkomsten/ before Wagtail's pages: the agenda and each meeting's page are
# Wagtail pages (/bijeenkomsten/, /bijeenkomsten/<slug>/); a slug is never "nieuw" or "mijn".
urlpatterns = [
    path("nieuw/", views.meeting_new, name="meeting_new"),
    path("mijn/", views.meeting_mine, name="meeting_mine"),
    path("mijn/agenda.ics", views.meeting_mine_ics, name="meeting_mine_ics"),
    path("<int:pk>/bewerken/", views.meeting_edit, name="meeting_edit"),
    path("<int:pk>/verslag/", views.meeting_report, name="meeting_report"),
    path("<int:pk>/annuleren/", views.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/aanmelden/", views.meeting_register, name="meeting_register"),
    path("<int:pk>/afmelden/", views.meeting_unregister, name="meeting_unregister"),
    path("<int:pk>/agenda.ics", views.meeting_ics, name="meeting_ics"),
]
