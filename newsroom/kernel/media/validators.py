"""Upload checks shared by every image field.

They run inside the upload request, so they read headers and structure only
and never decode a whole picture: what decoding would cost is bounded by the
pixel count times the number of frames, and the decoding itself is left to
the background task that cleans the file and makes its renditions.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

NOT_AN_IMAGE = "This file is not a readable image. Upload a JPEG, PNG, WebP or GIF."


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f} megapixels"


def validate_image_upload(file) -> None:
    """Refuse files that are too big, not images, truncated, or too costly to
    decode (width × height × frames over ``IMAGE_MAX_PIXELS``).

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
    limit = settings.IMAGE_MAX_PIXELS
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if width * height > limit:
                raise ValidationError(
                    f"This image is {width}×{height} pixels, which is too large "
                    f"(the limit is {_megapixels(limit)})."
                )
            if image_format not in ALLOWED_IMAGE_FORMATS:
                raise ValidationError(
                    f"{image_format} images are not accepted. "
                    "Upload a JPEG, PNG, WebP or GIF."
                )
            # Counting frames walks the file's blocks without decoding them.
            frames = getattr(image, "n_frames", 1)
            if width * height * frames > limit:
                raise ValidationError(
                    f"This animation has {frames} frames of {width}×{height} "
                    f"pixels, more than {_megapixels(limit)} in all. Use fewer "
                    "frames or a smaller size."
                )
            if image_format == "JPEG":
                # An eighth-scale decode reads every byte of the stream, so a
                # truncated file is caught, at a tiny fraction of the full cost.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
            else:
                image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        # Pillow refuses to even open a picture far beyond its own limit
        # (several times ours): that is a size problem, not a broken file.
        raise ValidationError(
            f"This image has far more pixels than the limit of {_megapixels(limit)}."
            " Please upload a smaller image."
        ) from None
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ):
        raise ValidationError(NOT_AN_IMAGE) from None
    finally:
        file.seek(0)


class LibraryImageField(forms.ImageField):
    """An image upload field that applies the library's checks first, so a
    picture too large to open says so, instead of Django's generic "not an
    image or a corrupted image"."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image_upload(data)
        return super().to_python(data)
