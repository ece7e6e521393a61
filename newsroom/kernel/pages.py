"""What every reader page's view shares: cache headers, safe pagination,
breadcrumbs and social-card metadata."""

from django.utils.cache import patch_cache_control

from . import structured
from .freshness import public_max_age
from .media.pictures import social_image_url
from .sitewide.selectors import absolute_url


class PublicCacheMixin:
    """Let browsers and a CDN keep reader pages briefly, but never past the
    moment a scheduled article is due to appear."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=public_max_age())
        return response


class SafePaginationMixin:
    """get_page turns "?page=abc" or "?page=999" into a real page, never an error."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        # The canonical address names the page served, not the one asked for.
        self.request.served_page = page.number
        return paginator, page, page.object_list, page.has_other_pages()


def with_query(url: str, request) -> str:
    """``url`` with the request's query string, so ?page=2 survives a redirect."""
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


def trail_meta(request, *steps, data=(), image=None, alt="") -> dict:
    """Page metadata with a breadcrumb trail from the home page through steps."""
    crumbs = structured.breadcrumbs(absolute_url, structured.home_trail(*steps))
    return structured.page_meta(request, image=image, alt=alt, data=[*data, crumbs])


def portrait_meta(request, someone, name, describe) -> dict:
    """Metadata of a page about a person: their photo as the social card, and
    ``describe(someone, absolute, image=…)`` as its structured data."""
    data = describe(someone, absolute_url, image=social_image_url(someone.photo))
    return trail_meta(
        request,
        (name, someone.get_absolute_url()),
        image=someone.photo,
        alt=name,
        data=[data],
    )
