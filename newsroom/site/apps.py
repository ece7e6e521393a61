from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site: settings, root URLs, pages composed from several apps, roles
    and the demo newsroom."""

    name = "newsroom.site"
    label = "site"
    verbose_name = "Site"
