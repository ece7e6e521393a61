"""The embeds every article body may use: images, related-article cards,
videos, pull quotes, spoilers and where-to-watch boxes. Registered with the
renderer in ``embeds.py`` when the articles app starts."""

from dataclasses import replace
from datetime import datetime, time
from urllib.parse import parse_qs, urlparse

from django.template.loader import render_to_string
from django.utils import timezone

from newsroom.kernel.media.models import Image
from newsroom.kernel.media.pictures import picture_for
from newsroom.kernel.text import positive_int
from series.models import Series

from ..models import Article
from .embeds import (
    YOUTUBE_ID,
    EmbedError,
    Handler,
    positive_number,
    register,
    render_fragment,
)

# Images --------------------------------------------------------------------


def _load_images(ids):
    numbers = {positive_int(str(i)) for i in ids} - {None}
    images = Image.objects.filter(pk__in=numbers).prefetch_related("renditions")
    return {image.pk: image for image in images}


def _image(lookup, ref, result):
    image = lookup.get("image", {}).get(positive_number(ref, "image"))
    if image is None:
        raise EmbedError(f"there is no image {ref} in the media library.")
    if image.rights_expired:
        raise EmbedError(
            f"the rights to image {ref} ran out on {image.rights_expire_on}."
        )
    if image.rights_expire_on:
        until = timezone.make_aware(datetime.combine(image.rights_expire_on, time.min))
        if result.valid_until is None or until < result.valid_until:
            result.valid_until = until
    result.refs.add(f"image:{image.pk}")
    return image


def _render_image(embed, lookup, result, strict):
    image = _image(lookup, embed.ref, result)
    picture = picture_for(
        image,
        alt=embed.attrs.get("alt", ""),
        sizes="(min-width: 48rem) 42rem, 100vw",
        loading="lazy",
    )
    if picture is None:
        if image.processing == image.Processing.PENDING:
            # Just uploaded (pasted or dropped, say): readers see it once its
            # sizes are made, when the body is rendered again (image:N changed).
            result.warnings.append(
                f"Line {embed.line}: image {embed.ref} is still being prepared; "
                "it appears here in a few seconds."
            )
            return ""
        raise EmbedError(f"image {embed.ref} has no renditions; upload it again.")
    if "caption" in embed.attrs:
        picture.caption = embed.attrs["caption"]
    return render_to_string("newsroom/embeds/image.html", {"picture": picture})


# Related article cards ---------------------------------------------------


def _load_articles(refs):
    ids = {positive_int(r) for r in refs} - {None}
    slugs = {r for r in refs if not r.isdigit()}
    found = (
        (Article.objects.filter(pk__in=ids) | Article.objects.filter(slug__in=slugs))
        .select_related("section", "lead_image")
        .prefetch_related("lead_image__renditions")
    )
    table = {}
    for article in found:
        table[str(article.pk)] = article
        table[article.slug] = article
    return table


def _render_related(embed, lookup, result, strict):
    article = lookup.get("article", {}).get(embed.ref)
    if article is None:
        raise EmbedError(f"there is no article “{embed.ref}”.")
    result.refs.add(f"article:{article.pk}")
    if not article.is_live:
        raise EmbedError(
            f"“{article.title}” is not published, so it cannot be linked yet."
        )
    picture = picture_for(article.lead_image, sizes="8rem", loading="lazy")
    return render_to_string(
        "newsroom/embeds/related.html", {"card": article, "picture": picture}
    )


# Videos ------------------------------------------------------------------


def video_source(url: str) -> dict:
    """Provider and IDs for a YouTube or Vimeo address, or EmbedError."""
    try:
        parsed = urlparse(url)
        hostname = parsed.hostname
    except ValueError:  # e.g. a broken IPv6 address: http://[::1
        raise EmbedError("that is not a valid web address.") from None
    host = (hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if parsed.scheme not in {"http", "https"}:
        raise EmbedError("videos need an http(s) address.")
    video_id = ""
    if host == "youtu.be":
        video_id = parsed.path.strip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = (parse_qs(parsed.query).get("v") or [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host in {"vimeo.com", "player.vimeo.com"}:
        digits = parsed.path.strip("/").split("/")[-1]
        if digits.isdigit():
            return {
                "provider": "Vimeo",
                "watch_url": f"https://vimeo.com/{digits}",
                "player_url": f"https://player.vimeo.com/video/{digits}?dnt=1&autoplay=1",
            }
        raise EmbedError("that Vimeo address has no video number.")
    else:
        raise EmbedError("only YouTube and Vimeo videos can be embedded.")
    if not YOUTUBE_ID.match(video_id):
        raise EmbedError("that YouTube address has no valid video ID.")
    return {
        "provider": "YouTube",
        "watch_url": f"https://www.youtube.com/watch?v={video_id}",
        # The privacy-enhanced player sets no cookies until the reader plays.
        "player_url": f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
    }


def _render_video(embed, lookup, result, strict):
    source = video_source(embed.ref)
    poster = None
    if "poster" in embed.attrs:
        image = _image(lookup, embed.attrs["poster"], result)
        poster = picture_for(image, sizes="(min-width: 48rem) 42rem, 100vw")
        if poster is not None:
            # The link is named by its "Play: …" label; the still is decoration.
            poster = replace(poster, alt="")
    title = embed.attrs.get("title") or f"{source['provider']} video"
    return render_to_string(
        "newsroom/embeds/video.html",
        {"video": source, "title": title, "poster": poster},
    )


# Quotes and spoilers -----------------------------------------------------


def _render_block(template):
    def render(embed, lookup, result, strict):
        inner = render_fragment(
            embed.inner, embed.attrs.pop("_first_line"), result, strict=strict
        )
        if not inner.strip():
            raise EmbedError(f"the [[{embed.kind}]] block is empty.")
        return render_to_string(template, {"inner": inner, "attrs": embed.attrs})

    return render


# Where to watch ----------------------------------------------------------


def _load_series(slugs):
    found = Series.objects.filter(slug__in=slugs).prefetch_related("watch_options")
    return {series.slug: series for series in found}


def _render_watch(embed, lookup, result, strict):
    series = lookup.get("series", {}).get(embed.ref)
    if series is None:
        raise EmbedError(f"there is no series “{embed.ref}”.")
    result.refs.add(f"series:{series.pk}")
    options = list(series.watch_options.all())
    if not options:
        raise EmbedError(f"“{series.title}” has no where-to-watch entries yet.")
    return render_to_string(
        "newsroom/embeds/watch.html", {"series": series, "options": options}
    )


def register_builtin_embeds() -> None:
    """Teach the renderer the built-in kinds (called from the app's ready())."""
    register(
        Handler(
            "image",
            _render_image,
            refs=lambda e: [("image", e.ref)],
            load={"image": _load_images},
        )
    )
    register(
        Handler(
            "related",
            _render_related,
            refs=lambda e: [("article", e.ref)],
            load={"article": _load_articles},
        )
    )
    register(
        Handler(
            "video",
            _render_video,
            refs=lambda e: (
                [("image", e.attrs["poster"])] if "poster" in e.attrs else []
            ),
            load={"image": _load_images},
        )
    )
    register(Handler("quote", _render_block("newsroom/embeds/quote.html")))
    register(Handler("spoiler", _render_block("newsroom/embeds/spoiler.html")))
    register(
        Handler(
            "watch",
            _render_watch,
            refs=lambda e: [("series", e.ref)],
            load={"series": _load_series},
        )
    )
