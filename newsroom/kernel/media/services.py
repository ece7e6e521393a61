"""Writes on the media library: storing an upload, and queueing its processing."""

import uuid

from django.core.files.storage import default_storage, storages
from django.db import transaction

from newsroom.kernel.audit import log as audit
from newsroom.kernel.extensions import content_changed
from newsroom.kernel.tasks import queue_after_commit

from . import tasks
from .models import Image

#: Waiting uploads keep one of these extensions; anything else is stored as .bin.
UPLOAD_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}


@transaction.atomic
def image_store(*, image: Image, user=None, file_changed: bool) -> Image:
    """Save an image; a new file waits, private, for the background task that
    strips its metadata and makes its renditions.

    Nothing here decodes the picture, so an upload answers quickly whatever
    its size. Until the task has run the image has no public file and no
    renditions, and reader pages leave it out.
    """
    if image.pk is None and user is not None:
        image.uploaded_by = user
    if not file_changed:
        image.save()
        audit.record(user=user, action="image_store", obj=image)
        content_changed(key=f"image:{image.pk}")
        return image
    upload = image.file
    width, height = image.width, image.height
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in UPLOAD_EXTENSIONS:
        extension = "bin"
    incoming = storages["incoming"]
    upload_name = incoming.save(f"uploads/{uuid.uuid4().hex}.{extension}", upload.file)
    if image.pk is not None:
        _image_drop_files(Image.objects.get(pk=image.pk))
    image.file = ""
    image.width, image.height = width, height
    image.upload_name = upload_name
    image.processing = Image.Processing.PENDING
    image.processing_note = ""
    image.save()
    audit.record(user=user, action="image_store", obj=image, detail="New file")
    queue_after_commit(tasks.image_process, image_id=image.pk, upload_name=upload_name)
    return image


def _image_drop_files(image: Image) -> None:
    """Forget an image's public original, renditions and waiting upload; the
    files go once the transaction has committed."""
    names = [(default_storage, r.file.name) for r in image.renditions.all()]
    if image.file:
        names.append((default_storage, image.file.name))
    if image.upload_name:
        names.append((storages["incoming"], image.upload_name))
    image.renditions.all().delete()

    def delete_files():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


def image_process_again(*, images) -> int:
    """Queue the waiting uploads of ``images`` once more (after a failure, or
    when no worker was running); returns how many were queued."""
    count = 0
    for image in images:
        if image.upload_name:
            Image.objects.filter(pk=image.pk).update(
                processing=Image.Processing.PENDING, processing_note=""
            )
            queue_after_commit(
                tasks.image_process, image_id=image.pk, upload_name=image.upload_name
            )
            count += 1
    return count
