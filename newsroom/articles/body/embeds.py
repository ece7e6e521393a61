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

How an embed is rendered: ``render_body`` parses the body, asks each kind's
``Handler`` which references it needs, loads them in one query per kind, and
renders each embed with its handler. The built-in kinds are in ``builtin.py``;
other apps add theirs with ``register`` (merch: ``[[merch:…]]``).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser

from newsroom.kernel.markdown import render_markdown
from newsroom.kernel.text import positive_int, without_control_characters

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
    #: What the editor should know that does not stop a save (an image whose
    #: sizes are still being made), with its line.
    warnings: list[str] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    valid_until: datetime | None = None
    article_id: int | None = None
    #: What the page must say because of this body ("affiliate-links").
    notices: set[str] = field(default_factory=set)


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
    result.html = render_fragment(source, 1, result, strict=strict)
    return result


def render_fragment(source, first_line, result, *, strict):
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


def positive_number(value, what):
    # Read as user input: plain digits, and no longer than an id can be.
    number = positive_int(str(value))
    if number is None:
        raise EmbedError(f"“{value}” is not a {what} number.")
    return number


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
