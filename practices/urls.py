from django.urls import include, path
from wagtail.contrib.sitemaps.views import sitemap

from . import images, question_views
from .views import PracticeFeed

urlpatterns = [
    # Before the Wagtail catch-all: /praktijken/ itself is a Wagtail page.
    path("", include("practices.sharing.urls")),
    path("praktijken/feed/", PracticeFeed(), name="practice_feed"),
    path("thema/<slug:slug>/feed/", PracticeFeed(), name="theme_practice_feed"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("afbeeldingen/<path:name>", images.rendition_serve, name="image_rendition"),
    # On the question's page: work its accepted answers out as a practice (from_question.py).
    path(
        "vragen/<int:pk>/praktijkvoorbeeld/",
        question_views.question_to_practice,
        name="question_to_practice",
    ),
]
