"""Upload checks shared by every image field."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_upload(file) -> None:
    """Refuse files that are too big, not images, or decompression bombs.

    Only new uploads are read: a file already in storage passed when it was
    uploaded, and a form that merely re-saves the description must not fail
    on a file handle an earlier read has closed.
    """
    if getattr(file, "_committed", False):
        return
    size = getattr(file, "size", None)
    if size is not None and size > settings.IMAGE_MAX_UPLOAD_BYTES:
        limit = settings.IMAGE_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError(
            f"This file is larger than {limit} MB. Please upload a smaller image."
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    f"This image is {width}×{height} pixels, which is too large."
                )
            image.verify()
        # verify() checks the structure; a full decode also catches truncation.
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(
            "This file is not a readable image. Upload a JPEG, PNG, WebP or GIF."
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            f"{image_format} images are not accepted. Upload a JPEG, PNG, WebP or GIF."
        )
