"""Plain text in feeds reaches readers as text, never as markup.

RSS ``description`` and Atom ``summary type="html"`` are HTML to a feed
reader. A dek, a score line or a verdict is plain text, so after the XML is
decoded it must hold no ``<`` at all: every one the writer typed arrives as
``&lt;`` and shows as written.
"""

from decimal import Decimal
from html import unescape
from xml.etree import ElementTree

import pytest

from newsroom.kernel.text import without_control_characters
from reviews.models import Review
from series.models import Series
from tests.security.xss_payloads import packed

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/kind/review/rss/",
    "/feeds/kind/review/atom/",
    "/reviews/feed/rss/",
    "/reviews/feed/atom/",
]


def html_fields(xml: bytes) -> dict[str, str]:
    """Each item's title and the text of its HTML summary, as a reader decodes
    them from the XML (RSS description, Atom summary)."""
    root = ElementTree.fromstring(xml)
    fields = {}
    for item in root.iter("item"):
        fields[item.findtext("title")] = item.findtext("description") or ""
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary is None or summary.get("type") == "html"
        fields[entry.findtext(f"{ATOM}title")] = (
            summary.text if summary is not None else ""
        )
    return fields


@pytest.fixture
def hostile_reviews(make_article):
    """Reviews whose deks and verdicts hold the whole corpus between them."""
    series = Series.objects.create(title="Series", slug="series")
    deks, verdicts = packed(300), packed(300)
    for n, (dek, verdict) in enumerate(zip(deks, verdicts, strict=True)):
        article = make_article(kind="review", title=f"Review {n}", dek=dek)
        Review.objects.create(
            article=article, score=Decimal("7.5"), verdict=verdict, series=series
        )
    return deks, verdicts


@pytest.mark.parametrize("url", FEEDS)
def test_feed_summaries_carry_plain_text_escaped(client, hostile_reviews, url):
    deks, verdicts = hostile_reviews
    fields = html_fields(client.get(url).content)
    assert len(fields) == len(deks)
    expected = {
        f"Review {n}": (
            f"Score: 7.5/10. {verdicts[n]}"
            if url.startswith("/reviews/")
            else f"Score: 7.5/10. {deks[n]}"
        )
        for n in range(len(deks))
    }
    for title, html in fields.items():
        assert "<" not in html, title
        # What the reader shows, once it reads the HTML, is what was written
        # (less the control characters XML cannot carry).
        key = title.removesuffix(" (7.5/10)")
        assert unescape(html) == without_control_characters(expected[key])


def test_news_dek_in_feeds_is_escaped(client, make_article):
    make_article(
        title="News", dek='<button formaction="javascript:alert(1)">Read</button>'
    )
    for url in ("/feeds/rss/", "/feeds/atom/"):
        html = html_fields(client.get(url).content)["News"]
        assert html == (
            '&lt;button formaction="javascript:alert(1)"&gt;Read&lt;/button&gt;'
        )


def test_rss_titles_are_escaped_and_atom_titles_stay_text(client, make_article):
    """RSS titles have no type and readers render HTML-looking ones as HTML;
    Atom titles are typed text, so escaping them would show entities."""
    title = '<a href="javascript:alert(1)">Fate</a> & friends'
    make_article(title=title)
    rss = ElementTree.fromstring(client.get("/feeds/rss/").content)
    assert rss.find("channel/item/title").text == (
        '&lt;a href="javascript:alert(1)"&gt;Fate&lt;/a&gt; &amp; friends'
    )
    atom = ElementTree.fromstring(client.get("/feeds/atom/").content)
    assert atom.find(f"{ATOM}entry/{ATOM}title").text == title
