"""Creating and editing articles: the one way an article's fields are saved.

The admin, the demo loader and tests all come through here, so every save
keeps a revision, bumps the version that guards against lost updates, fills a
missing byline, re-renders the articles that embed this one and leaves an
audit entry, whoever makes it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from newsroom.kernel.audit import log as audit

from .. import scheduling
from ..models import Article, Author
from ..rendering import refresh_embedding_articles
from .autosave import autosave_clear
from .corrections import article_sync_revised_at
from .revisions import article_record_revision
from .workflow import can_delete, can_edit, is_editor


@dataclass(frozen=True)
class ArticleRelations:
    """What a save sets beyond the article's own row. A relation left None
    stays as it is; ``save_related`` saves whatever a form holds besides
    (the admin's bylines, tags and inline boxes such as corrections or a
    review's score), once the row exists."""

    authors: Iterable | None = None
    series: Iterable | None = None
    people: Iterable | None = None
    tags: Iterable[str] | None = None
    save_related: Callable[[], object] | None = None

    def apply(self, article: Article) -> None:
        for name in ("authors", "series", "people"):
            if getattr(self, name) is not None:
                getattr(article, name).set(getattr(self, name))
        if self.tags is not None:
            article.tags.set(list(self.tags))
        if self.save_related is not None:
            self.save_related()


def _after_save(
    article: Article,
    *,
    user,
    relations: ArticleRelations | None,
    note: str,
    action: str,
) -> None:
    """What every save does once the row is stored: relations, a byline if it
    has none, the corrections' date, a revision, the articles that embed this
    one re-rendered, and the audit entry."""
    if relations is not None:
        relations.apply(article)
    if user is not None and not article.authors.exists():
        # Saved without a byline: signed by whoever saved it, if they write.
        author = Author.objects.filter(user=user).first()
        if author is not None:
            article.authors.add(author)
    article_sync_revised_at(article=article)
    article_record_revision(article=article, user=user, note=note)
    # What the user typed is saved now: their autosave of this form goes (for
    # a new article, their copy of the "add" form).
    autosave_clear(user=user, article=article if action == "article_update" else None)
    refresh_embedding_articles(key=f"article:{article.pk}")
    audit.record(user=user, action=action, obj=article, detail=note)


@transaction.atomic
def article_create(
    *,
    article: Article,
    user,
    relations: ArticleRelations | None = None,
    note: str = "",
    written_at: datetime | None = None,
) -> Article:
    """Save a new article with its relations and keep its first revision.

    ``user`` None is the system (a management command such as the demo
    loader). Only editors and the system may create an article that is not a
    draft. ``written_at`` back-dates imported pieces (created and updated then).
    """
    if user is not None:
        if not user.has_perm("newsroom.add_article"):
            raise PermissionDenied("You cannot write articles.")
        if article.status != Article.Status.DRAFT and not is_editor(user):
            raise PermissionDenied("Only editors can create a published article.")
        article.created_by = user
    article.save()
    _after_save(
        article, user=user, relations=relations, note=note, action="article_create"
    )
    if written_at is not None:
        article.created_at = article.updated_at = written_at
        Article.objects.filter(pk=article.pk).update(
            created_at=written_at, updated_at=written_at
        )
    return article


@transaction.atomic
def article_update(
    *,
    article: Article,
    user,
    relations: ArticleRelations | None = None,
    note: str = "",
) -> Article:
    """Save an edited article: its row (with the version raised by one, so a
    form opened before this save is refused), its relations and a revision.

    The first edit of an article made outside this service (an import) first
    keeps the article as it was, so the revision history starts from there.
    """
    stored = Article.objects.get(pk=article.pk)
    if not can_edit(user, stored):
        raise PermissionDenied("You cannot edit this article.")
    if not article.revisions.exists():
        article_record_revision(
            article=stored,
            user=None,
            note="As it was before the first recorded edit",
        )
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db(fields=["version"])
    _after_save(
        article, user=user, relations=relations, note=note, action="article_update"
    )
    return article


@transaction.atomic
def article_delete(*, article: Article, user) -> None:
    """Delete an article with its own history (workflow log, revisions,
    corrections, preview links, score box). The audit log keeps a line that
    it existed, and articles that embedded it are re-rendered without it."""
    stored = Article.objects.select_for_update().get(pk=article.pk)
    if not can_delete(user, stored):
        raise PermissionDenied("You cannot delete this article.")
    key = f"article:{stored.pk}"
    audit.record(
        user=user,
        action="article_delete",
        obj=stored,
        detail=f"“{stored.title}” ({stored.state_label.lower()}), /{stored.slug}/",
    )
    stored.delete()
    scheduling.forget_next_scheduled()
    refresh_embedding_articles(key=key)
