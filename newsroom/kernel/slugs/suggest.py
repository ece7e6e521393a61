"""Slugs made from titles and names: transliterated, never stripped, and free.

"Keiichirō Saitō" becomes ``keiichiro-saito`` (python-slugify, through
text-unidecode), where dropping what is not ASCII would give
``keiichir-sait``. A slug already used by another record of the same model,
now or in its slug history, is not free; the first free one of the plain
slug, the slug with a hint (a series' slug, say) and numbered suffixes is
proposed instead.
"""

from itertools import count

from django.contrib.contenttypes.models import ContentType
from slugify import slugify

from .models import OldSlug

#: Long enough for a headline's gist, short enough to read in a link.
DEFAULT_MAX_LENGTH = 80


#: Apostrophes join words ("Frieren's" → frierens) rather than split them.
APOSTROPHES = [["'", ""], ["\u2019", ""], ["\u02bc", ""]]


def slug_for(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """The slug for a title or a name, cut at a word boundary."""
    return slugify(
        text or "",
        max_length=max_length,
        word_boundary=True,
        replacements=APOSTROPHES,
    )


def slug_owner(model, slug: str, *, exclude_pk=None):
    """The record of ``model`` that holds ``slug`` now, or held it before
    (its old addresses redirect to it), other than ``exclude_pk``; or None."""
    current = model._default_manager.filter(slug=slug)
    if exclude_pk is not None:
        current = current.exclude(pk=exclude_pk)
    holder = current.first()
    if holder is not None:
        return holder
    old = OldSlug.objects.filter(
        content_type=ContentType.objects.get_for_model(model), slug=slug
    )
    if exclude_pk is not None:
        old = old.exclude(object_id=exclude_pk)
    pk = old.values_list("object_id", flat=True).first()
    return None if pk is None else model._default_manager.filter(pk=pk).first()


def unique_slug(
    model,
    text: str,
    *,
    exclude_pk=None,
    hints: tuple[str, ...] = (),
    max_length: int | None = None,
) -> str:
    """A free slug for ``text``: as it is, then with each hint, then numbered."""
    if max_length is None:
        max_length = min(model._meta.get_field("slug").max_length, 200)
    base = slug_for(text, max_length=max_length - 4) or model._meta.model_name
    candidates = [base]
    for hint in hints:
        hint = slug_for(hint, max_length=max_length)
        if hint and hint not in base:
            candidates.append(slug_for(f"{base} {hint}", max_length=max_length))
    for candidate in candidates:
        if slug_owner(model, candidate, exclude_pk=exclude_pk) is None:
            return candidate
    for number in count(2):
        candidate = f"{base}-{number}"
        if slug_owner(model, candidate, exclude_pk=exclude_pk) is None:
            return candidate
