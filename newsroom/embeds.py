"""The article body: Markdown plus a small embed syntax, rendered once on save.

Syntax (each embed on a line of its own)::

    [[image:12]]                          an image from the media library
    [[image:12 alt="…" caption="…"]]      with the alt text or caption replaced
    [[related:some-article-slug]]         a card for another published article
    [[video:https://youtu.be/ID title="Official trailer" poster=12]]
    [[watch:metallic-rouge]]              where to watch a series
    [[quote attribution="Masahiko Minami"]]
    …Markdown…
    [[/quote]]
    [[spoiler title="Episode 13 ending"]]
    …Markdown…
    [[/spoiler]]

Markdown is sanitised by nh3; embed markup is built from templates (which
escape everything) and placed after sanitising, so an embed can use markup
the writer may not type (a <details> element, a play button).

Other apps add embeds with ``register``: a handler names the references it
needs, loads them in one query per kind, and renders.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

from django.template.loader import render_to_string
from django.utils import timezone

from .markdown import render_markdown
from .text import without_control_characters

LINE = re.compile(
    r"^\[\[(?P<kind>[a-z]+)(?::(?P<ref>[^\s\]]+))?(?P<attrs>(?:\s+[a-z]+=(?:\"[^\"]*\"|\S+?))*)\s*\]\]\s*$"
)
END = re.compile(r"^\[\[/(?P<kind>[a-z]+)\]\]\s*$")
ATTR = re.compile(r'([a-z]+)=(?:"([^"]*)"|(\S+))')
FENCE = re.compile(r"^\s{0,3}(```|~~~)")
PLACEHOLDER = "SHIMBUNEMBED{}X"
BLOCK_KINDS = {"quote", "spoiler"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


class EmbedError(Exception):
    """A reference the editor has to fix; the message names what is wrong."""


@dataclass
class Embed:
    kind: str
    ref: str
    attrs: dict
    line: int
    inner: str = ""


@dataclass
class Rendered:
    html: str
    errors: list[str] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    valid_until: datetime | None = None
    article_id: int | None = None


@dataclass
class Handler:
    """How one kind of embed gathers, loads and renders what it refers to."""

    kind: str
    render: callable
    refs: callable = None  # embed -> [(key, value)] it needs loaded
    load: dict = field(default_factory=dict)  # key -> function(values) -> {v: obj}


HANDLERS: dict[str, Handler] = {}


def register(handler: Handler) -> None:
    HANDLERS[handler.kind] = handler


# Parsing -----------------------------------------------------------------


def _parse(source: str, first_line: int = 1):
    """Split the source into Markdown with placeholders, and the embeds found."""
    lines = (source or "").splitlines()
    out, embeds, errors = [], [], []
    in_fence = False
    index = 0
    while index < len(lines):
        line = lines[index]
        number = first_line + index
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else LINE.match(line.strip())
        if match is None:
            if not in_fence and END.match(line.strip()):
                errors.append(f"Line {number}: “{line.strip()}” closes nothing.")
                index += 1
                continue
            out.append(line)
            index += 1
            continue
        kind, ref = match["kind"], match["ref"] or ""
        attrs = {k: bare or quoted for k, quoted, bare in ATTR.findall(match["attrs"])}
        embed = Embed(kind, ref, attrs, number)
        if kind in BLOCK_KINDS:
            end = next(
                (
                    j
                    for j in range(index + 1, len(lines))
                    if (m := END.match(lines[j].strip())) and m["kind"] == kind
                ),
                None,
            )
            if end is None:
                errors.append(
                    f"Line {number}: [[{kind}]] is never closed with [[/{kind}]]."
                )
                index += 1
                continue
            embed.inner = "\n".join(lines[index + 1 : end])
            embed.attrs["_first_line"] = number + 1
            index = end + 1
        else:
            index += 1
        out.extend(["", PLACEHOLDER.format(len(embeds)), ""])
        embeds.append(embed)
    return "\n".join(out), embeds, errors


# Rendering ---------------------------------------------------------------


def render_body(source: str, *, strict: bool = False, article_id=None) -> Rendered:
    """Render a body. ``strict`` collects every broken reference as an error for
    the editor; otherwise broken embeds quietly drop out so pages stay whole.

    Control characters go first, as the admin form drops them on save: the
    live preview then shows what will be saved, and no NUL reaches a lookup.
    """
    result = Rendered(html="", article_id=article_id)
    source = without_control_characters(source or "")
    result.html = _render(source, 1, result, strict=strict)
    return result


def _render(source, first_line, result, *, strict):
    text, embeds, errors = _parse(source, first_line)
    result.errors.extend(errors)
    lookup = _load(embeds)
    pieces = {}
    for index, embed in enumerate(embeds):
        handler = HANDLERS.get(embed.kind)
        try:
            if handler is None:
                known = ", ".join(sorted(HANDLERS))
                raise EmbedError(f"there is no “{embed.kind}” embed (known: {known}).")
            pieces[index] = handler.render(embed, lookup, result, strict)
        except EmbedError as error:
            result.errors.append(f"Line {embed.line}: {error}")
            pieces[index] = ""
    html = render_markdown(text)
    for index, piece in pieces.items():
        marker = PLACEHOLDER.format(index)
        html = html.replace(f"<p>{marker}</p>", piece).replace(marker, "")
    return html


def _load(embeds):
    wanted: dict[str, set] = {}
    for embed in embeds:
        handler = HANDLERS.get(embed.kind)
        if handler and handler.refs:
            for key, value in handler.refs(embed):
                wanted.setdefault(key, set()).add(value)
    loaders = {}
    for handler in HANDLERS.values():
        loaders.update(handler.load)
    return {
        key: loaders[key](values) for key, values in wanted.items() if key in loaders
    }


def _int(value, what):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise EmbedError(f"“{value}” is not a {what} number.") from None
    if number <= 0:
        raise EmbedError(f"“{value}” is not a {what} number.")
    return number


# Images --------------------------------------------------------------------


def _load_images(ids):
    from .models import Image

    numbers = {int(i) for i in ids if str(i).isdigit()}
    images = Image.objects.filter(pk__in=numbers).prefetch_related("renditions")
    return {image.pk: image for image in images}


def _image(lookup, ref, result):
    image = lookup.get("image", {}).get(_int(ref, "image"))
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
    from .pictures import picture_for

    image = _image(lookup, embed.ref, result)
    picture = picture_for(
        image,
        alt=embed.attrs.get("alt", ""),
        sizes="(min-width: 48rem) 42rem, 100vw",
        loading="lazy",
    )
    if picture is None:
        if image.processing == image.Processing.PENDING:
            raise EmbedError(
                f"image {embed.ref} is still being processed; try again in a moment."
            )
        raise EmbedError(f"image {embed.ref} has no renditions; upload it again.")
    if "caption" in embed.attrs:
        picture.caption = embed.attrs["caption"]
    return render_to_string("newsroom/embeds/image.html", {"picture": picture})


register(
    Handler(
        "image",
        _render_image,
        refs=lambda e: [("image", e.ref)],
        load={"image": _load_images},
    )
)


# Related article cards ---------------------------------------------------


def _load_articles(refs):
    from .models import Article

    ids = {int(r) for r in refs if r.isdigit()}
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
    from .pictures import picture_for

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


register(
    Handler(
        "related",
        _render_related,
        refs=lambda e: [("article", e.ref)],
        load={"article": _load_articles},
    )
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
    from .pictures import picture_for

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


register(
    Handler(
        "video",
        _render_video,
        refs=lambda e: [("image", e.attrs["poster"])] if "poster" in e.attrs else [],
        load={"image": _load_images},
    )
)


# Quotes and spoilers -----------------------------------------------------


def _render_block(template):
    def render(embed, lookup, result, strict):
        inner = _render(
            embed.inner, embed.attrs.pop("_first_line"), result, strict=strict
        )
        if not inner.strip():
            raise EmbedError(f"the [[{embed.kind}]] block is empty.")
        return render_to_string(template, {"inner": inner, "attrs": embed.attrs})

    return render


register(Handler("quote", _render_block("newsroom/embeds/quote.html")))
register(Handler("spoiler", _render_block("newsroom/embeds/spoiler.html")))


# Where to watch ----------------------------------------------------------


def _load_series(slugs):
    from series.models import Series

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


register(
    Handler(
        "watch",
        _render_watch,
        refs=lambda e: [("series", e.ref)],
        load={"series": _load_series},
    )
)


# Plain text --------------------------------------------------------------

VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
BLOCK_TAGS = {
    "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "td", "th",
    "tr", "ul",
}  # fmt: skip


class _ProseParser(HTMLParser):
    """Collects the text of rendered HTML, leaving out embeds and shop blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skipping += tag not in VOID_TAGS
            return
        classes = (dict(attrs).get("class") or "").split()
        if "embed" in classes or "merch-block" in classes or tag in {"script", "style"}:
            self.skipping = 1
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag not in VOID_TAGS
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def body_text(html: str) -> str:
    """The prose of a rendered body as plain text, for search and snippets.

    Embeds are left out: a spoiler must not surface in a search snippet, and a
    related card or shop block is another page's text, not this article's.
    """
    parser = _ProseParser()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())
