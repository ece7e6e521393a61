"""Reads for review pages, the reviews index and series aggregates."""

from django.db.models import Avg, Count, F, Q

from .models import Review


def review_context(article, request=None) -> dict:
    """The score box of a review article (nothing otherwise); registered in
    ``ARTICLE_PAGE_CONTEXT``."""
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


#: Reviews listed on a series page; the rest are one link away.
REVIEWS_ON_PAGE = 10


def series_reviews(series) -> dict:
    """The outlet's newest live reviews of a series, its average score, and the
    newest review of each episode for the episode table."""
    live = Review.objects.live().filter(series=series)
    recent = list(
        live.select_related("article").order_by("-article__publish_at", "-pk")[
            :REVIEWS_ON_PAGE
        ]
    )
    summary = live.aggregate(average=Avg("score"), count=Count("pk"))
    single_episodes = (
        live.filter(episode_from__isnull=False)
        .filter(Q(episode_to__isnull=True) | Q(episode_to=F("episode_from")))
        .select_related("article")
        .only(
            "score",
            "episode_from",
            "episode_to",
            "article__slug",
            "article__publish_at",
        )
        .order_by("-article__publish_at", "-pk")
    )
    by_episode = {}
    for review in single_episodes:
        by_episode.setdefault(review.episode_from, [review])
    average = summary["average"]
    return {
        "series_reviews": recent,
        "review_count": summary["count"],
        "more_reviews": summary["count"] > len(recent),
        "review_average": round(average * 2) / 2 if average is not None else None,
        "episode_reviews": by_episode,
    }
