from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import admin_views, images
from .views import PracticeFeed

urlpatterns = [
    path("praktijken/feed/", PracticeFeed(), name="practice_feed"),
    path("thema/<slug:slug>/feed/", PracticeFeed(), name="theme_practice_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("afbeeldingen/<path:name>", images.rendition_serve, name="image_rendition"),
]

admin_urlpatterns = [
    path("praktijken/te-beoordelen/", admin_views.review_list, name="practice_review_list"),
]
