"""What a review needs before it can be published (a publish check)."""

from .models import Review


def review_problems(article) -> list[str]:
    """Missing pieces that would leave the Review structured data incomplete."""
    if article.kind != "review":
        return []
    review = Review.objects.select_related("series").filter(article=article).first()
    if review is None:
        return ["A review needs its score box: score and what was reviewed."]
    problems = []
    if review.score is None:
        problems.append("The review has no score (reviewRating).")
    if review.series_id is None:
        problems.append("The review does not say what was reviewed (itemReviewed).")
    return problems
