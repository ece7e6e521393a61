"""The body toolbar's pickers and the upload from the article form, through
their admin views."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom.articles.body.embeds import render_body
from newsroom.kernel.media.models import Image
from tests import factories
from tests.images import picture_bytes
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

SEARCH = "admin:newsroom_article_embed_search"
UPLOAD = "admin:media_image_quick_add"


def search(client, kind, q=""):
    return client.get(reverse(SEARCH), {"kind": kind, "q": q})


def test_images_are_found_by_words_with_their_embed_code(editor_client, make_image):
    rooftop = make_image(title="Rouge on the rooftop", credit="BONES")
    make_image(title="Key art")
    answer = search(editor_client, "image", "rooftop").json()
    assert answer["error"] == ""
    (result,) = answer["results"]
    assert result["code"] == f"[[image:{rooftop.pk}]]"
    assert result["label"] == "Rouge on the rooftop"
    assert "Image credit: BONES" in result["detail"]
    assert result["thumb"].endswith(".webp")


def test_related_cards_offer_published_articles_only(editor_client, make_article):
    live = make_article(title="Rouge finale reviewed", slug="rouge-finale")
    make_article(title="Rouge finale draft", status="draft")
    results = search(editor_client, "related", "rouge finale").json()["results"]
    assert [r["code"] for r in results] == [f"[[related:{live.slug}]]"]


def test_series_offer_where_to_watch(editor_client, make_series):
    make_series(title="Metallic Rouge", slug="metallic-rouge", title_romaji="")
    results = search(editor_client, "watch", "metallic").json()["results"]
    assert [r["code"] for r in results] == ["[[watch:metallic-rouge]]"]


@pytest.mark.parametrize(
    "address, code",
    [
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "[[video:https://www.youtube.com/watch?v=dQw4w9WgXcQ]]",
        ),
        ("https://vimeo.com/76979871", "[[video:https://vimeo.com/76979871]]"),
    ],
)
def test_a_video_address_becomes_its_embed(editor_client, address, code):
    (result,) = search(editor_client, "video", address).json()["results"]
    assert result["code"] == code
    assert render_body(code, strict=True).errors == []


def test_a_video_address_from_elsewhere_is_explained(editor_client):
    answer = search(editor_client, "video", "https://example.com/clip").json()
    assert answer["results"] == []
    assert answer["error"] == "Only YouTube and Vimeo videos can be embedded."


def test_merch_items_come_from_the_merch_app(editor_client, make_item):
    item = make_item(name="Rouge figure")
    results = search(editor_client, "merch", "figure").json()["results"]
    assert [r["code"] for r in results] == [f"[[merch:{item.pk}]]"]


def test_an_unknown_kind_is_a_400_that_names_the_kinds(editor_client):
    response = search(editor_client, "gif")
    assert response.status_code == 400
    assert "image, related, watch, video, merch" in response.json()["error"]


def test_pickers_need_a_staff_login(client):
    assert search(client, "image").status_code == 302


def test_a_picker_costs_the_same_with_more_images(
    editor_client, make_image, django_assert_max_num_queries
):
    for index in range(5):
        make_image(title=f"Still {index}")
    url = reverse(SEARCH) + "?kind=image&q=still"
    assert_flat_queries(
        editor_client, url, lambda: [make_image(title=f"Still {n}") for n in range(5)]
    )
    with django_assert_max_num_queries(8):
        editor_client.get(url)


def test_the_form_upload_stores_a_picture_with_the_librarys_checks(writer, client):
    client.force_login(writer)
    data = {
        "file": SimpleUploadedFile(
            "still.png", picture_bytes("PNG"), content_type="image/png"
        ),
        "title": "Pasted still",
        "alt_text": "Naomi on a rooftop",
        "caption": "From the trailer",
        "credit": "BONES",
    }
    response = factories.as_committed(lambda: client.post(reverse(UPLOAD), data))
    assert response.status_code == 201
    image = Image.objects.get(pk=response.json()["id"])
    assert response.json()["code"] == f"[[image:{image.pk}]]"
    assert image.uploaded_by == writer
    assert image.processing == Image.Processing.PENDING
    factories.run_queued_tasks()
    image.refresh_from_db()
    assert image.processing == Image.Processing.READY


def test_a_pending_picture_is_a_note_not_an_error(writer, client):
    client.force_login(writer)
    answer = client.post(
        reverse(UPLOAD),
        {
            "file": SimpleUploadedFile(
                "still.png", picture_bytes("PNG"), content_type="image/png"
            ),
            "title": "Pasted still",
            "alt_text": "Naomi on a rooftop",
        },
    ).json()
    rendered = render_body(f"Intro.\n\n{answer['code']}", strict=True)
    assert rendered.errors == []
    assert rendered.warnings == [
        f"Line 3: image {answer['id']} is still being prepared; "
        "it appears here in a few seconds."
    ]
    assert f"image:{answer['id']}" in rendered.refs


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"title": "x", "alt_text": "y"}, "file"),
        ({"title": "x", "alt_text": "", "file": "png"}, "alt_text"),
        ({"title": "x", "alt_text": "y", "file": "text"}, "file"),
    ],
)
def test_a_bad_upload_answers_400_with_the_fields_errors(editor_client, fields, field):
    data = dict(fields)
    if data.get("file") == "png":
        data["file"] = SimpleUploadedFile("a.png", picture_bytes("PNG"))
    elif data.get("file") == "text":
        data["file"] = SimpleUploadedFile("a.png", b"not a picture at all")
    response = editor_client.post(reverse(UPLOAD), data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Image.objects.exists()


def test_the_upload_needs_the_add_image_permission(client):
    reader = factories.staff_user("no-rights", "pw-nothing-123")
    client.force_login(reader)
    response = client.post(
        reverse(UPLOAD),
        {"file": SimpleUploadedFile("a.png", picture_bytes("PNG")), "title": "x"},
    )
    assert response.status_code == 403
    assert client.get(reverse(UPLOAD)).status_code == 404
