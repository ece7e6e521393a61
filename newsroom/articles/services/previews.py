"""Preview links: a signed, expiring address to show a draft to someone
without an account."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.kernel.audit import log as audit

from ..models import (
    Article,
    PreviewLink,
)
from .workflow import is_editor, is_owner


def can_share(user, article: Article) -> bool:
    """Sending an unpublished piece outside the newsroom is an editor's call,
    or its author's for their own piece; other writers may read it, not leak it."""
    if not user.has_perm("newsroom.view_article"):
        return False
    return is_editor(user) or is_owner(user, article)


@transaction.atomic
def preview_link_create(*, article: Article, user) -> PreviewLink:
    """A secret link that shows this article to anyone, until it expires."""
    if not can_share(user, article):
        raise PermissionDenied(
            "Only editors and the article's authors can share a preview link."
        )
    link = PreviewLink.objects.create(article=article, created_by=user)
    audit.record(
        user=user,
        action="preview_link_create",
        obj=article,
        detail=f"Link {link.pk}, valid until {link.expires_at:%Y-%m-%d %H:%M %Z}",
    )
    return link


@transaction.atomic
def preview_link_revoke(*, link: PreviewLink, user) -> PreviewLink:
    """Stop a preview link from working (editors, or whoever made it)."""
    if not (is_editor(user) or link.created_by_id == user.pk):
        raise PermissionDenied("Only editors or the link's creator can revoke it.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit.record(
            user=user,
            action="preview_link_revoke",
            obj=link.article,
            detail=f"Link {link.pk}",
        )
    return link
