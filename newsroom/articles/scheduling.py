"""Where scheduling is decided.

An article is live once it is published and its publish time has come: the
rule is ``live_q`` (``models/articles.py``), used by every page, feed, sitemap
and search. Visibility is worked out whenever something is read, so no job has
to flip a scheduled article on time; this module tells caches the next moment
an article appears (registered in ``kernel.extensions.NEXT_CHANGES``).
"""

from datetime import datetime

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from .models import Article

NEXT_SCHEDULED_CACHE_KEY = "newsroom:next-scheduled-publish"


def next_scheduled_publish() -> datetime | None:
    """The next moment a scheduled article goes live (cached until it changes)."""
    value = cache.get(NEXT_SCHEDULED_CACHE_KEY)
    if value is None:
        nxt = Article.objects.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=timezone.now()
        ).aggregate(at=Min("publish_at"))["at"]
        value = nxt.isoformat() if nxt else ""
        cache.set(NEXT_SCHEDULED_CACHE_KEY, value, 3600)
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment <= timezone.now():
        forget_next_scheduled()
        return next_scheduled_publish()
    return moment


def forget_next_scheduled() -> None:
    cache.delete(NEXT_SCHEDULED_CACHE_KEY)


def forget_on_change(**kwargs) -> None:
    """Signal receiver: any article write may change the next scheduled time."""
    forget_next_scheduled()
