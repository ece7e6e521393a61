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
        self.connect_search_upkeep()

    def connect_search_upkeep(self):
        """Keep articles' stored search vectors current when the names they
        carry change (the row's own text is handled by Article.save)."""
        from django.db.models.signals import m2m_changed, post_save
        from taggit.models import Tag

        from series.models import Person, Series

        from . import search
        from .models import Article, Author

        for through in (
            Article.series.through,
            Article.people.through,
            Article.authors.through,
            Article.tags.through,
        ):
            m2m_changed.connect(
                search.relations_changed,
                sender=through,
                dispatch_uid=f"search-m2m-{through._meta.label}",
            )
        for model in (Series, Person, Author, Tag):
            post_save.connect(
                search.name_changed,
                sender=model,
                dispatch_uid=f"search-name-{model._meta.label}",
            )
