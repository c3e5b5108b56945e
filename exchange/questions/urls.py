from django.urls import path

from .feeds import QuestionFeed
from .views import actions, editing, pages

urlpatterns = [
    path("vragen/", pages.question_list, name="question_list"),
    path("vragen/feed/", QuestionFeed(), name="question_feed"),
    path("vragen/stel-een-vraag/", pages.question_ask, name="question_ask"),
    path("vragen/gelijksoortig/", pages.question_similar, name="question_similar"),
    path("vragen/mijn/", pages.mine, name="question_mine"),
    path("vragen/<int:pk>/", pages.question_detail, name="question_short"),
    path("vragen/<int:pk>-<slug:slug>/", pages.question_detail, name="question_detail"),
    path("vragen/<int:pk>/antwoorden/", actions.answer_create, name="answer_create"),
    path("vragen/<int:pk>/volgen/", actions.question_follow, name="question_follow"),
    path("vragen/<int:pk>/sluiten/", actions.question_close, name="question_close"),
    path("vragen/<int:pk>/heropenen/", actions.question_reopen, name="question_reopen"),
    path("vragen/<int:pk>/dubbel/", actions.question_duplicate, name="question_duplicate"),
    path("vragen/<int:pk>/vergrendelen/", actions.question_lock, name="question_lock"),
    path("vragen/<int:pk>/bewerken/", editing.question_edit, name="question_edit"),
    path("vragen/<int:pk>/geschiedenis/", editing.question_history, name="question_history"),
    path("vragen/antwoord/<int:pk>/bewerken/", editing.answer_edit, name="answer_edit"),
    path("vragen/antwoord/<int:pk>/accepteren/", actions.answer_accept, name="answer_accept"),
    path("vragen/antwoord/<int:pk>/nuttig/", actions.answer_vote, name="answer_vote"),
    path("vragen/volgen/thema/<slug:slug>/", actions.theme_follow, name="theme_follow"),
    path(
        "vragen/volgen/gemeente/<slug:slug>/",
        actions.municipality_follow,
        name="municipality_follow",
    ),
]
