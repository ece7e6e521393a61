from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import services
        from .models import Article

        # Cache upkeep only: any article write may change the next scheduled time.
        def forget(**kwargs):
            services.forget_next_scheduled()

        post_save.connect(forget, sender=Article, dispatch_uid="next-scheduled-save")
        post_delete.connect(forget, sender=Article, dispatch_uid="next-scheduled-del")
