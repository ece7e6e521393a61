"""Merch blocks, click counting and link health."""

import hashlib
import http.client
import re
import secrets
import ssl
from datetime import datetime
from urllib.parse import urlparse

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from .clients import client_ip
from .embeds import EmbedError, Handler, register
from .models import Article, MerchClick, MerchItem
from .pictures import picture_for

BLOCK_LIMIT = 12
SHOP_LIMIT = 8


# Rendering -----------------------------------------------------------------


def items_for(*, ids=(), series=None, tag=None, now=None):
    """Active items for a block: chosen ones in order, or by series or tag."""
    items = MerchItem.objects.active(now=now).for_blocks()
    if ids:
        found = {item.pk: item for item in items.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found][:BLOCK_LIMIT]
    if series is not None:
        items = items.filter(series=series)
    if tag:
        items = items.filter(tags__slug=tag)
    return list(items.distinct().order_by("name")[:BLOCK_LIMIT])


def shop_items(article, *, now=None):
    """Automatic "Shop this series": active items sharing a series or tag."""
    series_ids = [s.pk for s in article.series.all()]
    tag_ids = [t.pk for t in article.tags.all()]
    if not series_ids and not tag_ids:
        return []
    return list(
        MerchItem.objects.active(now=now)
        .for_blocks()
        .filter(Q(series__in=series_ids) | Q(tags__in=tag_ids))
        .distinct()
        .order_by("series_id", "name")[:SHOP_LIMIT]
    )


def block_context(items, *, title: str, block_id: str, article=None) -> dict:
    """``article`` is the id clicks are counted for."""
    return {
        "items": [
            {"item": item, "picture": picture_for(item.image, sizes="14rem")}
            for item in items
        ],
        "title": title,
        "block_id": block_id,
        "article": article,
    }


def render_block(items, *, title, block_id, article=None) -> str:
    return render_to_string(
        "newsroom/merch/block.html",
        block_context(items, title=title, block_id=block_id, article=article),
    )


def _next_change(items, now):
    """When an item's active window next opens or closes (for re-rendering)."""
    moments = [
        moment
        for item in items
        for moment in (item.active_from, item.active_until)
        if moment and moment > now
    ]
    return min(moments, default=None)


def _render_merch_embed(embed, lookup, result, strict):
    from series.models import Series

    now = timezone.now()
    title = embed.attrs.get("title", "Shop the merch")
    if embed.ref:
        try:
            ids = [int(part) for part in embed.ref.split(",") if part]
        except ValueError:
            raise EmbedError(
                "merch items are listed by number: [[merch:12,15]]."
            ) from None
        known = set(MerchItem.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [str(pk) for pk in ids if pk not in known]
        if missing:
            raise EmbedError(f"there is no merch item {', '.join(missing)}.")
        result.refs.update(f"merch:{pk}" for pk in ids)
        items = items_for(ids=ids, now=now)
        everything = list(MerchItem.objects.filter(pk__in=ids))
    elif "series" in embed.attrs:
        series = Series.objects.filter(slug=embed.attrs["series"]).first()
        if series is None:
            raise EmbedError(f"there is no series “{embed.attrs['series']}”.")
        result.refs.add(f"merch-series:{series.pk}")
        items = items_for(series=series, now=now)
        everything = list(MerchItem.objects.filter(series=series))
    elif "tag" in embed.attrs:
        if not embed.attrs["tag"].strip():
            raise EmbedError('name the tag: [[merch tag="mecha"]].')
        result.refs.add(f"merch-tag:{embed.attrs['tag']}")
        items = items_for(tag=embed.attrs["tag"], now=now)
        everything = list(MerchItem.objects.filter(tags__slug=embed.attrs["tag"]))
    else:
        raise EmbedError('say which items: [[merch:12,15]], series="…" or tag="…".')
    change = _next_change(everything, now)
    if change and (result.valid_until is None or change < result.valid_until):
        result.valid_until = change
    result.refs.add("merch")
    if not items:
        if strict and embed.ref:
            raise EmbedError("none of these merch items can be shown now.")
        return ""
    return render_block(
        items, title=title, block_id=f"merch-{embed.line}", article=result.article_id
    )


register(Handler("merch", _render_merch_embed))


# Clicks ----------------------------------------------------------------------


#: User agents that are not a reader following a link: search and archive
#: crawlers, link-preview fetchers of chat and social apps, headless browsers,
#: and command-line tools and HTTP libraries (a person clicking a shop link
#: does it in a browser). They are redirected like anyone, never counted.
BOT_AGENTS = re.compile(
    r"bot\b|crawl|spider|slurp|archiver|facebookexternalhit|facebookcatalog"
    r"|embedly|whatsapp|skypeuripreview|preview|headless|lighthouse"
    r"|^curl/|^wget/|^python|^httpx|^go-http-client|^okhttp|^java/|^libwww"
    r"|^scrapy|^axios|^node-fetch",
    re.IGNORECASE,
)
CLICK_DAY_SECONDS = 60 * 60 * 24
#: The salt lives two days in the cache so yesterday's keys stay comparable
#: until midnight has passed everywhere, then it is gone for good.
SALT_SECONDS = 2 * CLICK_DAY_SECONDS


def is_bot(user_agent: str) -> bool:
    """Whether a user agent is a crawler, a link previewer or a script. Every
    browser names itself, so a request that names nothing is a script too."""
    return not user_agent.strip() or bool(BOT_AGENTS.search(user_agent))


def reader_key(request) -> str | None:
    """An anonymous key for today's reader, or None for a bot.

    A hash of IP address and user agent under a random salt that changes each
    day and is kept only in the cache: it tells a repeated click from a new
    reader today, and once the salt expires nobody can link it to anyone.
    """
    agent = request.META.get("HTTP_USER_AGENT", "")
    if is_bot(agent):
        return None
    day = timezone.localdate().isoformat()
    # get_or_set adds, then reads back: concurrent first clicks share a salt.
    salt = cache.get_or_set(
        f"merch:click-salt:{day}", lambda: secrets.token_hex(16), SALT_SECONDS
    )
    reader = f"{salt}\n{client_ip(request)}\n{agent}".encode()
    return hashlib.sha256(reader).hexdigest()[:32]


def click_record(*, item: MerchItem, article_id: int | None, reader: str | None):
    """Count a click for the item (and article), today, at most once per
    reader; ``reader`` is from ``reader_key``, None for a bot (not counted).
    Nothing about the reader is stored, only the day's count."""
    if reader is None:
        return
    article = None
    if article_id:
        article = Article.objects.live().filter(pk=article_id).only("pk").first()
    day = timezone.localdate()
    seen = f"merch:clicked:{day.isoformat()}:{item.pk}:{getattr(article, 'pk', 0)}"
    if not cache.add(f"{seen}:{reader}", 1, timeout=CLICK_DAY_SECONDS):
        return
    lookup = {"item": item, "day": day}
    lookup["article" if article else "article__isnull"] = article or True
    updated = MerchClick.objects.filter(**lookup).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            MerchClick.objects.create(item=item, article=article, day=day, count=1)
    except IntegrityError:
        MerchClick.objects.filter(**lookup).update(count=F("count") + 1)


# Link health -----------------------------------------------------------------


def check_link(url: str, *, timeout: float) -> tuple[str, str]:
    """(status, note) for one address, without following redirects."""
    parsed = urlparse(url)
    connection_class = (
        http.client.HTTPSConnection
        if parsed.scheme == "https"
        else http.client.HTTPConnection
    )
    kwargs = {"timeout": timeout}
    if parsed.scheme == "https":
        kwargs["context"] = ssl.create_default_context()
    path = parsed.path or "/"
    if parsed.query:
        path += "?" + parsed.query
    try:
        connection = connection_class(parsed.hostname, parsed.port, **kwargs)
        try:
            for method in ("HEAD", "GET"):
                connection.request(
                    method, path, headers={"User-Agent": "Shimbun link check"}
                )
                response = connection.getresponse()
                response.read(1024)
                if response.status != 405 or method == "GET":
                    break
        finally:
            connection.close()
    except (OSError, http.client.HTTPException) as error:
        return (
            MerchItem.LinkStatus.DEAD,
            f"Could not connect: {error.__class__.__name__}",
        )
    if 200 <= response.status < 300:
        return MerchItem.LinkStatus.OK, f"HTTP {response.status}"
    if 300 <= response.status < 400:
        target = response.getheader("Location", "")
        return MerchItem.LinkStatus.REDIRECTED, f"HTTP {response.status} to {target}"[
            :300
        ]
    return MerchItem.LinkStatus.DEAD, f"HTTP {response.status}"


def check_links(*, timeout: float = 10, now: datetime | None = None) -> dict:
    """Check every active item's link and record the outcome for editors."""
    counts = {}
    now = now or timezone.now()
    items = MerchItem.objects.filter(
        Q(active_until__isnull=True) | Q(active_until__gt=now)
    )
    for item in items:
        status, note = check_link(item.url, timeout=timeout)
        counts[status] = counts.get(status, 0) + 1
        changed = status != item.link_status
        MerchItem.objects.filter(pk=item.pk).update(
            link_status=status, link_note=note, link_checked_at=timezone.now()
        )
        if changed:
            refresh_item_embeds(item)
    return counts


def item_embed_keys(item: MerchItem) -> list[str]:
    """The embed keys of every merch block that may show this item."""
    keys = [f"merch:{item.pk}"]
    if item.series_id:
        keys.append(f"merch-series:{item.series_id}")
    if item.pk:
        keys += [f"merch-tag:{slug}" for slug in item.tags.slugs()]
    return keys


def refresh_item_embeds(item: MerchItem) -> None:
    """Re-render the articles whose merch blocks may show this item."""
    from .services import refresh_embedding_articles

    for key in item_embed_keys(item):
        refresh_embedding_articles(key=key)
