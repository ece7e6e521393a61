"""Standing pages, and closing the promotion banner."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView

from newsroom.kernel.pages import PublicCacheMixin, trail_meta
from newsroom.kernel.text import positive_ints

from .models import Page


# No CSRF token: the form sits on every public page, and a token would give
# each page a cookie and a per-reader secret that no shared cache may keep.
# A forged request can do no more than hide a promotion from its victim.
@csrf_exempt
@require_POST
def banner_dismiss(request, banner_id):
    """Remember, in a cookie, that this reader closed the banner."""
    dismissed = dismissed_banners(request)
    dismissed.add(banner_id)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        BANNER_COOKIE,
        ",".join(str(pk) for pk in sorted(dismissed)[-20:]),
        max_age=60 * 60 * 24 * 60,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


BANNER_COOKIE = "shimbun_dismissed"


def dismissed_banners(request) -> set[int]:
    """The banners this reader closed; a cookie they edited by hand counts for
    what can still be read in it."""
    return set(positive_ints(request.COOKIES.get(BANNER_COOKIE)))


class PageDetailView(PublicCacheMixin, DetailView):
    """A standing page: editorial policy, disclosures, contact."""

    model = Page
    template_name = "newsroom/page_detail.html"
    context_object_name = "page"

    def get_context_data(self, **kwargs):
        page = self.object
        meta = trail_meta(self.request, (page.title, page.get_absolute_url()))
        return super().get_context_data(**meta, **kwargs)
