from django.urls import path

from . import views

urlpatterns = [
    path("melden/<str:kind>/<int:pk>/", views.report_create, name="report_create"),
]
