"""What a review needs before it can be published (filled in with review scores)."""


def review_problems(article) -> list[str]:
    return []
