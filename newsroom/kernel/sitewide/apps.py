from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """Standing pages and the promotion banner, shown on every reader page."""

    name = "newsroom.kernel.sitewide"
    label = "sitewide"
    verbose_name = "Site-wide"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import selectors
        from .models import Banner, Page

        # Cache upkeep only: banners and footer pages are cached between edits.
        for model in (Banner, Page):
            for signal in (post_save, post_delete):
                signal.connect(
                    selectors.forget,
                    sender=model,
                    dispatch_uid=f"sitewide-{model.__name__}-{signal is post_save}",
                )
