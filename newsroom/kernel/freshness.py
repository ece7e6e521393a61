"""How long a public page may be kept by browsers and shared caches.

Pages change by themselves when a scheduled moment arrives (an article going
live, a merch window opening); apps register those moments in
``extensions.NEXT_CHANGES`` and no page is cached past the earliest.
"""

from django.conf import settings
from django.utils import timezone

from .extensions import NEXT_CHANGES


def next_change():
    """The earliest moment some page changes unaided, or None."""
    moments = [moment for moment in NEXT_CHANGES.call_each() if moment is not None]
    return min(moments, default=None)


def public_max_age(*, default: int | None = None) -> int:
    """How long readers' caches may keep a page without hiding a scheduled change."""
    max_age = settings.PAGE_CACHE_SECONDS if default is None else default
    upcoming = next_change()
    if upcoming is not None:
        seconds = int((upcoming - timezone.now()).total_seconds())
        max_age = max(0, min(max_age, seconds))
    return max_age
