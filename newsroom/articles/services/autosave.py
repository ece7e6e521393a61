"""Autosave: what a user types into an article's form, kept on the server
every few seconds so a crash, a closed tab or an expired session loses nothing.

An autosave belongs to one user and is only ever offered back to them. It
never touches the article: no version, no revision, no workflow move, nothing
published. A real save of the form replaces it (``autosave_clear``).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from newsroom.kernel.audit import log as audit
from newsroom.kernel.forms import MAX_TAG_LENGTH

from ..models import Article, Autosave
from .workflow import can_edit

# The fields an editor types, with the longest text each may hold: the
# article's own column limits, and for the body the most the live preview
# renders. Relations picked from lists (section, series…) are not kept.
AUTOSAVE_LIMITS = {
    "title": Article._meta.get_field("title").max_length,
    "slug": Article._meta.get_field("slug").max_length,
    "dek": Article._meta.get_field("dek").max_length,
    "summary_points": 10_000,
    "body": 200_000,
    "lead_image_alt": Article._meta.get_field("lead_image_alt").max_length,
}
AUTOSAVE_TAGS = 100
# Autosaves nobody came back to for this long are deleted, by the next
# autosave anyone makes (so no scheduled job is needed).
AUTOSAVE_KEEP = timedelta(days=30)


@dataclass(frozen=True)
class AutosaveOffer:
    """An autosave worth offering back: newer than the article's last save
    and different from it. ``changed_since`` says the article was saved by
    someone after the form this autosave came from was opened."""

    autosave: Autosave
    changed_since: bool


def can_autosave(user, article: Article | None) -> bool:
    """Whoever may save the form may keep their typing: edit the article, or
    (for a new one) write articles."""
    if article is None:
        return user.has_perm("newsroom.add_article")
    return can_edit(user, article)


def autosave_clean(data) -> dict:
    """The fields of a posted autosave, checked: known names, text of the
    right length, tags as a short list of short names."""
    if not isinstance(data, dict):
        raise ValidationError("An autosave is a set of form fields.")
    unknown = set(data) - set(AUTOSAVE_LIMITS) - {"tags"}
    if unknown:
        raise ValidationError(f"Not a field that is autosaved: {sorted(unknown)[0]}.")
    cleaned = {}
    for name, value in data.items():
        if name == "tags":
            if not isinstance(value, list) or not all(
                isinstance(tag, str) and len(tag) <= MAX_TAG_LENGTH for tag in value
            ):
                raise ValidationError("Tags are a list of names.")
            if len(value) > AUTOSAVE_TAGS:
                raise ValidationError(f"At most {AUTOSAVE_TAGS} tags.")
        elif not isinstance(value, str):
            raise ValidationError(f"{name} is text.")
        elif len(value) > AUTOSAVE_LIMITS[name]:
            raise ValidationError(
                f"{name} is longer than {AUTOSAVE_LIMITS[name]} characters."
            )
        cleaned[name] = value
    return cleaned


@transaction.atomic
def article_autosave(
    *,
    article: Article | None,
    user,
    data: dict,
    base_version: int | None = None,
    fresh: bool = True,
) -> Autosave:
    """Keep ``user``'s typing for ``article`` (None: a new article).

    ``fresh`` replaces what was kept (the first autosave of an opened form);
    otherwise ``data`` holds the fields changed since the last autosave and
    is merged in. ``base_version`` is the version the form was opened at.

    No audit entry: this runs every few seconds while someone types and
    changes nothing anyone else can see; the save that follows is audited.
    """
    if not can_autosave(user, article):
        raise PermissionDenied("You cannot edit this article.")
    cleaned = autosave_clean(data)
    if article is not None and (base_version is None or base_version > article.version):
        raise ValidationError("The form's version of the article is not known.")
    now = timezone.now()
    Autosave.objects.filter(saved_at__lt=now - AUTOSAVE_KEEP).delete()
    base_version = base_version if article is not None else None
    autosave, created = Autosave.objects.select_for_update().get_or_create(
        user=user,
        article=article,
        defaults={"data": cleaned, "base_version": base_version, "saved_at": now},
    )
    if not created:
        autosave.data = cleaned if fresh else {**autosave.data, **cleaned}
        autosave.base_version = base_version
        autosave.saved_at = now
        autosave.save(update_fields=["data", "base_version", "saved_at"])
    return autosave


@transaction.atomic
def autosave_discard(*, article: Article | None, user) -> bool:
    """Throw away ``user``'s autosave for ``article`` (None: a new article),
    at their request; whether there was one."""
    deleted, _ = Autosave.objects.filter(user=user, article=article).delete()
    if deleted:
        audit.record(
            user=user,
            action="article_autosave_discard",
            obj=article,
            detail="Unsaved changes discarded",
        )
    return bool(deleted)


def autosave_clear(*, article: Article | None, user) -> None:
    """A save of the form replaces the typing kept for it; the save services
    call this (``article`` None: the user's copy of a new article)."""
    if user is not None:
        Autosave.objects.filter(user=user, article=article).delete()


def autosave_offer(*, article: Article | None, user) -> AutosaveOffer | None:
    """``user``'s autosave for the form they open, if it holds anything the
    article does not: newer than the article's last save and different."""
    autosave = Autosave.objects.filter(user=user, article=article).first()
    if autosave is None or autosave.saved_at < timezone.now() - AUTOSAVE_KEEP:
        return None
    if article is None:
        if not any(autosave.data.values()):
            return None
        return AutosaveOffer(autosave=autosave, changed_since=False)
    # The user's own save deletes their copy (autosave_clear), so a copy that
    # is still here is typing they never saved, even when someone else has
    # saved the article since: offered whenever it differs, with that said.
    if not _differs(autosave.data, article):
        return None
    return AutosaveOffer(
        autosave=autosave,
        changed_since=(autosave.base_version or 0) < article.version,
    )


def _text(value: str) -> str:
    # Browsers send line breaks as CRLF on submit but keep LF in the field.
    return value.replace("\r\n", "\n")


def _differs(data: dict, article: Article) -> bool:
    for name, value in data.items():
        if name == "tags":
            saved = {tag.casefold() for tag in article.tags.names()}
            if {tag.casefold() for tag in value} != saved:
                return True
        elif _text(value) != _text(getattr(article, name) or ""):
            return True
    return False
