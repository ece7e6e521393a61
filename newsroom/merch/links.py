"""Link health: every active item's shop address is checked now and then,
and a dead one leaves the blocks that showed it."""

import http.client
import ssl
from datetime import datetime
from urllib.parse import urlparse

from django.db.models import Q
from django.utils import timezone

from newsroom.articles.rendering import refresh_embedding_articles

from .models import MerchItem


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
    for key in item_embed_keys(item):
        refresh_embedding_articles(key=key)
