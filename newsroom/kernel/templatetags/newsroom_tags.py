"""Template tags every reader page may use: pictures, JSON-LD, money, dates,
policy links and XML-safe text."""

import json
from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.kernel.media.pictures import picture_for
from newsroom.kernel.sitewide import selectors as sitewide
from newsroom.kernel.text import without_control_characters

register = template.Library()


@register.inclusion_tag("newsroom/embeds/_picture.html")
def picture(image, sizes="100vw", loading="lazy", alt=""):
    """A responsive <picture> for a library image (prefetch its renditions)."""
    return {"picture": picture_for(image, alt=alt, sizes=sizes, loading=loading)}


@register.filter
def jsonld(data):
    """A JSON-LD script body; <, > and & are escaped so it cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict from a template: ``table|get_item:key``."""
    return mapping.get(key, []) if mapping else []


CURRENCY_SIGNS = {
    "EUR": "€",
    "USD": "US$",
    "GBP": "£",
    "JPY": "¥",
    "CAD": "CA$",
    "AUD": "A$",
}


@register.filter
def money(amount, currency):
    """A price for readers: "€49.90", "¥8,800". The browser re-formats it for
    the reader's own locale; this is what shows without JavaScript."""
    if amount is None:
        return ""
    sign = CURRENCY_SIGNS.get(currency, f"{currency} ")
    if currency == "JPY":
        return f"{sign}{int(amount):,}"
    return f"{sign}{amount:,.2f}"


@register.filter
def iso(moment):
    """A machine-readable time for datetime attributes and sitemaps: ISO 8601
    to the second, in the active time zone (HTML allows at most milliseconds)."""
    if not isinstance(moment, datetime):
        return moment.isoformat() if moment else ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(microsecond=0).isoformat()


@register.simple_tag
def policy_link(slug, text):
    """A link to a standing page (a policy, the contact page), or nothing when
    editors have not written that page."""
    url = sitewide.page_urls().get(slug)
    return format_html('<a href="{}">{}</a>', url, text) if url else ""


@register.filter(is_safe=True)
def xml_text(value):
    """Text for an XML document (a sitemap): no characters XML 1.0 refuses.
    Escaping is still the template's; this only drops what cannot be escaped."""
    return without_control_characters(str(value))
