"""What crawlers read: the sitemap index, each sitemap, and robots.txt."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .sitemaps import SITEMAPS

SITEMAP_SECONDS = 15 * 60


@cache_control(public=True, max_age=SITEMAP_SECONDS)
def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap-section")


@cache_control(public=True, max_age=SITEMAP_SECONDS)
def sitemap_section(request, section):
    template = "sitemaps/news.xml" if section == "news" else "sitemaps/urlset.xml"
    return sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name=template
    )


#: Paths no crawler needs: the admin, tracked shop links, previews, forms.
DISALLOWED = ["/admin/", "/go/", "/preview/", "/banner/"]


@require_GET
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    base = f"{request.scheme}://{request.get_host()}"
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {base}{reverse('sitemap-index')}")
    lines.append(f"Sitemap: {base}{reverse('sitemap-section', args=['news'])}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
