from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import merch, services  # noqa: F401 (merch registers its embed)
        from .models import Article

        # Cache upkeep only: any article write may change the next scheduled time.
        def forget(**kwargs):
            services.forget_next_scheduled()

        from . import sitewide
        from .models import Banner, Page

        for model in (Banner, Page):
            post_save.connect(
                sitewide.forget, sender=model, dispatch_uid=f"site-{model}"
            )
            post_delete.connect(
                sitewide.forget, sender=model, dispatch_uid=f"del-{model}"
            )
        post_save.connect(forget, sender=Article, dispatch_uid="next-scheduled-save")
        post_delete.connect(forget, sender=Article, dispatch_uid="next-scheduled-del")
