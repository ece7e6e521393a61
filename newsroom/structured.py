"""schema.org JSON-LD for reader pages.

Each function takes ``absolute``, which turns a site path into a full URL, and
returns one plain dict; the base template writes every dict in the page's
``structured_data`` list into its own script element.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from series.models import lines

from . import sitewide
from .pictures import social_image_url

CONTEXT = "https://schema.org"
HEADLINE_LIMIT = 110  # Google truncates longer headlines
DEFAULT_IMAGE = "img/social-default.png"


def organization(absolute) -> dict:
    """The outlet itself: the publisher of every article."""
    return {
        "@type": "NewsMediaOrganization",
        "@id": absolute("/#organization"),
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 600,
            "height": 120,
        },
        "publishingPrinciples": _policy_url(absolute, "editorial-policy"),
        "correctionsPolicy": _policy_url(absolute, "corrections-policy"),
    }


def _policy_url(absolute, slug) -> str:
    return absolute(reverse("newsroom:page-detail", kwargs={"slug": slug}))


def website(absolute) -> dict:
    """The site, with the search box that search engines may offer."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "description": settings.SITE_TAGLINE,
        "url": absolute("/"),
        "inLanguage": "en",
        "publisher": organization(absolute),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("newsroom:search"))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(absolute, trail) -> dict:
    """A BreadcrumbList from (name, path) pairs, the home page first."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


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


def article(article, absolute, *, images=(), review=None) -> dict:
    """NewsArticle with Google's recommended properties: headline, image,
    dates, authors with URLs and the publisher. A scored review of a series is
    a ReviewNewsArticle: the same, plus the show, the rating and the verdict."""
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
    if review is not None:
        from reviews.structured import review_properties

        rated = review_properties(review, absolute)
        if rated:
            data["@type"] = "ReviewNewsArticle"
            data.update(rated)
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


def tv_series_ref(series, absolute) -> dict:
    return {
        "@type": "TVSeries",
        "name": series.title,
        "url": absolute(series.get_absolute_url()),
    }


SERIES_TYPES = {"film": "Movie"}


def tv_series(series, absolute, *, image="", studios=(), directors=()) -> dict:
    """A series page's own entry: TVSeries, or Movie for films."""
    data = {
        "@context": CONTEXT,
        "@type": SERIES_TYPES.get(series.format, "TVSeries"),
        "name": series.title,
        "url": absolute(series.get_absolute_url()),
        "inLanguage": "ja",
    }
    alternate = [
        name
        for name in (series.title_japanese, series.title_romaji, *series.alias_list)
        if name and name != series.title
    ]
    if alternate:
        data["alternateName"] = alternate
    if series.synopsis:
        data["description"] = series.synopsis
    if image:
        data["image"] = absolute(image)
    if series.premiere_date:
        key = "datePublished" if data["@type"] == "Movie" else "startDate"
        data[key] = series.premiere_date.isoformat()
    if series.end_date and data["@type"] == "TVSeries":
        data["endDate"] = series.end_date.isoformat()
    if series.episode_count and data["@type"] == "TVSeries":
        data["numberOfEpisodes"] = series.episode_count
    if studios:
        data["productionCompany"] = linked("Organization", studios, absolute)
    if directors:
        data["director"] = linked("Person", directors, absolute)
    return data


def linked(kind, objects, absolute) -> list:
    """Named things with pages of their own (studios, people), as references."""
    return [
        {"@type": kind, "name": str(obj), "url": absolute(obj.get_absolute_url())}
        for obj in objects
    ]


def person(person, absolute, *, image="") -> dict:
    """A credited person's page."""
    data = {
        "@context": CONTEXT,
        "@type": "Person",
        "name": person.name,
        "url": absolute(person.get_absolute_url()),
    }
    alternate = [name for name in (person.native_name, *lines(person.aliases)) if name]
    if alternate:
        data["alternateName"] = alternate
    if person.bio:
        data["description"] = person.bio
    if image:
        data["image"] = absolute(image)
    return data


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


def page_meta(request, *, image=None, alt="", data=()) -> dict:
    """Template context for a page's social card and structured data."""
    meta = {"structured_data": [entry for entry in data if entry]}
    social = social_image_url(image)
    if social:
        meta["og_image"] = sitewide.absolute_url(social)
        meta["og_image_alt"] = alt or image.alt_text
    return meta


def home_trail(*steps) -> list:
    """(name, path) pairs for a breadcrumb trail starting at the home page."""
    return [(settings.SITE_NAME, reverse("newsroom:home")), *steps]
