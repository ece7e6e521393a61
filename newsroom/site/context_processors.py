from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static

from newsroom.articles.models import Section
from newsroom.kernel import structured
from newsroom.kernel.sitewide import selectors as sitewide
from newsroom.kernel.sitewide.views import dismissed_banners


def site(request):
    """Site name, navigation, footer pages and the promotion banner."""

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_sections": Section.objects.navigation(),
        "footer_pages": sitewide.footer_pages(),
        "banner": sitewide.current_banner(dismissed_banners(request)),
        "canonical_url": canonical_url(request),
        "og_image": sitewide.absolute_url(static(structured.DEFAULT_IMAGE)),
        "og_image_alt": f"{settings.SITE_NAME}: {settings.SITE_TAGLINE}",
        "structured_data": [],
    }


#: Query parameters that make a different page (the rest are filters or noise).
CANONICAL_PARAMS = ("q", "page")


def canonical_url(request) -> str:
    """This page's address without tracking or filter parameters; a first page
    has no ?page=1."""
    kept = []
    for name in CANONICAL_PARAMS:
        value = request.GET.get(name, "").strip()
        if name == "page":
            served = getattr(request, "served_page", 1)
            value = str(served) if served > 1 else ""
        if value:
            kept.append((name, value))
    url = sitewide.absolute_url(request.path)
    return f"{url}?{urlencode(kept)}" if kept else url
