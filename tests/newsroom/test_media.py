import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image as PILImage

from newsroom.kernel.media.models import Image
from newsroom.kernel.media.processing import image_process
from newsroom.kernel.media.services import image_store
from newsroom.kernel.media.validators import validate_image_upload
from tests.images import (
    animated_gif,
    commented_jpeg,
    decompression_bomb_png,
    gif_with_extras,
    gps_jpeg,
    picture_bytes,
    texted_png,
    undecodable_png,
    xmp_jpeg,
)

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
    with pytest.raises(ValidationError, match="too large|more pixels than the limit"):
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
    url = reverse("admin:media_image_add")
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


def _post_upload(client, data, name="press.jpg", **fields):
    return client.post(
        reverse("admin:media_image_add"),
        {
            "file": upload(data, name),
            "title": "Press still",
            "alt_text": "Rouge on a rooftop",
            "credit": "Crunchyroll",
            "focal_x": 50,
            "focal_y": 50,
        }
        | fields,
    )


def test_admin_upload_answers_at_once_and_the_task_makes_renditions(
    editor_client, run_tasks, settings
):
    response = run_tasks(lambda: _post_upload(editor_client, gps_jpeg()))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.processing == Image.Processing.READY
    assert image.renditions.count() > 2
    assert image.credit_line == "Image credit: Crunchyroll"
    assert (image.width, image.height) == (640, 360)
    changelist = editor_client.get(reverse("admin:media_image_changelist"))
    assert f"[[image:{image.pk}]]" in changelist.content.decode()
    assert "Renditions are being made…" not in changelist.content.decode()


def test_editor_sees_renditions_on_their_way_until_the_task_has_run(
    editor_client, django_capture_on_commit_callbacks, run_tasks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_upload(editor_client, gps_jpeg())
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.processing == Image.Processing.PENDING
    assert not image.renditions.exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    for url in (
        reverse("admin:media_image_changelist"),
        reverse("admin:media_image_change", args=[image.pk]),
    ):
        page = editor_client.get(url)
        assert page.status_code == 200
        assert "Renditions are being made…" in page.content.decode()
    # The uncleaned upload is nowhere under the public media folder.
    media = settings.MEDIA_ROOT
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]

    run_tasks()
    image.refresh_from_db()
    assert image.processing == Image.Processing.READY
    assert image.renditions.count() > 2
    assert image.file.name.startswith("images/")
    page = editor_client.get(reverse("admin:media_image_change", args=[image.pk]))
    assert "Renditions are being made…" not in page.content.decode()
    assert not [p for p in (media.parent / "incoming").rglob("*") if p.is_file()]


def test_editing_a_waiting_image_does_not_ask_for_the_file_again(
    editor_client, make_image
):
    image = make_image(process=False)
    response = editor_client.post(
        reverse("admin:media_image_change", args=[image.pk]),
        {"title": "Renamed", "alt_text": image.alt_text, "focal_x": 50, "focal_y": 50},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Renamed"
    assert image.processing == Image.Processing.PENDING
    assert image.upload_name


def test_a_file_that_cannot_be_decoded_shows_an_error_not_a_broken_page(
    editor_client, make_image
):
    image = make_image(undecodable_png(), name="broken.png")
    assert image.processing == Image.Processing.FAILED
    assert "Upload it again" in image.processing_note
    assert not image.renditions.exists()
    for url in (
        reverse("admin:media_image_changelist"),
        reverse("admin:media_image_change", args=[image.pk]),
    ):
        page = editor_client.get(url)
        assert page.status_code == 200
        assert "Could not be processed" in page.content.decode()


def test_reader_pages_leave_out_an_image_still_being_processed(
    client, make_article, make_image, run_tasks
):
    image = make_image(process=False, caption="Rooftop at dusk")
    article = make_article(lead_image=image)
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Rooftop at dusk" not in page.content.decode()
    run_tasks()
    page = client.get(article.get_absolute_url())
    assert "<picture" in page.content.decode()


def test_a_replaced_upload_is_not_overwritten_by_the_older_task(make_image, run_tasks):
    image = make_image(process=False)
    first_upload = image.upload_name
    image.file = ContentFile(picture_bytes(size=(300, 200)), name="second.jpg")
    run_tasks(lambda: image_store(image=image, file_changed=True))
    assert image_process(image_id=image.pk, upload_name=first_upload) is False
    image.refresh_from_db()
    assert {r.width for r in image.renditions.filter(kind="width")} == {300}


def test_process_again_action_requeues_a_failed_upload(
    editor_client, make_image, run_tasks
):
    image = make_image(undecodable_png(), name="broken.png")
    incoming = storages["incoming"]
    with incoming.open(image.upload_name, "wb") as handle:
        handle.write(picture_bytes("PNG"))  # e.g. the file was fixed on disk
    response = run_tasks(
        lambda: editor_client.post(
            reverse("admin:media_image_changelist"),
            {"action": "process_again", "_selected_action": [image.pk]},
        )
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.processing == Image.Processing.READY
    assert image.renditions.exists()


# Decoding cost is bounded before anything is decoded -------------------------


def test_animation_is_refused_when_frames_times_pixels_pass_the_limit(settings):
    settings.IMAGE_MAX_PIXELS = 64 * 48 * 2
    with pytest.raises(ValidationError, match="3 frames of 64×48"):
        validate_image_upload(upload(animated_gif(frames=3), "anim.gif"))
    validate_image_upload(upload(animated_gif(frames=2), "anim.gif"))


def test_a_still_at_the_pixel_limit_is_accepted(settings):
    settings.IMAGE_MAX_PIXELS = 800 * 450
    validate_image_upload(upload(picture_bytes(size=(800, 450))))
    validate_image_upload(upload(picture_bytes("PNG", size=(800, 450)), "x.png"))
    with pytest.raises(ValidationError, match="too large"):
        validate_image_upload(upload(picture_bytes(size=(801, 450))))


def test_admin_refuses_an_oversized_animation_with_a_clear_message(
    editor_client, settings
):
    settings.IMAGE_MAX_PIXELS = 64 * 48 * 2
    response = _post_upload(editor_client, animated_gif(frames=3), "anim.gif")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert "Use fewer frames or a smaller size" in errors[0]
    assert not Image.objects.exists()


# Every stored original is re-encoded without its metadata ---------------------


def _stored(image) -> bytes:
    with image.file.open("rb") as handle:
        return handle.read()


def test_xmp_location_is_stripped_from_jpegs(make_image):
    assert b"GPSLatitude" in xmp_jpeg()
    image = make_image(xmp_jpeg())
    stored = _stored(image)
    assert b"GPSLatitude" not in stored
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert "xmp" not in picture.info


def test_webp_exif_location_is_stripped(make_image):
    with PILImage.open(io.BytesIO(gps_jpeg())) as source:
        exif = source.getexif()
        buffer = io.BytesIO()
        source.save(buffer, "WEBP", exif=exif.tobytes())
    with PILImage.open(buffer) as uploaded:
        assert uploaded.getexif().get_ifd(0x8825)  # the position is there
    image = make_image(buffer.getvalue(), name="still.webp")
    with image.file.open("rb") as handle, PILImage.open(handle) as stored:
        assert stored.format == "WEBP"
        assert not stored.getexif()
        assert "exif" not in stored.info


def test_jpeg_comment_segments_are_stripped(make_image):
    data = commented_jpeg(b"Shot at 12 Example Street")
    assert b"Example Street" in data
    stored = _stored(make_image(data))
    assert b"Example Street" not in stored
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert "comment" not in picture.info


def test_png_text_chunks_are_stripped(make_image):
    stored = _stored(make_image(texted_png(), name="card.png"))
    assert b"Example Street" not in stored
    assert b"GPSLatitude" not in stored
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert picture.format == "PNG"
        assert not picture.text


def test_gif_is_stored_without_comment_xmp_or_appended_html(make_image):
    data = gif_with_extras()
    validate_image_upload(upload(data, "anim.gif"))
    image = make_image(data, name="anim.gif")
    stored = _stored(image)
    assert image.file.name.endswith(".gif")
    for secret in (b"<script", b"Example Street", b"GPSLatitude", b"XMP Data"):
        assert secret not in stored
    assert stored.endswith(b";")


def test_animated_gif_stays_animated_with_its_timing(make_image):
    image = make_image(animated_gif(frames=3), name="anim.gif")
    with image.file.open("rb") as handle, PILImage.open(handle) as picture:
        assert picture.format == "GIF"
        assert picture.n_frames == 3
        durations = []
        for frame in range(3):
            picture.seek(frame)
            durations.append(picture.info["duration"])
        assert durations == [100, 200, 300]
        assert picture.info.get("loop") == 0
    assert image.renditions.filter(kind="width").exists()


def test_editing_an_images_description_keeps_the_file(editor_client, make_image):
    from django.urls import reverse

    image = make_image()
    url = reverse("admin:media_image_change", args=[image.pk])
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
