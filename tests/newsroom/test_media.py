import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from newsroom.models import Image
from newsroom.validators import validate_image_upload
from tests.images import decompression_bomb_png, gps_jpeg, picture_bytes

pytestmark = pytest.mark.django_db


def upload(data, name="x.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_real_images_pass_validation():
    for fmt in ("JPEG", "PNG", "WEBP", "GIF"):
        validate_image_upload(upload(picture_bytes(fmt)))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?php echo 'hi'; ?>", "not a readable image"),
        (b"%PDF-1.4 not an image", "not a readable image"),
        (b"", "not a readable image"),
        (picture_bytes()[:2000], "not a readable image"),  # truncated JPEG
        (picture_bytes("BMP"), "BMP images are not accepted"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError, match=message):
        validate_image_upload(upload(data))


def test_oversized_files_are_refused(settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="larger than"):
        validate_image_upload(upload(picture_bytes(size=(400, 400))))


def test_decompression_bombs_are_refused_before_decoding():
    with pytest.raises(ValidationError, match="too large|not a readable image"):
        validate_image_upload(upload(decompression_bomb_png(), "bomb.png"))


def test_location_data_is_stripped_on_upload(make_image):
    original = PILImage.open(io.BytesIO(gps_jpeg()))
    assert original.getexif().get_ifd(0x8825)  # the fixture really has GPS
    image = make_image(gps_jpeg())
    with image.file.open("rb") as handle, PILImage.open(handle) as stored:
        exif = stored.getexif()
        assert not exif.get_ifd(0x8825)
        assert 0x010F not in exif
    for rendition in image.renditions.all():
        with rendition.file.open("rb") as handle, PILImage.open(handle) as copy:
            assert not copy.getexif().get_ifd(0x8825)


def test_renditions_are_made_once_in_webp_and_a_fallback(make_image):
    image = make_image(picture_bytes(size=(2000, 1000)))
    widths = {(r.format, r.width) for r in image.renditions.all() if r.kind == "width"}
    assert widths == {
        (fmt, w) for fmt in ("webp", "jpeg") for w in (480, 800, 1200, 1600)
    }
    social = image.renditions.get(kind="social")
    assert (social.width, social.height) == (1200, 630)
    with social.file.open("rb") as handle, PILImage.open(handle) as picture:
        assert picture.size == (1200, 630)


def test_transparent_png_falls_back_to_png(make_image):
    image = make_image(picture_bytes("PNG", alpha=True), name="logo.png")
    formats = {r.format for r in image.renditions.filter(kind="width")}
    assert formats == {"webp", "png"}


def test_small_images_are_not_enlarged(make_image):
    image = make_image(picture_bytes(size=(300, 200)))
    assert {r.width for r in image.renditions.filter(kind="width")} == {300}


def test_admin_upload_requires_alt_text_and_refuses_non_images(editor_client):
    url = reverse("admin:newsroom_image_add")
    response = editor_client.post(
        url,
        {
            "file": upload(b"not an image at all", "fake.jpg"),
            "title": "Fake",
            "alt_text": "",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "alt_text" in errors
    assert "file" in errors
    assert not Image.objects.exists()


def test_admin_upload_makes_renditions(editor_client):
    response = editor_client.post(
        reverse("admin:newsroom_image_add"),
        {
            "file": upload(gps_jpeg(), "press.jpg"),
            "title": "Press still",
            "alt_text": "Rouge on a rooftop",
            "credit": "Crunchyroll",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.renditions.count() > 2
    assert image.credit_line == "Image credit: Crunchyroll"
    changelist = editor_client.get(reverse("admin:newsroom_image_changelist"))
    assert f"[[image:{image.pk}]]" in changelist.content.decode()


def test_editing_an_images_description_keeps_the_file(editor_client, make_image):
    from django.urls import reverse

    image = make_image()
    url = reverse("admin:newsroom_image_change", args=[image.pk])
    data = {
        "title": "Renamed still",
        "alt_text": "A red planet over a city",
        "caption": "",
        "credit": "Bones",
        "source": "",
        "licence": "",
        "rights_expire_on": "",
        "focal_x": "50",
        "focal_y": "50",
    }
    editor_client.raise_request_exception = False
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    assert image.title == "Renamed still"
    assert image.file.name
