"""schema.org Review markup, with the properties Google's review snippets need."""

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


def review_properties(review, absolute) -> dict:
    """What makes an article's markup a review: the show, the score, the verdict.

    Empty unless the review has both a score and a series, the two things
    Google's review snippets cannot do without.
    """
    if review.score is None or not review.series_id:
        return {}
    data = {
        "itemReviewed": item_reviewed(review, absolute),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": _number(review.score),
            "bestRating": _number(SCALE_MAX),
            "worstRating": _number(SCALE_MIN),
        },
    }
    if review.verdict:
        data["reviewBody"] = review.verdict
    return data


def extend_article(data, article, absolute, context) -> None:
    """A scored review of a series is a ReviewNewsArticle: the article's
    markup plus the show, the rating and the verdict (registered in
    ``ARTICLE_STRUCTURED_DATA``)."""
    review = context.get("review")
    if review is None:
        return
    rated = review_properties(review, absolute)
    if rated:
        data["@type"] = "ReviewNewsArticle"
        data.update(rated)
