"""Who else has this article open: the "being edited" notice."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ..models import (
    Article,
    EditSession,
)


def editing_touch(*, article: Article, user) -> list:
    """Note that ``user`` has the form open; return the others who do too."""
    now = timezone.now()
    EditSession.objects.update_or_create(
        article=article, user=user, defaults={"last_seen": now}
    )
    return editing_others(article=article, user=user, now=now)


def editing_others(*, article: Article, user, now: datetime | None = None) -> list:
    since = (now or timezone.now()) - timedelta(seconds=settings.EDIT_PRESENCE_SECONDS)
    sessions = (
        EditSession.objects.filter(article=article, last_seen__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("-last_seen")
    )
    return [session.user for session in sessions]


def editing_leave(*, article: Article, user) -> None:
    EditSession.objects.filter(article=article, user=user).delete()
