"""Background tasks of the articles app."""

from django_tasks import task

from . import rendering


@task()
def refresh_embeds(*, key: str) -> int:
    """Re-render the articles whose bodies embed ``key``."""
    return rendering.refresh_embedding_articles(key=key)


@task()
def rerender_article(*, article_id: int) -> bool:
    """Render one article's stored body again (its embeds' validity ran out)."""
    return rendering.rerender_article(article_id=article_id)
