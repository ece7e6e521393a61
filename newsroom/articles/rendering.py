"""Keeping stored article HTML current, and the background tasks that do it.

Cards and boxes are baked into the HTML on save (pages never render a body).
When an embedded thing changes, the articles that show it are rendered again;
when something a body shows runs out by itself (an image's rights, a merch
item's window), a task queued for that moment renders it again, so a
reader's request never has to write.
"""

from django_tasks import task

from newsroom.kernel.tasks import queue_after_commit

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
        rerender_when_it_expires(article)
        count += 1
    return count


def rerender_if_stale(*, article_id: int) -> bool:
    """Render one article again if its stored body has gone stale; False when
    it is gone or still current."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or not article.body_is_stale():
        return False
    article.rerender()
    rerender_when_it_expires(article)
    return True


def rerender_when_it_expires(article: Article) -> None:
    """Queue the re-render of ``article`` for the moment its stored body
    expires, if it ever does."""
    if article.render_valid_until is not None:
        queue_after_commit(
            rerender_stale_article.using(run_after=article.render_valid_until),
            article_id=article.pk,
        )


def article_saved(sender, instance, **kwargs) -> None:
    """post_save of an article (cache upkeep): its new body may expire."""
    rerender_when_it_expires(instance)


@task()
def refresh_embeds(*, key: str) -> int:
    """Re-render the articles whose bodies embed ``key``."""
    return refresh_embedding_articles(key=key)


@task()
def rerender_stale_article(*, article_id: int) -> bool:
    """Render an article whose stored body has expired."""
    return rerender_if_stale(article_id=article_id)
