"""Merch blocks: the items a block shows and how it is rendered, in an
article body (``[[merch:…]]``) or as the automatic "Shop this series" box."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from newsroom.articles.body.embeds import EmbedError, Handler, register
from newsroom.articles.extensions import PICKER_RESULTS, EmbedPicker, picker_choice
from newsroom.kernel.media.pictures import picture_for
from newsroom.kernel.templatetags.newsroom_tags import money
from newsroom.kernel.text import positive_int
from series.models import Series

from .models import MerchItem

BLOCK_LIMIT = 12
SHOP_LIMIT = 8
#: What a rendered body notes when it carries affiliate links (see disclosure.py).
AFFILIATE_NOTICE = "affiliate-links"


def items_for(*, ids=(), series=None, tag=None, now=None):
    """Active items for a block: chosen ones in order, or by series or tag."""
    items = MerchItem.objects.active(now=now).for_blocks()
    if ids:
        found = {item.pk: item for item in items.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found][:BLOCK_LIMIT]
    if series is not None:
        items = items.filter(series=series)
    if tag:
        items = items.filter(tags__slug=tag)
    return list(items.distinct().order_by("name")[:BLOCK_LIMIT])


def shop_items(article, *, now=None):
    """Automatic "Shop this series": active items sharing a series or tag."""
    series_ids = [s.pk for s in article.series.all()]
    tag_ids = [t.pk for t in article.tags.all()]
    if not series_ids and not tag_ids:
        return []
    return list(
        MerchItem.objects.active(now=now)
        .for_blocks()
        .filter(Q(series__in=series_ids) | Q(tags__in=tag_ids))
        .distinct()
        .order_by("series_id", "name")[:SHOP_LIMIT]
    )


def block_context(items, *, title: str, block_id: str, article=None) -> dict:
    """``article`` is the id clicks are counted for."""
    return {
        "items": [
            {"item": item, "picture": picture_for(item.image, sizes="14rem")}
            for item in items
        ],
        "title": title,
        "block_id": block_id,
        "article": article,
    }


def render_block(items, *, title, block_id, article=None) -> str:
    return render_to_string(
        "newsroom/merch/block.html",
        block_context(items, title=title, block_id=block_id, article=article),
    )


def _next_change(items, now):
    """When an item's active window next opens or closes (for re-rendering)."""
    moments = [
        moment
        for item in items
        for moment in (item.active_from, item.active_until)
        if moment and moment > now
    ]
    return min(moments, default=None)


def _render_merch_embed(embed, lookup, result, strict):
    now = timezone.now()
    title = embed.attrs.get("title", "Shop the merch")
    if embed.ref:
        ids = [positive_int(part) for part in embed.ref.split(",") if part]
        if None in ids:
            raise EmbedError("merch items are listed by number: [[merch:12,15]].")
        known = set(MerchItem.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [str(pk) for pk in ids if pk not in known]
        if missing:
            raise EmbedError(f"there is no merch item {', '.join(missing)}.")
        result.refs.update(f"merch:{pk}" for pk in ids)
        items = items_for(ids=ids, now=now)
        everything = list(MerchItem.objects.filter(pk__in=ids))
    elif "series" in embed.attrs:
        series = Series.objects.filter(slug=embed.attrs["series"]).first()
        if series is None:
            raise EmbedError(f"there is no series “{embed.attrs['series']}”.")
        result.refs.add(f"merch-series:{series.pk}")
        items = items_for(series=series, now=now)
        everything = list(MerchItem.objects.filter(series=series))
    elif "tag" in embed.attrs:
        if not embed.attrs["tag"].strip():
            raise EmbedError('name the tag: [[merch tag="mecha"]].')
        result.refs.add(f"merch-tag:{embed.attrs['tag']}")
        items = items_for(tag=embed.attrs["tag"], now=now)
        everything = list(MerchItem.objects.filter(tags__slug=embed.attrs["tag"]))
    else:
        raise EmbedError('say which items: [[merch:12,15]], series="…" or tag="…".')
    change = _next_change(everything, now)
    if change and (result.valid_until is None or change < result.valid_until):
        result.valid_until = change
    result.refs.add("merch")
    if not items:
        if strict and embed.ref:
            raise EmbedError("none of these merch items can be shown now.")
        return ""
    # The page shows the affiliate disclosure because of this notice.
    result.notices.add(AFFILIATE_NOTICE)
    return render_block(
        items, title=title, block_id=f"merch-{embed.line}", article=result.article_id
    )


def register_embed() -> None:
    """Teach the body renderer ``[[merch:…]]`` (called from the app's ready())."""
    register(Handler("merch", _render_merch_embed))


def search_items(term: str) -> list[dict]:
    """Merch items for the body toolbar's picker, those on sale now first."""
    items = MerchItem.objects.for_blocks().order_by("name")
    if term:
        items = items.filter(
            Q(name__icontains=term)
            | Q(retailer__name__icontains=term)
            | Q(series__title__icontains=term)
        )
    active = set(items.active().values_list("pk", flat=True)[: PICKER_RESULTS * 4])
    chosen = sorted(items[: PICKER_RESULTS * 4], key=lambda item: item.pk not in active)
    return [
        picker_choice(
            code=f"[[merch:{item.pk}]]",
            label=item.name,
            details=(
                item.retailer.name,
                money(item.price, item.currency),
                "" if item.pk in active else "not on sale now",
            ),
            image=item.image,
        )
        for item in chosen[:PICKER_RESULTS]
    ]


PICKER = EmbedPicker("merch", "Merch", search_items, "Search merch items")
