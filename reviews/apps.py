from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    """Scored reviews: an article plus its score box. Everything a review adds
    to articles and series it adds through their extension points."""

    name = "reviews"
    verbose_name = "Reviews"

    def ready(self):
        from newsroom.articles import extensions as articles
        from series.extensions import SERIES_PAGE_PANELS

        from . import admin, checks, feeds, selectors, structured

        articles.PUBLISH_CHECKS.register(checks.review_problems)
        articles.ARTICLE_PAGE_CONTEXT.register(selectors.review_context)
        articles.ARTICLE_STRUCTURED_DATA.register(structured.extend_article)
        articles.FEED_QUERYSET.register(feeds.with_score_box)
        articles.FEED_SUMMARY_PREFIX.register(feeds.score_prefix)
        articles.ARTICLE_ADMIN_INLINES.register(admin.ReviewInline)
        SERIES_PAGE_PANELS.register(selectors.series_reviews)
