from django.urls import path

from . import views

urlpatterns = [
    path("contact/", views.contact_inbox, name="contact_inbox"),
    path("contact/gemeente/<slug:slug>/", views.contact_municipality, name="contact_municipality"),
    path("contact/<int:pk>/", views.contact_thread, name="contact_thread"),
    path("contact/<int:pk>/verlaten/", views.contact_leave, name="contact_leave"),
]
