"""Every error a reader or editor can meet is the site's own page, under the
site's own security headers (issue 13)."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db


def assert_own_page(response, status: int, words: str):
    assert response.status_code == status
    page = response.content.decode()
    assert words in page
    assert "css/site.css" in page, "it looks like the site"
    assert response["X-Request-ID"] in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_a_form_sent_without_its_token_explains_itself():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert_own_page(response, 403, "That form had expired")


def test_a_host_we_do_not_serve_is_a_plain_bad_request():
    response = Client().get("/", HTTP_HOST="evil.example")
    assert_own_page(response, 400, "We couldn’t read that request")


def test_a_refused_action_is_the_sites_403(client, writer, editor, make_article):
    article = make_article(status="draft", publish_at=None)
    article.created_by = editor
    article.save()
    client.force_login(writer)
    response = client.post(reverse("admin:newsroom_article_share", args=[article.pk]))
    assert_own_page(response, 403, "You can’t do that here")


def test_a_nul_byte_refusal_still_carries_the_security_headers(client):
    response = client.get("/search/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_a_picture_too_large_for_pillow_to_open_gets_the_size_message(
    editor_client,
):
    """Far past the limit, Pillow will not even open a file; the editor hears
    it is too large, not that it is broken."""
    data = io.BytesIO()
    PILImage.new("1", (14000, 14000)).save(data, "PNG")
    data.seek(0)
    data.name = "huge.png"
    response = editor_client.post(
        reverse("admin:media_image_add"),
        {
            "file": data,
            "title": "Huge",
            "alt_text": "Nothing",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert errors == [
        "This image has far more pixels than the limit of 40 megapixels. "
        "Please upload a smaller image."
    ]
