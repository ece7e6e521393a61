"""Writes and workflow moves on articles.

Admin actions, views and management commands call these and never repeat their
steps: each checks permission, validates, saves, all in one transaction.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Article

PUBLISH_PERMISSION = "newsroom.publish_article"


def _require_publisher(user) -> None:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied("Only editors can publish or unpublish articles.")


@transaction.atomic
def article_publish(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish an article now, or at ``at`` (a future time schedules it).

    An existing publish time is kept, so re-publishing never reorders the site.
    """
    _require_publisher(user)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.body.strip():
        raise ValidationError("An article with an empty body cannot be published.")
    article.publish_at = at or article.publish_at or timezone.now()
    article.status = Article.Status.PUBLISHED
    article.save(update_fields=["status", "publish_at", "updated_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article, user) -> Article:
    """Take an article off the site and back to draft."""
    _require_publisher(user)
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article
