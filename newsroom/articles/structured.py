"""schema.org JSON-LD of articles and their writers."""

from django.conf import settings
from django.templatetags.static import static

from newsroom.kernel.structured import CONTEXT, DEFAULT_IMAGE, organization
from series.structured import tv_series_ref

from .extensions import ARTICLE_STRUCTURED_DATA

HEADLINE_LIMIT = 110  # Google truncates longer headlines


def person_ref(author, absolute) -> dict:
    return {
        "@type": "Person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
    }


ARTICLE_TYPES = {
    "news": "NewsArticle",
    "feature": "NewsArticle",
    "interview": "NewsArticle",
    "blog": "BlogPosting",
}


def article(article, absolute, *, images=(), context=None) -> dict:
    """NewsArticle with Google's recommended properties: headline, image,
    dates, authors with URLs and the publisher. Other apps extend it through
    ``ARTICLE_STRUCTURED_DATA`` with the page's ``context`` (a scored review of
    a series becomes a ReviewNewsArticle)."""
    context = context or {}
    url = absolute(article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": ARTICLE_TYPES.get(article.kind, "NewsArticle"),
        "@id": url + "#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": _headline(article.title),
        "dateModified": article.modified_at.isoformat(),
        "author": [person_ref(author, absolute) for author in article.authors.all()],
        "publisher": organization(absolute),
        "articleSection": article.section.name,
        "inLanguage": "en",
        "isAccessibleForFree": True,
    }
    if article.publish_at:  # a draft seen in preview has no publication time yet
        data["datePublished"] = article.publish_at.isoformat()
    if article.dek:
        data["description"] = article.dek
    for extend in ARTICLE_STRUCTURED_DATA:
        extend(data, article, absolute, context)
    # Google recommends an image on every article; one without a lead image
    # shows the outlet's own card, as its og:image does.
    data["image"] = [absolute(url) for url in images or [static(DEFAULT_IMAGE)]]
    keywords = [tag.name for tag in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    about = [tv_series_ref(series, absolute) for series in article.series.all()]
    if about:
        data["about"] = about
    return data


def _headline(title: str) -> str:
    if len(title) <= HEADLINE_LIMIT:
        return title
    return title[: HEADLINE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def author_profile(author, absolute, *, image="") -> dict:
    """A writer's page: a ProfilePage about the Person who writes here."""
    writer = {
        "@type": "Person",
        "name": author.name,
        "url": absolute(author.get_absolute_url()),
        "worksFor": {
            "@type": "NewsMediaOrganization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
        },
    }
    if author.job_title:
        writer["jobTitle"] = author.job_title
    if author.bio:
        writer["description"] = author.bio
    if image:
        writer["image"] = absolute(image)
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": absolute(author.get_absolute_url()),
        "mainEntity": writer,
    }
