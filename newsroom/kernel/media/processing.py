"""Turning a waiting upload into a library image: metadata stripped, renditions
made. Runs in a background task (``tasks.image_process``), never in a request.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils.text import slugify

from newsroom.kernel.extensions import content_changed

from . import imaging
from .models import Image, Rendition


def image_process(*, image_id: int, upload_name: str) -> bool:
    """Clean a waiting upload into the image's public file and make its
    renditions; the background task calls this.

    False when there is nothing to do (the image was deleted or has had another
    file uploaded since). A file that cannot be decoded marks the image failed,
    with a note the editor sees, and the error is raised for the task's record.
    """
    incoming = storages["incoming"]
    image = Image.objects.filter(pk=image_id, upload_name=upload_name).first()
    if image is None:
        return False
    try:
        with incoming.open(upload_name, "rb") as handle:
            cleaned = imaging.clean_upload(handle, image_upload_stem(image))
        made = imaging.build_renditions(
            io.BytesIO(cleaned.read()), focal_x=image.focal_x, focal_y=image.focal_y
        )
    except Exception:
        Image.objects.filter(pk=image_id, upload_name=upload_name).update(
            processing=Image.Processing.FAILED,
            processing_note="The file could not be read as a picture. "
            "Upload it again, or another copy of it.",
        )
        raise
    with transaction.atomic():
        image = (
            Image.objects.select_for_update()
            .filter(pk=image_id, upload_name=upload_name)
            .first()
        )
        if image is None:
            return False
        image.renditions.all().delete()
        cleaned.seek(0)
        image.file.save(cleaned.name, cleaned, save=False)
        for item in made:
            extension = "jpg" if item.fmt == "jpeg" else item.fmt
            rendition = Rendition(
                image=image,
                kind=item.kind,
                format=item.fmt,
                width=item.width,
                height=item.height,
                size=len(item.content),
            )
            rendition.file.save(
                f"{image.pk}-{item.kind}-{item.width}.{extension}",
                ContentFile(item.content),
                save=False,
            )
            rendition.save()
        image.upload_name = ""
        image.processing = Image.Processing.READY
        image.processing_note = ""
        image.save()
        transaction.on_commit(lambda: incoming.delete(upload_name))
        content_changed(key=f"image:{image.pk}", later=False)
    return True


def image_upload_stem(image: Image) -> str:
    """A file name for the cleaned original, from the title (never the
    uploader's own file name, which may say more than it should)."""
    return slugify(image.title)[:60] or "image"
