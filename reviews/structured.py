"""schema.org Review markup, with the properties Google's review snippets need."""

from django.conf import settings

from .models import SCALE_MAX, SCALE_MIN


def _number(value) -> str:
    return f"{value.normalize():f}"


def item_reviewed(review, absolute) -> dict:
    series = review.series
    show = {"@type": "TVSeries", "name": series.title}
    if series.get_absolute_url:
        show["url"] = absolute(series.get_absolute_url())
    kind = review.item_kind
    if kind == "TVEpisode":
        return {
            "@type": "TVEpisode",
            "name": review.item_label,
            "episodeNumber": review.episode_from,
            "partOfSeries": show,
        }
    if kind == "TVSeason":
        return {
            "@type": "TVSeason",
            "name": review.item_label,
            "seasonNumber": review.season_number,
            "partOfSeries": show,
        }
    if review.episode_from:
        show["name"] = series.title
        show["alternateName"] = review.item_label
    return show


def review_jsonld(article, review, absolute) -> dict:
    """The Review object for a review page; ``absolute`` turns paths into URLs."""
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": article.title,
        "headline": article.title,
        "url": absolute(article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
        },
    }
    if article.dek:
        data["description"] = article.dek
    if review.verdict:
        data["reviewBody"] = review.verdict
    if review.series_id:
        data["itemReviewed"] = item_reviewed(review, absolute)
    if review.score is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": _number(review.score),
            "bestRating": _number(SCALE_MAX),
            "worstRating": _number(SCALE_MIN),
        }
    return data
