"""Writes and workflow moves on articles.

Admin views, actions and management commands call these and never repeat
their steps: each checks permission and state, validates, saves and records
the audit trail in one transaction. The server is the only judge of what a
user may do; buttons merely mirror ``available_moves``.
"""

import io
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.text import slugify

from reviews.checks import review_problems

from . import imaging, tasks
from .models import (
    Article,
    Correction,
    EditSession,
    Image,
    PreviewLink,
    Rendition,
    Revision,
    Transition,
)

logger = logging.getLogger(__name__)

PUBLISH_PERMISSION = "newsroom.publish_article"
NEXT_SCHEDULED_CACHE_KEY = "newsroom:next-scheduled-publish"
#: Waiting uploads keep one of these extensions; anything else is stored as .bin.
UPLOAD_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}

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
    """What stops this article from going out. Reviews add their own checks."""
    problems = []
    if not article.body.strip():
        problems.append("The body is empty.")
    if not article.authors.exists():
        problems.append("The article has no byline.")
    problems.extend(review_problems(article))
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
    Transition.objects.create(
        article=article,
        user=user,
        action=move.name,
        from_status=previous,
        to_status=article.status,
        comment=comment,
        publish_at=article.publish_at if article.status == Status.PUBLISHED else None,
    )
    forget_next_scheduled()
    refresh_embedding_articles(key=f"article:{article.pk}")
    return article


def _refuse_problems(article: Article) -> None:
    problems = publish_problems(article)
    if problems:
        raise ValidationError(["It cannot be published yet:", *problems])


# Revisions ----------------------------------------------------------------

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
    from series.models import Person, Series

    from .models import Author, Section

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
    article_record_revision(
        article=article, user=user, note=f"Restored revision {revision.number}"
    )
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
    import difflib

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


# Corrections ---------------------------------------------------------------


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
    *, article: Article, user, note: str, kind: str = Correction.Kind.UPDATE
) -> Correction:
    """Append a dated correction or update note (editors only)."""
    if not is_editor(user):
        raise PermissionDenied("Only editors can add corrections.")
    if not note.strip():
        raise ValidationError("Write what changed.")
    correction = Correction.objects.create(
        article=article, kind=kind, note=note.strip(), created_by=user
    )
    article_sync_revised_at(article=article)
    return correction


# Preview links -------------------------------------------------------------


def can_share(user, article: Article) -> bool:
    """Sending an unpublished piece outside the newsroom is an editor's call,
    or its author's for their own piece; other writers may read it, not leak it."""
    if not user.has_perm("newsroom.view_article"):
        return False
    return is_editor(user) or is_owner(user, article)


def preview_link_create(*, article: Article, user) -> PreviewLink:
    """A secret link that shows this article to anyone, until it expires."""
    if not can_share(user, article):
        raise PermissionDenied(
            "Only editors and the article's authors can share a preview link."
        )
    return PreviewLink.objects.create(article=article, created_by=user)


def preview_link_revoke(*, link: PreviewLink, user) -> PreviewLink:
    if not (is_editor(user) or link.created_by_id == user.pk):
        raise PermissionDenied("Only editors or the link's creator can revoke it.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    return link


# Who is editing ------------------------------------------------------------


def editing_touch(*, article: Article, user) -> list:
    """Note that ``user`` has the form open; return the others who do too."""
    now = timezone.now()
    EditSession.objects.update_or_create(
        article=article, user=user, defaults={"last_seen": now}
    )
    return editing_others(article=article, user=user, now=now)


def editing_others(*, article: Article, user, now: datetime | None = None) -> list:
    since = (now or timezone.now()) - timedelta(seconds=settings.EDIT_PRESENCE_SECONDS)
    sessions = (
        EditSession.objects.filter(article=article, last_seen__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("-last_seen")
    )
    return [session.user for session in sessions]


def editing_leave(*, article: Article, user) -> None:
    EditSession.objects.filter(article=article, user=user).delete()


# Read-time scheduling and HTTP caches --------------------------------------


def next_scheduled_publish() -> datetime | None:
    """The next moment a scheduled article goes live (cached until it changes)."""
    value = cache.get(NEXT_SCHEDULED_CACHE_KEY)
    if value is None:
        nxt = Article.objects.filter(
            status=Status.PUBLISHED, publish_at__gt=timezone.now()
        ).aggregate(at=Min("publish_at"))["at"]
        value = nxt.isoformat() if nxt else ""
        cache.set(NEXT_SCHEDULED_CACHE_KEY, value, 3600)
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    if moment <= timezone.now():
        forget_next_scheduled()
        return next_scheduled_publish()
    return moment


def forget_next_scheduled() -> None:
    cache.delete(NEXT_SCHEDULED_CACHE_KEY)


def public_max_age(*, default: int | None = None) -> int:
    """How long readers' caches may keep a page without hiding a scheduled story."""
    max_age = settings.PAGE_CACHE_SECONDS if default is None else default
    upcoming = next_scheduled_publish()
    if upcoming is not None:
        seconds = int((upcoming - timezone.now()).total_seconds())
        max_age = max(0, min(max_age, seconds))
    return max_age


# Media and rendered bodies ------------------------------------------------


@transaction.atomic
def image_store(*, image: Image, user=None, file_changed: bool) -> Image:
    """Save an image; a new file waits, private, for the background task that
    strips its metadata and makes its renditions.

    Nothing here decodes the picture, so an upload answers quickly whatever
    its size. Until the task has run the image has no public file and no
    renditions, and reader pages leave it out.
    """
    if image.pk is None and user is not None:
        image.uploaded_by = user
    if not file_changed:
        image.save()
        refresh_embedding_articles_later(key=f"image:{image.pk}")
        return image
    upload = image.file
    width, height = image.width, image.height
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in UPLOAD_EXTENSIONS:
        extension = "bin"
    incoming = storages["incoming"]
    upload_name = incoming.save(f"uploads/{uuid.uuid4().hex}.{extension}", upload.file)
    if image.pk is not None:
        _image_drop_files(Image.objects.get(pk=image.pk))
    image.file = ""
    image.width, image.height = width, height
    image.upload_name = upload_name
    image.processing = Image.Processing.PENDING
    image.processing_note = ""
    image.save()
    queue_after_commit(tasks.image_process, image_id=image.pk, upload_name=upload_name)
    return image


def _image_drop_files(image: Image) -> None:
    """Forget an image's public original, renditions and waiting upload; the
    files go once the transaction has committed."""
    names = [(default_storage, r.file.name) for r in image.renditions.all()]
    if image.file:
        names.append((default_storage, image.file.name))
    if image.upload_name:
        names.append((storages["incoming"], image.upload_name))
    image.renditions.all().delete()

    def delete_files():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)


def image_process(*, image_id: int, upload_name: str) -> bool:
    """Clean a waiting upload into the image's public file and make its
    renditions; the background task calls this.

    False when there is nothing to do (the image was deleted or has had another
    file uploaded since). A file that cannot be decoded marks the image failed,
    with a note the editor sees, and the error is raised for the task's record.
    """
    incoming = storages["incoming"]
    image = Image.objects.filter(pk=image_id, upload_name=upload_name).first()
    if image is None:
        return False
    try:
        with incoming.open(upload_name, "rb") as handle:
            cleaned = imaging.clean_upload(handle, image_upload_stem(image))
        made = imaging.build_renditions(
            io.BytesIO(cleaned.read()), focal_x=image.focal_x, focal_y=image.focal_y
        )
    except Exception:
        Image.objects.filter(pk=image_id, upload_name=upload_name).update(
            processing=Image.Processing.FAILED,
            processing_note="The file could not be read as a picture. "
            "Upload it again, or another copy of it.",
        )
        raise
    with transaction.atomic():
        image = (
            Image.objects.select_for_update()
            .filter(pk=image_id, upload_name=upload_name)
            .first()
        )
        if image is None:
            return False
        image.renditions.all().delete()
        cleaned.seek(0)
        image.file.save(cleaned.name, cleaned, save=False)
        for item in made:
            extension = "jpg" if item.fmt == "jpeg" else item.fmt
            rendition = Rendition(
                image=image,
                kind=item.kind,
                format=item.fmt,
                width=item.width,
                height=item.height,
                size=len(item.content),
            )
            rendition.file.save(
                f"{image.pk}-{item.kind}-{item.width}.{extension}",
                ContentFile(item.content),
                save=False,
            )
            rendition.save()
        image.upload_name = ""
        image.processing = Image.Processing.READY
        image.processing_note = ""
        image.save()
        transaction.on_commit(lambda: incoming.delete(upload_name))
        refresh_embedding_articles(key=f"image:{image.pk}")
    return True


def image_upload_stem(image: Image) -> str:
    """A file name for the cleaned original, from the title (never the
    uploader's own file name, which may say more than it should)."""
    return slugify(image.title)[:60] or "image"


def image_process_again(*, images) -> int:
    """Queue the waiting uploads of ``images`` once more (after a failure, or
    when no worker was running); returns how many were queued."""
    count = 0
    for image in images:
        if image.upload_name:
            Image.objects.filter(pk=image.pk).update(
                processing=Image.Processing.PENDING, processing_note=""
            )
            queue_after_commit(
                tasks.image_process, image_id=image.pk, upload_name=image.upload_name
            )
            count += 1
    return count


def queue_after_commit(task, *, fallback=None, **arguments) -> None:
    """Queue ``task`` once the current transaction has committed.

    The queue is another service (Redis at scale) and may be down: what was
    saved stays saved and the request still succeeds. The failure is logged;
    ``fallback``, when given, does the work here instead (slower, but done).
    An upload left waiting is queued again from the image list's action.
    """

    def enqueue():
        try:
            task.enqueue(**arguments)
        except Exception:
            logger.exception("Could not queue the task %s", task.name)
            if fallback is not None:
                fallback()

    transaction.on_commit(enqueue)


def refresh_embedding_articles_later(*, key: str) -> None:
    """Re-render the articles that embed ``key`` in a background task, once
    the current transaction has committed (here and now if the queue is down)."""
    queue_after_commit(
        tasks.refresh_embeds,
        key=key,
        fallback=partial(refresh_embedding_articles, key=key),
    )


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
