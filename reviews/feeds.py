"""Feeds of reviews alone, with the score in every item."""

from django.conf import settings
from django.urls import reverse

from newsroom.feeds import (
    FEED_LENGTH,
    FullContentAtom,
    LatestArticlesFeed,
    html_text,
    unique_names,
)
from newsroom.models import Article


class ReviewsFeed(LatestArticlesFeed):
    """The newest live reviews."""

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: reviews"

    def link_path(self, obj):
        return reverse("reviews:review-list")

    def scoped(self, queryset, obj):
        return queryset.filter(kind=Article.Kind.REVIEW)

    def items(self, obj=None):
        return (
            self.scoped(Article.objects.live(), obj)
            .filter(review__score__isnull=False)
            .for_listing()
            .select_related("review", "review__series")
            .prefetch_related("series")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return f"{item.title} ({item.review.score_label})"

    def item_description(self, item):
        """The score and the verdict, both plain text escaped for the HTML
        that a feed reader takes the description to be."""
        review = item.review
        verdict = f" {review.verdict}" if review.verdict else ""
        return html_text(f"Score: {review.score_label}.{verdict}")

    def item_categories(self, item):
        return unique_names(["Review", *super().item_categories(item)])


class ReviewsAtomFeed(ReviewsFeed):
    feed_type = FullContentAtom
