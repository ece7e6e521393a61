"""Typing kept for one user while they work on an article's form."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .articles import Article


class Autosave(models.Model):
    """What one user has typed into an article's form and not saved yet.

    Only its author ever sees it; it is never the article, never published,
    never a revision. ``article`` is empty for an article not saved yet (each
    user has one such copy). ``base_version`` is the article's version the
    form was opened at, so a restore still meets the lost-update guard.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    data = models.JSONField(default=dict)
    base_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "unsaved change"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="autosave_per_user_and_article",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_per_user_for_a_new_article",
            ),
        ]

    def __str__(self):
        target = f"“{self.article}”" if self.article_id else "a new article"
        return f"Unsaved changes by {self.user} to {target}"
