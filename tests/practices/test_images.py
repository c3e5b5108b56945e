"""Images in practices: served through a view that checks who may see the practice."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def png(colour="blue") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(title="Foto van de wijkavond", uploader=None):
    return get_image_model().objects.create(
        title=title, uploaded_by_user=uploader, file=ImageFile(io.BytesIO(png()), "wijkavond.png")
    )


def practice_showing(image, **fields):
    """A published practice whose approach shows the image."""
    practice = make_practice(**fields)
    practice.approach = [("image", {"image": image, "alt": "Een wijkavond", "caption": ""})]
    practice.save_revision().publish()
    return practice


def image_url(client, practice) -> str:
    """The image URL as the rendered practice page gives it."""
    body = client.get(practice.url).content.decode()
    return re.search(r'<img[^>]+src="([^"]+)"', body).group(1)


@pytest.fixture
def restricted(municipality):
    image = make_image()
    practice = practice_showing(image, municipality=municipality, visibility="restricted")
    return image, practice


def test_the_practice_page_shows_the_image_through_the_checked_view(client, municipality):
    practice = practice_showing(make_image(), municipality=municipality)
    url = image_url(client, practice)
    assert url.startswith("/afbeeldingen/images/")
    assert "/media/" not in url


def test_an_image_in_a_public_practice_is_served_to_anyone(client, municipality):
    practice = practice_showing(make_image(), municipality=municipality)
    response = client.get(image_url(client, practice))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_an_image_in_a_restricted_practice_is_hidden_from_anonymous_visitors(
    client, client_as, moderator, restricted
):
    image, practice = restricted
    url = image_url(client_as(moderator), practice)
    client.logout()
    assert client.get(url).status_code == 404


def test_an_image_in_a_restricted_practice_is_hidden_from_another_municipality(
    client_as, moderator, other_member, restricted
):
    image, practice = restricted
    url = image_url(client_as(moderator), practice)
    assert client_as(other_member).get(url).status_code == 404


def test_members_of_the_own_municipality_and_moderators_see_a_restricted_practices_image(
    client_as, member, moderator, restricted
):
    image, practice = restricted
    for user in (member, moderator):
        client = client_as(user)
        response = client.get(image_url(client, practice))
        assert response.status_code == 200, user
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_an_anonymous_visitor_is_asked_to_log_in_for_a_members_only_image(
    client, client_as, moderator, municipality
):
    practice = practice_showing(make_image(), municipality=municipality, visibility="members")
    url = image_url(client_as(moderator), practice)
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_an_image_of_a_practice_taken_offline_is_no_longer_served(client, municipality):
    practice = practice_showing(make_image(), municipality=municipality)
    url = image_url(client, practice)
    practice.unpublish()
    assert client.get(url).status_code == 404


def test_the_uploader_and_moderators_see_thumbnails_of_an_unused_image(
    client_as, member, other_member, moderator
):
    image = make_image(uploader=member)
    url = image.get_rendition("max-165x165").url
    assert url.startswith("/afbeeldingen/")
    assert client_as(member).get(url).status_code == 200
    assert client_as(moderator).get(url).status_code == 200
    assert client_as(other_member).get(url).status_code == 404


def test_the_admin_image_listing_shows_thumbnails_a_moderator_can_load(client_as, moderator):
    image = make_image(uploader=moderator)
    client = client_as(moderator)
    body = client.get("/beheer/images/").content.decode()
    thumbnails = re.findall(r'src="(/afbeeldingen/[^"]+)"', body)
    assert thumbnails, "the listing shows the image"
    assert all(client.get(url).status_code == 200 for url in thumbnails)
    assert image.title in body


def test_rendition_files_are_not_served_from_a_media_url(client, municipality):
    image = make_image()
    url = image_url(client, practice_showing(image, municipality=municipality))
    assert client.get(url).status_code == 200
    rendition = image.renditions.get()
    assert client.get(f"/media/{rendition.file.name}").status_code == 404
    assert client.get(f"/media/{image.file.name}").status_code == 404


def test_an_unknown_image_name_is_not_found(client):
    assert client.get("/afbeeldingen/images/bestaat-niet.png").status_code == 404
    assert client.get("/afbeeldingen/../settings.py").status_code == 404
