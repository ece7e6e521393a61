"""The article form's autosave: the addresses its script posts to, and what
the form needs to offer an autosave back when it opens.

The views answer JSON with a status the script can tell apart: 400 for what
it cannot keep (junk, too long), 403 for a user who may not edit the article.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from newsroom.kernel.text import positive_int

from . import services
from .models import Article

# Enough for the longest body in four-byte characters, with room for the rest.
MAX_PAYLOAD = 1024 * 1024


def urls(model_admin) -> list:
    """The autosave addresses, inside the article admin (its login applies)."""
    view = model_admin.admin_site.admin_view
    return [
        path("autosave/", view(autosave_view), name="newsroom_article_autosave_new"),
        path(
            "autosave/discard/",
            view(autosave_discard_view),
            name="newsroom_article_autosave_discard_new",
        ),
        path(
            "<int:pk>/autosave/",
            view(autosave_view),
            name="newsroom_article_autosave",
        ),
        path(
            "<int:pk>/autosave/discard/",
            view(autosave_discard_view),
            name="newsroom_article_autosave_discard",
        ),
    ]


def form_context(request, article: Article | None) -> dict:
    """What the form's autosave partial shows: where to post, and this user's
    autosave if it is worth offering. Empty for a user who may not edit."""
    if not services.can_autosave(request.user, article):
        return {}
    args = [article.pk] if article is not None else []
    suffix = "" if article is not None else "_new"
    return {
        "save_url": reverse(f"admin:newsroom_article_autosave{suffix}", args=args),
        "discard_url": reverse(
            f"admin:newsroom_article_autosave_discard{suffix}", args=args
        ),
        # The browser's own copy is kept under this name, one per user and form.
        "key": f"{request.user.pk}:{article.pk if article is not None else 'new'}",
        "version": article.version if article is not None else "",
        "offer": services.autosave_offer(article=article, user=request.user),
    }


def _article(pk) -> Article | None:
    return get_object_or_404(Article, pk=pk) if pk is not None else None


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def autosave_view(request, pk=None):
    """Keep the fields the form's script sends, as JSON:
    ``{"data": {...}, "base_version": "3", "fresh": true}``."""
    length = positive_int(request.META.get("CONTENT_LENGTH")) or 0
    if length > MAX_PAYLOAD:
        return _refused("Too much text to keep.", 400)
    article = _article(pk)
    if not services.can_autosave(request.user, article):
        return _refused("You cannot edit this article.", 403)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _refused("Not a form's fields.", 400)
    if not isinstance(payload, dict):
        return _refused("Not a form's fields.", 400)
    base = payload.get("base_version")
    try:
        autosave = services.article_autosave(
            article=article,
            user=request.user,
            data=payload.get("data"),
            base_version=positive_int(base) if isinstance(base, str) else None,
            fresh=payload.get("fresh") is not False,
        )
    except ValidationError as error:
        return _refused(" ".join(error.messages), 400)
    except PermissionDenied as error:
        return _refused(str(error), 403)
    saved_at = timezone.localtime(autosave.saved_at)
    return JsonResponse(
        {"saved_at": saved_at.isoformat(), "time": saved_at.strftime("%H:%M")}
    )


@require_POST
def autosave_discard_view(request, pk=None):
    """Throw away this user's autosave of the form."""
    discarded = services.autosave_discard(article=_article(pk), user=request.user)
    return JsonResponse({"discarded": discarded})
