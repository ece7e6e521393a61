"""Reads shared by several reader pages and feeds."""

from django.db.models import Q
from taggit.models import Tag

from newsroom.articles.models import Article
from series.models import Series


def public_tags():
    """Tags a reader may see: on a live article or on a series. A tag typed
    only on drafts (say, an unannounced sequel) has no page and no feed."""
    return Tag.objects.filter(
        Q(
            pk__in=Article.tags.through.objects.filter(
                content_type__model="article",
                content_type__app_label="newsroom",
                object_id__in=Article.objects.live().values("pk"),
            ).values("tag_id")
        )
        | Q(
            pk__in=Series.tags.through.objects.filter(
                content_type__model="series", content_type__app_label="series"
            ).values("tag_id")
        )
    )
