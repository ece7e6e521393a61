"""Workflow moves: submit, approve, schedule, publish, send back, unpublish.

Admin views, actions and management commands call these and never repeat
their steps: each checks permission and state, validates, saves and records
the audit trail in one transaction. The server is the only judge of what a
user may do; buttons merely mirror ``available_moves``.
"""

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import partial, update_wrapper

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsroom.kernel.audit import log as audit

from .. import scheduling
from ..extensions import ARTICLE_MOVED, PUBLISH_CHECKS
from ..models import (
    Article,
    Transition,
)
from ..rendering import refresh_embedding_articles

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "newsroom.publish_article"

Status = Article.Status


@dataclass(frozen=True)
class Move:
    """A workflow move: from which states, to which, and who may make it."""

    name: str
    label: str
    sources: frozenset[str]
    editor_only: bool
    needs_comment: bool = False
    needs_time: bool = False
    owner_only: bool = False


# States as editors see them: a published article with a future time is
# "scheduled" (visibility is decided at read time, so no job has to flip it).
DRAFT, IN_REVIEW, APPROVED = "draft", "in_review", "approved"
SCHEDULED, PUBLISHED, UNPUBLISHED = "scheduled", "published", "unpublished"

MOVES = {
    move.name: move
    for move in [
        Move("submit", "Submit for review", frozenset({DRAFT, UNPUBLISHED}), False),
        Move(
            "withdraw",
            "Withdraw from review",
            frozenset({IN_REVIEW}),
            False,
            owner_only=True,
        ),
        Move(
            "send_back",
            "Send back to the writer",
            frozenset({IN_REVIEW, APPROVED, SCHEDULED}),
            True,
            needs_comment=True,
        ),
        Move("approve", "Approve", frozenset({IN_REVIEW}), True),
        Move(
            "schedule",
            "Schedule",
            frozenset({IN_REVIEW, APPROVED, SCHEDULED}),
            True,
            needs_time=True,
        ),
        Move(
            "publish",
            "Publish now",
            frozenset({DRAFT, IN_REVIEW, APPROVED, SCHEDULED, UNPUBLISHED}),
            True,
        ),
        Move("unpublish", "Unpublish", frozenset({PUBLISHED, SCHEDULED}), True),
        Move("reopen", "Reopen as a draft", frozenset({UNPUBLISHED}), False),
    ]
}


def effective_state(article: Article) -> str:
    return SCHEDULED if article.is_scheduled else article.status


def is_editor(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_owner(user, article: Article) -> bool:
    """Whether the user wrote the article: created it, or holds one of its bylines."""
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.authors.filter(user=user).exists()


def can_edit(user, article: Article) -> bool:
    """Editors edit anything; writers only their own drafts."""
    if not user.has_perm("newsroom.change_article"):
        return False
    if is_editor(user):
        return True
    return article.status == Status.DRAFT and is_owner(user, article)


def can_delete(user, article: Article) -> bool:
    """Editors delete anything; writers only their own drafts."""
    if not user.has_perm("newsroom.delete_article"):
        return False
    if is_editor(user):
        return True
    return article.status == Status.DRAFT and is_owner(user, article)


def available_moves(user, article: Article) -> list[Move]:
    """The moves this user may make on this article now."""
    state = effective_state(article)
    if not user.has_perm("newsroom.change_article"):
        return []
    editor = is_editor(user)
    owner = None
    moves = []
    for move in MOVES.values():
        if state not in move.sources:
            continue
        if move.editor_only and not editor:
            continue
        if move.owner_only or not editor:
            owner = is_owner(user, article) if owner is None else owner
            if not owner:
                continue
        moves.append(move)
    return moves


def publish_problems(article: Article) -> list[str]:
    """What stops this article from going out; other apps (reviews) add their
    checks through ``extensions.PUBLISH_CHECKS``."""
    problems = []
    if not article.body.strip():
        problems.append("The body is empty.")
    if not article.authors.exists():
        problems.append("The article has no byline.")
    problems.extend(PUBLISH_CHECKS.flattened(article))
    return problems


def _check_time(article: Article, when: datetime, *, now: datetime) -> None:
    if article.embargo_until and when < article.embargo_until:
        local = timezone.localtime(article.embargo_until)
        raise ValidationError(
            f"This article is under embargo until {local:%d %b %Y %H:%M %Z}; "
            "it cannot appear before then."
        )


@transaction.atomic
def article_transition(
    *,
    article: Article,
    user,
    action: str,
    comment: str = "",
    at: datetime | None = None,
) -> Article:
    """Make one workflow move, or refuse it with PermissionDenied/ValidationError."""
    move = MOVES.get(action)
    if move is None:
        raise ValidationError(f"Unknown action “{action}”.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    state = effective_state(article)
    if move not in available_moves(user, article):
        if state not in move.sources:
            raise ValidationError(
                f"“{move.label}” is not possible while the article is "
                f"{article.state_label.lower()}."
            )
        raise PermissionDenied(f"You are not allowed to “{move.label.lower()}”.")
    comment = (comment or "").strip()
    if move.needs_comment and not comment:
        raise ValidationError("Say what needs to change: a comment is required.")
    now = timezone.now()
    previous = article.status
    fields = ["status", "updated_at", "version"]

    if move.name in {"approve", "schedule"} and (at or move.needs_time):
        if at is None:
            raise ValidationError("Choose when the article should appear.")
        if at <= now:
            raise ValidationError("A scheduled time must be in the future.")
        _check_time(article, at, now=now)
        _refuse_problems(article)
        article.status, article.publish_at = Status.PUBLISHED, at
        fields.append("publish_at")
    elif move.name == "publish":
        _check_time(article, now, now=now)
        _refuse_problems(article)
        if article.publish_at is None or article.publish_at > now:
            article.publish_at = now
            fields.append("publish_at")
        article.status = Status.PUBLISHED
    else:
        article.status = {
            "submit": Status.IN_REVIEW,
            "withdraw": Status.DRAFT,
            "send_back": Status.DRAFT,
            "approve": Status.APPROVED,
            "unpublish": Status.UNPUBLISHED,
            "reopen": Status.DRAFT,
        }[move.name]
        if previous == Status.PUBLISHED and state == SCHEDULED:
            # A cancelled schedule forgets its time; a real publication keeps its date.
            article.publish_at = None
            fields.append("publish_at")

    article.version = F("version") + 1
    article.save(update_fields=fields)
    article.refresh_from_db()
    transition = Transition.objects.create(
        article=article,
        user=user,
        action=move.name,
        from_status=previous,
        to_status=article.status,
        comment=comment,
        publish_at=article.publish_at if article.status == Status.PUBLISHED else None,
    )
    audit.record(
        user=user,
        action=f"article_{move.name}",
        obj=article,
        detail=f"{previous} → {article.status}" + (f": {comment}" if comment else ""),
    )
    scheduling.forget_next_scheduled()
    refresh_embedding_articles(key=f"article:{article.pk}")
    # Once the move is committed; a failing listener is logged, never undoes it.
    for listener in ARTICLE_MOVED:
        announce = update_wrapper(partial(listener, transition=transition), listener)
        transaction.on_commit(announce, robust=True)
    return article


def _refuse_problems(article: Article) -> None:
    problems = publish_problems(article)
    if problems:
        raise ValidationError(["It cannot be published yet:", *problems])
