"""Reads for review pages, the reviews index and series aggregates."""

from django.db.models import Avg, Count

from .models import Review


def review_context(article) -> dict:
    """The score box of a review article (nothing otherwise)."""
    if article.kind != "review":
        return {}
    review = (
        Review.objects.select_related("series")
        .prefetch_related("series__watch_options")
        .filter(article=article)
        .first()
    )
    if review is None:
        return {}
    return {"review": review}


def series_reviews(series) -> dict:
    """The outlet's live reviews of a series and their average score."""
    reviews = list(
        Review.objects.live()
        .filter(series=series)
        .select_related("article")
        .order_by("-article__publish_at")
    )
    summary = (
        Review.objects.live()
        .filter(series=series)
        .aggregate(average=Avg("score"), count=Count("pk"))
    )
    by_episode = {}
    for review in reviews:
        if review.item_kind == "TVEpisode":
            by_episode.setdefault(review.episode_from, []).append(review)
    average = summary["average"]
    return {
        "series_reviews": reviews,
        "review_count": summary["count"],
        "review_average": round(average * 2) / 2 if average is not None else None,
        "episode_reviews": by_episode,
    }
