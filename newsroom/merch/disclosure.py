"""Where the affiliate disclosure is added.

An article page carries affiliate links when its body has a merch block
(the body renderer notes ``AFFILIATE_NOTICE`` when it renders one) or when the
automatic "Shop this series" block is shown; either way the page says so at
its top, and so does the article's full content in feeds.
"""

from django.template.loader import render_to_string

from .blocks import AFFILIATE_NOTICE, render_block, shop_items

DISCLOSURE_TEMPLATE = "newsroom/merch/_disclosure.html"


def has_affiliate_links_in_body(article) -> bool:
    return AFFILIATE_NOTICE in article.body_notices


def article_shop(article, request=None) -> dict:
    """The article page's automatic shop block, and whether the page needs the
    disclosure (registered in ``ARTICLE_PAGE_CONTEXT``)."""
    in_body = has_affiliate_links_in_body(article)
    # An article with its own merch block does not get a second, automatic one.
    items = [] if in_body else shop_items(article)
    shop = (
        render_block(
            items, title="Shop this series", block_id="shop", article=article.pk
        )
        if items
        else ""
    )
    return {"shop_block": shop, "affiliate_links": bool(shop) or in_body}


def feed_disclosure(article) -> str:
    """The disclosure before a feed item's content, when its body sells
    (registered in ``FEED_CONTENT_PREFIX``)."""
    if has_affiliate_links_in_body(article):
        return render_to_string(DISCLOSURE_TEMPLATE)
    return ""
