"""Turn an Image and its prefetched renditions into <picture> markup data."""

from dataclasses import dataclass


@dataclass
class Picture:
    alt: str
    src: str
    width: int
    height: int
    webp_srcset: str
    fallback_srcset: str
    fallback_type: str
    sizes: str
    loading: str
    caption: str = ""
    credit: str = ""


def largest_fallback(image):
    """The widest JPEG/PNG rendition (renditions prefetched), or None."""
    if image is None or image.rights_expired:
        return None
    fallback = [
        r for r in image.renditions.all() if r.kind == "width" and r.format != "webp"
    ]
    return max(fallback, key=lambda r: r.width) if fallback else None


def smallest_rendition(image):
    """The narrowest width rendition, WebP first (renditions prefetched), or
    None: for thumbnails in the admin."""
    if image is None:
        return None
    widths = [r for r in image.renditions.all() if r.kind == "width"]
    return min(widths, key=lambda r: (r.format != "webp", r.width), default=None)


def thumbnail_url(image) -> str:
    """The address of ``smallest_rendition``, or "" when there is none."""
    rendition = smallest_rendition(image)
    return rendition.file.url if rendition is not None else ""


def structured_images(image) -> list[str]:
    """Image paths for structured data: the social crop, then the widest rendition."""
    largest = largest_fallback(image)
    return [
        url for url in (social_image_url(image), largest and largest.file.url) if url
    ]


def picture_for(image, *, alt: str = "", sizes: str = "100vw", loading: str = "lazy"):
    """Picture data from ``image.renditions`` (prefetch them), or None if unusable."""
    if image is None or image.rights_expired:
        return None
    widths = [r for r in image.renditions.all() if r.kind == "width"]
    if not widths:
        return None
    webp = sorted((r for r in widths if r.format == "webp"), key=lambda r: r.width)
    fallback = sorted((r for r in widths if r.format != "webp"), key=lambda r: r.width)
    if not fallback:
        return None
    largest = fallback[-1]
    return Picture(
        alt=alt or image.alt_text,
        src=largest.file.url,
        width=largest.width,
        height=largest.height,
        webp_srcset=", ".join(f"{r.file.url} {r.width}w" for r in webp),
        fallback_srcset=", ".join(f"{r.file.url} {r.width}w" for r in fallback),
        fallback_type=f"image/{largest.format}",
        sizes=sizes,
        loading=loading,
        caption=image.caption,
        credit=image.credit_line,
    )


def social_image_url(image) -> str:
    """The 1200×630 crop for Open Graph and Twitter cards (renditions prefetched)."""
    if image is None or image.rights_expired:
        return ""
    for rendition in image.renditions.all():
        if rendition.kind == "social":
            return rendition.file.url
    return ""
