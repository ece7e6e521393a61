"""Keeping stored article HTML current when what it embeds changes.

Cards and boxes are baked into the HTML on save (pages never render a body);
when an embedded thing changes, the articles that show it are rendered again.
"""

from .models import Article


def refresh_embedding_articles(*, key: str) -> int:
    """Re-render the stored HTML of every article that embeds ``key``.

    Cards and boxes are baked into the HTML on save; when what they show
    changes (an article unpublished, an image re-captioned), the articles that
    show them are rendered again, and broken embeds drop out.
    """
    count = 0
    for article in Article.objects.filter(embed_keys__contains=f" {key} "):
        article.rerender()
        count += 1
    return count


def rerender_article(*, article_id: int) -> bool:
    """Render one article again if its stored body has gone stale; False when
    it is gone or still current."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.body_is_stale():
        return False
    article.rerender()
    return True
