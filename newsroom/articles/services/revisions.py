"""Revisions: every save keeps one; editors compare two and restore one."""

import difflib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max

from newsroom.kernel.audit import log as audit
from series.models import Person, Series

from ..models import (
    Article,
    Author,
    Revision,
    Section,
)
from .workflow import can_edit

REVISION_FIELDS = [
    ("title", "Title"),
    ("dek", "Summary"),
    ("body", "Body"),
    ("kind", "Kind"),
    ("section", "Section"),
    ("authors", "Bylines"),
    ("series", "Series"),
    ("people", "People"),
    ("tags", "Tags"),
    ("embargo_until", "Embargo"),
]


def revision_snapshot(article: Article) -> dict:
    """The editorial fields of an article as plain JSON."""
    return {
        "title": article.title,
        "dek": article.dek,
        "body": article.body,
        "kind": article.kind,
        "section": [article.section_id, str(article.section)],
        "authors": [[a.pk, a.name] for a in article.authors.order_by("name")],
        "series": [[s.pk, s.title] for s in article.series.order_by("title")],
        "people": [[p.pk, p.name] for p in article.people.order_by("name")],
        "tags": sorted(article.tags.names(), key=str.casefold),
        "embargo_until": (
            article.embargo_until.isoformat() if article.embargo_until else None
        ),
    }


def article_record_revision(*, article: Article, user, note: str = "") -> Revision:
    """Keep a revision of the article as it is now saved."""
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        article=article,
        number=last + 1,
        data=revision_snapshot(article),
        user=user,
        note=note[:200],
    )


@transaction.atomic
def article_restore_revision(*, article: Article, revision: Revision, user) -> Article:
    """Put an old revision's fields back; the restore is itself a new revision."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if revision.article_id != article.pk:
        raise ValidationError("That revision belongs to another article.")
    if not can_edit(user, article):
        raise PermissionDenied("You cannot edit this article.")
    data = revision.data
    article.title, article.dek, article.body = data["title"], data["dek"], data["body"]
    article.kind = data["kind"]
    if Section.objects.filter(pk=data["section"][0]).exists():
        article.section_id = data["section"][0]
    article.embargo_until = (
        datetime.fromisoformat(data["embargo_until"]) if data["embargo_until"] else None
    )
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db()
    ids = {key: [pk for pk, _ in data[key]] for key in ("authors", "series", "people")}
    article.authors.set(Author.objects.filter(pk__in=ids["authors"]))
    article.series.set(Series.objects.filter(pk__in=ids["series"]))
    article.people.set(Person.objects.filter(pk__in=ids["people"]))
    article.tags.set(data["tags"])
    note = f"Restored revision {revision.number}"
    article_record_revision(article=article, user=user, note=note)
    audit.record(user=user, action="article_restore_revision", obj=article, detail=note)
    return article


def _display(key: str, value) -> str:
    if value is None or value == []:
        return ""
    if key in {"authors", "series", "people"}:
        return ", ".join(name for _, name in value)
    if key == "section":
        return value[1]
    if key == "tags":
        return ", ".join(value)
    return str(value)


def revision_diff(older: Revision, newer: Revision) -> list[dict]:
    """Field-by-field differences between two revisions, body line by line."""
    changes = []
    for key, label in REVISION_FIELDS:
        before = _display(key, older.data.get(key))
        after = _display(key, newer.data.get(key))
        if before == after:
            continue
        if key == "body":
            lines = []
            for line in difflib.ndiff(before.splitlines(), after.splitlines()):
                op, text = line[:1], line[2:]
                if op == "?":
                    continue
                kind = {"-": "removed", "+": "added"}.get(op, "same")
                lines.append({"kind": kind, "text": text})
            changes.append({"label": label, "lines": lines})
        else:
            changes.append({"label": label, "before": before, "after": after})
    return changes
