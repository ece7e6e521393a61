from django.apps import AppConfig


class MerchConfig(AppConfig):
    """Affiliate merch: retailers, items, blocks in articles, click counts."""

    name = "newsroom.merch"
    label = "merch"
    verbose_name = "Affiliate merch"

    def ready(self):
        from newsroom.articles.extensions import (
            ARTICLE_PAGE_CONTEXT,
            EMBED_PICKERS,
            FEED_CONTENT_PREFIX,
        )

        from . import blocks, disclosure

        blocks.register_embed()
        EMBED_PICKERS.register(blocks.PICKER)
        ARTICLE_PAGE_CONTEXT.register(disclosure.article_shop)
        FEED_CONTENT_PREFIX.register(disclosure.feed_disclosure)
