from django.urls import path

from . import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("zoeken/suggesties/", views.suggestions, name="search_suggestions"),
]
