from django.conf import settings

from .models import Section


def site(request):
    """Site name and navigation, shared by every reader page."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "nav_sections": Section.objects.navigation(),
    }
