"""Re-rendering articles later, in a background task."""

from functools import partial

from newsroom.kernel.tasks import queue_after_commit

from .. import rendering
from ..rendering import refresh_embedding_articles


def refresh_embedding_articles_later(*, key: str) -> None:
    """Re-render the articles that embed ``key`` in a background task, once
    the current transaction has committed (here and now if the queue is down)."""
    queue_after_commit(
        rendering.refresh_embeds,
        key=key,
        fallback=partial(refresh_embedding_articles, key=key),
    )


def refresh_for_change(*, key: str, later: bool = True) -> None:
    """What articles do when something their bodies may embed has changed
    (registered in ``kernel.extensions.CONTENT_CHANGED``)."""
    if later:
        refresh_embedding_articles_later(key=key)
    else:
        refresh_embedding_articles(key=key)
