"""What crawlers read: the sitemap index, each sitemap, and robots.txt."""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from newsroom.articles.sitemaps import SITEMAPS
from newsroom.kernel.freshness import public_max_age
from newsroom.kernel.sitewide import selectors as sitewide

SITEMAP_SECONDS = 15 * 60


def crawler_cache(view):
    """Crawlers may keep a sitemap a while, but never past a scheduled article."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        max_age = public_max_age(default=SITEMAP_SECONDS)
        patch_cache_control(response, public=True, max_age=max_age)
        return response

    return cached


@crawler_cache
@require_safe
def sitemap_index(request):
    """Every page of every sitemap, each with its own lastmod."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = sitewide.absolute_url(reverse("sitemap-section", args=[section]))
        for page, lastmod in enumerate(sitemap.page_lastmods(), start=1):
            location = url if page == 1 else f"{url}?p={page}"
            entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
    )


@crawler_cache
def sitemap_section(request, section):
    template = "sitemaps/news.xml" if section == "news" else "sitemaps/urlset.xml"
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name=template
    )


#: Paths no crawler needs: the admin, tracked shop links, previews, forms.
DISALLOWED = ["/admin/", "/go/", "/preview/", "/banner/"]


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    for sitemap in [
        reverse("sitemap-index"),
        reverse("sitemap-section", args=["news"]),
    ]:
        lines.append(f"Sitemap: {sitewide.absolute_url(sitemap)}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
