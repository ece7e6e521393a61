"""Counting clicks on affiliate links: once a day per reader, article and
item, without keeping anything personal; bots are not counted."""

import hashlib
import re
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.kernel.clients import client_ip

from .models import MerchClick, MerchItem

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
