"""schema.org JSON-LD shared by every reader page: the outlet, the site,
breadcrumbs, and the page-metadata helpers. Apps add their own types in their
``structured.py`` (articles, series, reviews).

Each function takes ``absolute``, which turns a site path into a full URL, and
returns one plain dict; the base template writes every dict in the page's
``structured_data`` list into its own script element.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from .media.pictures import social_image_url
from .sitewide.selectors import absolute_url

CONTEXT = "https://schema.org"
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


def linked(kind, objects, absolute) -> list:
    """Named things with pages of their own (studios, people), as references."""
    return [
        {"@type": kind, "name": str(obj), "url": absolute(obj.get_absolute_url())}
        for obj in objects
    ]


def page_meta(request, *, image=None, alt="", data=()) -> dict:
    """Template context for a page's social card and structured data."""
    meta = {"structured_data": [entry for entry in data if entry]}
    social = social_image_url(image)
    if social:
        meta["og_image"] = absolute_url(social)
        meta["og_image_alt"] = alt or image.alt_text
    return meta


def home_trail(*steps) -> list:
    """(name, path) pairs for a breadcrumb trail starting at the home page."""
    return [(settings.SITE_NAME, reverse("newsroom:home")), *steps]
