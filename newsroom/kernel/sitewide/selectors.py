"""Things every public page shows, kept in the cache between edits."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import Banner, Page

BANNERS_KEY = "newsroom:banners"
FOOTER_KEY = "newsroom:footer-pages"
PAGES_KEY = "newsroom:standing-pages"


def absolute_url(location: str) -> str:
    """A full address on the public site. Built from SITE_URL, not from the
    request's Host, so canonical links, sitemaps and feeds name one site
    however a page was reached (apex or www, an internal name, a proxy)."""
    if location.startswith("/") and not location.startswith("//"):
        return settings.SITE_URL + location
    return location


def current_banner(dismissed: set[int]):
    """The newest running banner this reader has not closed, if any."""
    banners = cache.get(BANNERS_KEY)
    if banners is None:
        now = timezone.now()
        banners = list(Banner.objects.not_over(now).order_by("-starts_at"))
        cache.set(BANNERS_KEY, banners, 3600)
    now = timezone.now()
    for banner in banners:
        if banner.pk in dismissed:
            continue
        if banner.starts_at <= now and (banner.ends_at is None or banner.ends_at > now):
            return banner
    return None


def footer_pages():
    pages = cache.get(FOOTER_KEY)
    if pages is None:
        pages = [
            (page.title, page.get_absolute_url())
            for page in Page.objects.filter(in_footer=True).only("title", "slug")
        ]
        cache.set(FOOTER_KEY, pages, 3600)
    return pages


def page_urls() -> dict[str, str]:
    """Every standing page's address by slug, so links to a policy page appear
    only while that page exists."""
    urls = cache.get(PAGES_KEY)
    if urls is None:
        urls = {
            page.slug: page.get_absolute_url() for page in Page.objects.only("slug")
        }
        cache.set(PAGES_KEY, urls, 3600)
    return urls


def forget(**kwargs):
    cache.delete_many([BANNERS_KEY, FOOTER_KEY, PAGES_KEY])
