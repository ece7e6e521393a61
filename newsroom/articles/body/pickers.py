"""What the body toolbar's pickers offer: images, published articles, series
and videos, found by words rather than ids (``extensions.EMBED_PICKERS``)."""

from django.db.models import Q
from django.utils.formats import date_format

from newsroom.kernel.media.models import Image
from series.models import Series

from ..extensions import PICKER_RESULTS, EmbedPicker, picker_choice
from ..models import Article
from .builtin import video_source
from .embeds import EmbedError


def search_images(term: str) -> list[dict]:
    images = Image.objects.usable().prefetch_related("renditions")
    if term:
        images = images.filter(
            Q(title__icontains=term)
            | Q(alt_text__icontains=term)
            | Q(caption__icontains=term)
            | Q(credit__icontains=term)
        )
    return [
        picker_choice(
            code=image.embed_code,
            label=image.title,
            details=(
                image.credit_line,
                f"{image.width}×{image.height}" if image.width else "",
                image.get_processing_display()
                if image.processing != Image.Processing.READY
                else "",
            ),
            image=image,
        )
        for image in images[:PICKER_RESULTS]
    ]


def search_articles(term: str) -> list[dict]:
    """Published articles only: a card for a draft would be refused on save."""
    articles = (
        Article.objects.live()
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
        .order_by("-publish_at")
    )
    if term:
        articles = articles.filter(Q(title__icontains=term) | Q(slug__icontains=term))
    return [
        picker_choice(
            code=f"[[related:{article.slug}]]",
            label=article.title,
            details=(
                article.get_kind_display(),
                date_format(article.publish_at, "j M Y"),
            ),
            image=article.lead_image,
        )
        for article in articles[:PICKER_RESULTS]
    ]


def search_series(term: str) -> list[dict]:
    series = Series.objects.select_related("key_art").prefetch_related(
        "key_art__renditions"
    )
    if term:
        series = series.filter(
            Q(title__icontains=term)
            | Q(title_japanese__icontains=term)
            | Q(title_romaji__icontains=term)
        )
    return [
        picker_choice(
            code=f"[[watch:{entry.slug}]]",
            label=entry.title,
            details=(entry.season_label,),
            image=entry.key_art,
        )
        for entry in series.order_by("title")[:PICKER_RESULTS]
    ]


def search_videos(term: str) -> list[dict]:
    """The address typed, checked: YouTube or Vimeo."""
    if not term:
        return []
    try:
        source = video_source(term)
    except EmbedError as error:
        message = str(error)
        raise ValueError(message[:1].upper() + message[1:]) from None
    return [
        picker_choice(
            code=f"[[video:{source['watch_url']}]]",
            label=f"{source['provider']} video",
            details=(source["watch_url"],),
        )
    ]


BUILTIN_PICKERS = [
    EmbedPicker("image", "Image", search_images, "Search the media library"),
    EmbedPicker(
        "related", "Related article", search_articles, "Search published articles"
    ),
    EmbedPicker("watch", "Where to watch", search_series, "Search series"),
    EmbedPicker("video", "Video", search_videos, "Paste a YouTube or Vimeo address"),
]
