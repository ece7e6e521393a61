from django.conf import settings

from . import sitewide
from .models import Section


def site(request):
    """Site name, navigation, footer pages and the promotion banner."""
    from .views import dismissed_banners

    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_sections": Section.objects.navigation(),
        "footer_pages": sitewide.footer_pages(),
        "banner": sitewide.current_banner(dismissed_banners(request)),
    }
