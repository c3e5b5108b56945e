from django.urls import path

from . import views

urlpatterns = [
    path("praktijken/delen/", views.share_start, name="practice_share"),
    path("praktijken/delen/concepten/", views.drafts, name="practice_share_drafts"),
    path("praktijken/delen/<int:page_id>/", views.overview, name="practice_share_overview"),
    path(
        "praktijken/delen/<int:page_id>/terugtrekken/",
        views.withdraw,
        name="practice_share_withdraw",
    ),
    path(
        "praktijken/delen/<int:page_id>/<slug:step>/",
        views.step,
        name="practice_share_step",
    ),
]
