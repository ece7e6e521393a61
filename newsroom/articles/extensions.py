"""Where other apps plug into articles (reviews, merch, and those to come).

Each point is filled from the registering app's ``AppConfig.ready()``; the
articles app calls what is registered and knows nothing of who registered it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from newsroom.kernel.extensions import ExtensionPoint
from newsroom.kernel.media.pictures import thumbnail_url

#: ``check(article) -> list[str]``: what stops an article from being published
#: (reviews: no score, nothing reviewed). Checked on every publish and schedule.
PUBLISH_CHECKS = ExtensionPoint("publish checks", "Reasons an article cannot go out.")

#: ``provide(article, request) -> dict``: extra context for the article page and
#: its previews (reviews: the score box; merch: the shop block and disclosure).
ARTICLE_PAGE_CONTEXT = ExtensionPoint("article page context", "Article page extras.")

#: ``extend(data, article, absolute, context)``: change an article's JSON-LD in
#: place, given the page context (reviews: ReviewNewsArticle with its rating).
ARTICLE_STRUCTURED_DATA = ExtensionPoint(
    "article structured data", "Additions to an article's schema.org markup."
)

#: ``narrow(queryset) -> queryset``: what feeds load with each article
#: (reviews: the score box, so a score costs no query per item).
FEED_QUERYSET = ExtensionPoint("feed queryset", "Related rows every feed loads.")

#: ``prefix(article) -> str``: plain text put before an item's summary in feeds
#: (reviews: "Score: 8/10."). The first non-empty answer is used.
FEED_SUMMARY_PREFIX = ExtensionPoint("feed summary prefix", "Feed summary prefixes.")

#: ``prefix(article) -> str``: HTML put before an item's full content in feeds
#: (merch: the affiliate disclosure).
FEED_CONTENT_PREFIX = ExtensionPoint("feed content prefix", "Feed content prefixes.")

#: Admin inline classes added to the article form (reviews: the score box).
ARTICLE_ADMIN_INLINES = ExtensionPoint("article admin inlines", "Article form inlines.")

#: ``moved(transition)``: called once a workflow move has been committed, with
#: its ``Transition`` (notifications: tell the writers or the editors).
ARTICLE_MOVED = ExtensionPoint("article moved", "After a committed workflow move.")


@dataclass(frozen=True)
class EmbedPicker:
    """One kind of embed the body toolbar can insert without knowing ids.

    ``search(term) -> list[dict]`` answers what the editor typed with at most
    ``PICKER_RESULTS`` choices, each ``{"code", "label", "detail", "thumb"}``
    (``code`` is the embed line to insert; ``thumb`` an image address or "");
    it raises ``ValueError`` with a message for input it cannot use.
    """

    kind: str
    label: str
    search: Callable[[str], list[dict]]
    #: Shown above the search box.
    hint: str = ""


PICKER_RESULTS = 12


def picker_choice(*, code: str, label: str, details=(), image=None) -> dict:
    """One answer of a picker's search: the non-empty ``details`` joined, and
    the smallest rendition of ``image`` as its thumbnail."""
    return {
        "code": code,
        "label": label,
        "detail": " · ".join(part for part in details if part),
        "thumb": thumbnail_url(image),
    }


#: EmbedPicker entries, one per kind, in toolbar order (articles: image,
#: related article, where to watch, video; merch: merch items).
EMBED_PICKERS = ExtensionPoint("embed pickers", "Insertable embeds for the toolbar.")
