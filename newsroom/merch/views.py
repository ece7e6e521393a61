"""The affiliate redirect: every shop link goes out through here."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from newsroom.kernel.text import positive_int

from . import clicks
from .models import MerchItem


@require_GET
def merch_redirect(request, item_id):
    """Send a reader to an item's shop page and count the click (once a day
    per reader, article and item; bots are not counted, see clicks.reader_key).

    Only ever redirects to the item's stored address, and only while it is on
    one of its retailer's allowed domains; the query string chooses nothing
    but which article the click is counted for.
    """
    item = get_object_or_404(
        MerchItem.objects.active().select_related("retailer"), pk=item_id
    )
    if not item.link_is_allowed:
        raise Http404("This link is not allowed.")
    clicks.click_record(
        item=item,
        article_id=positive_int(request.GET.get("from")),
        reader=clicks.reader_key(request),
    )
    response = HttpResponseRedirect(item.url)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
