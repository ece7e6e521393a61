"""Root URLs: the admin, then each app's reader pages, composed."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from django.views.static import serve

from newsroom.articles import urls as article_urls
from newsroom.articles.coverage import SeriesCoverageView
from newsroom.kernel.pages import with_query
from newsroom.kernel.sitewide import urls as sitewide_urls
from newsroom.merch import urls as merch_urls
from newsroom.site import discovery
from series import urls as series_urls

# The site composes URL namespaces from several apps: "newsroom" holds the
# articles' pages plus standing pages and the merch redirect; "series" holds
# the encyclopedia plus a series' coverage (an articles page).
NEWSROOM_URLS = [
    *article_urls.urlpatterns,
    *sitewide_urls.urlpatterns,
    *merch_urls.urlpatterns,
]
SERIES_URLS = [
    *series_urls.urlpatterns,
    path(
        "series/<slug:slug>/coverage/",
        SeriesCoverageView.as_view(),
        name="series-coverage",
    ),
]


#: Admin pages whose models left the "newsroom" app for an app of their own;
#: their old addresses (bookmarks, links in old messages) still lead there.
MOVED_ADMIN_MODELS = {
    "image": "media",
    "merchitem": "merch",
    "retailer": "merch",
    "banner": "sitewide",
    "page": "sitewide",
}


class MovedAdminView(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, model, rest, **kwargs):
        url = f"/admin/{MOVED_ADMIN_MODELS[model]}/{model}/{rest}"
        return with_query(url, self.request)


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico; the icon lives in static files."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


admin.site.site_header = f"{settings.SITE_NAME} newsroom"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Newsroom"

urlpatterns = [
    # Before the admin's own URLs, which answer everything under admin/.
    path("admin/account/", include("newsroom.kernel.accounts.urls")),
    re_path(
        rf"^admin/newsroom/(?P<model>{'|'.join(MOVED_ADMIN_MODELS)})/(?P<rest>.*)$",
        MovedAdminView.as_view(),
    ),
    path("admin/", admin.site.urls),
    path("favicon.ico", FaviconView.as_view()),
    path("robots.txt", discovery.robots_txt, name="robots-txt"),
    path("sitemap.xml", discovery.sitemap_index, name="sitemap-index"),
    path(
        "sitemap-<slug:section>.xml", discovery.sitemap_section, name="sitemap-section"
    ),
    path("", include((NEWSROOM_URLS, "newsroom"))),
    path("", include((SERIES_URLS, "series"))),
    path("", include("reviews.urls")),
]


@cache_control(public=True, max_age=60 * 60 * 24)
def serve_media(request, path):
    """Uploaded media, when the site serves it itself (the demo, the judges).
    A name the file system cannot even look up (too long) is not found."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as exc:
        raise Http404("No such file.") from exc


if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", serve_media)
    )

handler400 = "newsroom.kernel.errors.bad_request"
handler403 = "newsroom.kernel.errors.permission_denied"
handler500 = "newsroom.kernel.errors.server_error"
