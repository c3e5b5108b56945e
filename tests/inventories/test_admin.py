"""Questionnaires in the Wagtail admin: for moderators only."""

from django.urls import reverse

from exchange.inventories.models import Questionnaire


def test_moderators_list_create_and_edit_questionnaires(questionnaire, moderator, client_as):
    client = client_as(moderator)
    index = client.get(reverse("wagtailsnippets_inventories_questionnaire:list"))
    assert index.status_code == 200
    html = index.content.decode()
    assert questionnaire.title in html
    assert reverse("inventory_results", args=[questionnaire.slug]) in html
    edit = client.get(
        reverse("wagtailsnippets_inventories_questionnaire:edit", args=[questionnaire.pk])
    )
    assert edit.status_code == 200
    assert "Hoeveel FTE?" in edit.content.decode()
    assert client.get(reverse("wagtailsnippets_inventories_questionnaire:add")).status_code == 200


def test_members_cannot_reach_the_questionnaire_admin(questionnaire, member, client_as):
    client = client_as(member)
    for url in (
        reverse("wagtailsnippets_inventories_questionnaire:list"),
        reverse("wagtailsnippets_inventories_questionnaire:edit", args=[questionnaire.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
    assert Questionnaire.objects.count() == 1


def test_a_moderator_without_two_factor_in_the_session_cannot_edit(questionnaire, client):
    from tests.factories import ModeratorFactory

    moderator = ModeratorFactory()
    client.force_login(moderator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(
        reverse("wagtailsnippets_inventories_questionnaire:edit", args=[questionnaire.pk])
    )
    assert response.status_code in (302, 403)


def test_a_questionnaire_with_responses_cannot_be_deleted(questionnaire, moderator, client_as):
    from exchange.inventories.models import Response
    from tests.factories import MunicipalityFactory

    from .conftest import answer_all

    answer_all(questionnaire, MunicipalityFactory())
    client = client_as(moderator)
    url = reverse("wagtailsnippets_inventories_questionnaire:delete", args=[questionnaire.pk])
    response = client.post(url)
    assert response.status_code in (302, 403)
    assert Questionnaire.objects.filter(pk=questionnaire.pk).exists()
    assert Response.objects.count() == 1


def test_an_unanswered_questionnaire_can_be_deleted(questionnaire, moderator, client_as):
    client = client_as(moderator)
    url = reverse("wagtailsnippets_inventories_questionnaire:delete", args=[questionnaire.pk])
    assert client.post(url).status_code == 302
    assert not Questionnaire.objects.exists()
