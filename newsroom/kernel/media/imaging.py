"""Image processing with Pillow: clean uploads and make renditions once."""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageOps, ImageSequence

RENDITION_WIDTHS = (480, 800, 1200, 1600)
SOCIAL_SIZE = (1200, 630)
JPEG_QUALITY = 85
WEBP_QUALITY = 80


def _has_alpha(picture: PILImage.Image) -> bool:
    return picture.mode in ("RGBA", "LA") or (
        picture.mode == "P" and "transparency" in picture.info
    )


def fallback_format(picture: PILImage.Image) -> str:
    return "png" if _has_alpha(picture) else "jpeg"


def _encode(picture: PILImage.Image, fmt: str, *, icc: bytes | None = None) -> bytes:
    """Encode pixels only: nothing from ``picture.info`` (comments, EXIF, XMP,
    text chunks) is written; an ICC colour profile only when passed."""
    out = io.BytesIO()
    colour = {"icc_profile": icc} if icc else {}
    if fmt == "jpeg":
        _bare(picture.convert("RGB")).save(
            out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **colour
        )
    elif fmt == "webp":
        mode = "RGBA" if _has_alpha(picture) else "RGB"
        _bare(picture.convert(mode)).save(
            out, "WEBP", quality=WEBP_QUALITY, method=4, **colour
        )
    else:
        _bare(picture).save(out, "PNG", optimize=True, **colour)
    return out.getvalue()


def _bare(picture: PILImage.Image) -> PILImage.Image:
    """The picture without the metadata Pillow would otherwise carry over."""
    keep = {k: v for k, v in picture.info.items() if k == "transparency"}
    picture.info = keep
    return picture


def _encode_gif(picture: PILImage.Image) -> bytes:
    """Re-draw a GIF frame by frame: the animation, its timing and looping stay;
    comments, XMP and anything appended after the image data do not."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(picture):
        frames.append(_bare(frame.convert("RGBA")))
        durations.append(frame.info.get("duration", 100))
    out = io.BytesIO()
    options = {}
    if len(frames) > 1:
        options = {
            "save_all": True,
            "append_images": frames[1:],
            "duration": durations,
            "loop": picture.info.get("loop", 0),
            "disposal": 2,
        }
    frames[0].save(out, "GIF", **options)
    return out.getvalue()


def clean_upload(upload, name: str) -> ContentFile:
    """Re-encode an upload without its metadata (EXIF with GPS, XMP, comments,
    text chunks, appended bytes); only an ICC colour profile is kept.

    The picture is turned the way its EXIF orientation says first, so nothing
    appears sideways once the orientation tag is gone. GIFs are re-drawn frame
    by frame so animations survive.
    """
    upload.seek(0)
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "image"
    with PILImage.open(upload) as picture:
        source_format = picture.format
        if source_format == "GIF":
            return ContentFile(_encode_gif(picture), name=f"{stem}.gif")
        icc = picture.info.get("icc_profile")
        picture = ImageOps.exif_transpose(picture)
        picture.load()
    fmt = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}.get(source_format, "png")
    data = _encode(picture, fmt, icc=icc)
    extension = {"jpeg": "jpg", "png": "png", "webp": "webp"}[fmt]
    return ContentFile(data, name=f"{stem}.{extension}")


@dataclass
class RenditionData:
    kind: str
    fmt: str
    width: int
    height: int
    content: bytes


def focal_crop(picture, size, focal_x: int, focal_y: int):
    """Crop to the target aspect ratio, keeping the focal point in frame."""
    target_w, target_h = size
    width, height = picture.size
    ratio = target_w / target_h
    if width / height > ratio:
        crop_w, crop_h = round(height * ratio), height
    else:
        crop_w, crop_h = width, round(width / ratio)
    centre_x, centre_y = width * focal_x / 100, height * focal_y / 100
    left = min(max(0, round(centre_x - crop_w / 2)), width - crop_w)
    top = min(max(0, round(centre_y - crop_h / 2)), height - crop_h)
    box = picture.crop((left, top, left + crop_w, top + crop_h))
    return box.resize(size, PILImage.Resampling.LANCZOS)


def build_renditions(fileobj, *, focal_x: int = 50, focal_y: int = 50):
    """Every rendition of one picture: widths in WebP and a fallback, plus social."""
    fileobj.seek(0)
    with PILImage.open(fileobj) as picture:
        picture.seek(0)  # first frame of an animation
        picture = picture.copy()
    if picture.mode not in ("RGB", "RGBA"):
        picture = picture.convert("RGBA" if _has_alpha(picture) else "RGB")
    fallback = fallback_format(picture)
    widths = [w for w in RENDITION_WIDTHS if w < picture.width] + [
        min(picture.width, RENDITION_WIDTHS[-1])
    ]
    results = []
    for width in sorted(set(widths)):
        height = max(1, round(picture.height * width / picture.width))
        resized = picture.resize((width, height), PILImage.Resampling.LANCZOS)
        for fmt in ("webp", fallback):
            results.append(
                RenditionData("width", fmt, width, height, _encode(resized, fmt))
            )
    social = focal_crop(picture, SOCIAL_SIZE, focal_x, focal_y)
    results.append(
        RenditionData("social", "jpeg", *SOCIAL_SIZE, _encode(social, "jpeg"))
    )
    return results
