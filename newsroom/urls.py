"""Root URLs: the admin, then each app's reader pages."""

from django.conf import settings
from django.contrib import admin
from django.http import Http404
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from django.views.static import serve

from newsroom import discovery


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
    path("admin/account/", include("newsroom.accounts.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", FaviconView.as_view()),
    path("robots.txt", discovery.robots_txt, name="robots-txt"),
    path("sitemap.xml", discovery.sitemap_index, name="sitemap-index"),
    path(
        "sitemap-<slug:section>.xml", discovery.sitemap_section, name="sitemap-section"
    ),
    path("", include("newsroom.app_urls")),
    path("", include("series.urls")),
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

handler400 = "newsroom.errors.bad_request"
handler403 = "newsroom.errors.permission_denied"
handler500 = "newsroom.errors.server_error"
