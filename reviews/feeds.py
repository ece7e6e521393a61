"""Feeds of reviews alone, with the score in every item."""

from django.conf import settings
from django.urls import reverse

from newsroom.articles.feeds import (
    FEED_LENGTH,
    FullContentAtom,
    LatestArticlesFeed,
    html_text,
    unique_names,
)
from newsroom.articles.models import Article


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


def with_score_box(articles):
    """Feeds load each article's score box with it (``FEED_QUERYSET``)."""
    return articles.select_related("review")


def score_prefix(article) -> str:
    """ "Score: 8/10." before a scored review's summary (``FEED_SUMMARY_PREFIX``)."""
    review = getattr(article, "review", None) if article.kind == "review" else None
    if review is not None and review.score is not None:
        return f"Score: {review.score_label}."
    return ""
