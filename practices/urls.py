from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import admin_views
from .views import PracticeFeed

urlpatterns = [
    path("praktijken/feed/", PracticeFeed(), name="practice_feed"),
    path("thema/<slug:slug>/feed/", PracticeFeed(), name="theme_practice_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

admin_urlpatterns = [
    path("praktijken/te-beoordelen/", admin_views.review_list, name="practice_review_list"),
]
