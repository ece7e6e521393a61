from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    """Articles, bylines, sections, workflow, revisions, previews, corrections,
    the body renderer, feeds, sitemaps and search.

    Its label stays "newsroom" (tables, permissions and admin addresses such
    as /admin/newsroom/article/ are named after it).
    """

    name = "newsroom.articles"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from taggit.models import Tag

        from newsroom.kernel.extensions import CONTENT_CHANGED, NEXT_CHANGES
        from series.extensions import (
            PERSON_PAGE_PANELS,
            SERIES_PAGE_PANELS,
            STUDIO_PAGE_PANELS,
        )
        from series.models import Person, Series

        from . import coverage, rendering, scheduling, search
        from .body.builtin import register_builtin_embeds
        from .body.pickers import BUILTIN_PICKERS
        from .extensions import EMBED_PICKERS
        from .models import Article, Author
        from .services.rendering import refresh_for_change

        register_builtin_embeds()
        for picker in BUILTIN_PICKERS:
            EMBED_PICKERS.register(picker)
        NEXT_CHANGES.register(scheduling.next_scheduled_publish)
        CONTENT_CHANGED.register(refresh_for_change)
        SERIES_PAGE_PANELS.register(coverage.series_panel)
        PERSON_PAGE_PANELS.register(coverage.person_panel)
        STUDIO_PAGE_PANELS.register(coverage.studio_panel)

        # Signals only for cache upkeep: the next scheduled time, the stored
        # search vectors, and a stored body whose embeds expire.
        for signal in (post_save, post_delete):
            signal.connect(
                scheduling.forget_on_change,
                sender=Article,
                dispatch_uid=f"next-scheduled-{signal is post_save}",
            )
        post_save.connect(
            rendering.article_saved,
            sender=Article,
            dispatch_uid="rerender-when-stale",
        )
        post_save.connect(search.article_saved, sender=Article, dispatch_uid="search")
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
