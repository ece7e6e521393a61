"""Corrections and updates: dated notes shown on the article and in feeds."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from newsroom.kernel.audit import log as audit

from ..models import (
    Article,
    Correction,
)
from .workflow import is_editor


def article_sync_revised_at(*, article: Article) -> Article:
    """Move the article's modified date to its newest correction or update."""
    newest = article.corrections.aggregate(at=Max("created_at"))["at"]
    article.revised_at, article.updated_at = newest, timezone.now()
    Article.objects.filter(pk=article.pk).update(
        revised_at=newest, updated_at=article.updated_at
    )
    return article


@transaction.atomic
def article_add_correction(
    *,
    article: Article,
    user,
    note: str,
    kind: str = Correction.Kind.UPDATE,
    at: datetime | None = None,
) -> Correction:
    """Append a dated correction or update note (editors only); ``at`` is the
    date readers see, now unless the editor gave another."""
    if not is_editor(user):
        raise PermissionDenied("Only editors can add corrections.")
    if not note.strip():
        raise ValidationError("Write what changed.")
    correction = Correction.objects.create(
        article=article,
        kind=kind,
        note=note.strip(),
        created_by=user,
        created_at=at or timezone.now(),
    )
    article_sync_revised_at(article=article)
    audit.record(
        user=user, action="article_add_correction", obj=article, detail=correction.note
    )
    return correction
