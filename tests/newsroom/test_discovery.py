"""Syndication and discovery: scoped feeds, sitemaps, robots.txt, old slugs and
the metadata search engines and social cards read."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from html import unescape
from xml.etree import ElementTree

import feedparser
import pytest
from django.test import Client
from django.utils import timezone

from newsroom.articles.models import Article
from reviews.models import Review
from series.models import Person, Series, SeriesStudio, Studio
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db
HOST = "127.0.0.1:8000"

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {"news": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture
def client(db):
    """A reader on the site's own address, which absolute URLs are built from."""
    return Client(HTTP_HOST=HOST)


def parse_feed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture
def scoped(make_article, make_section, make_author):
    """One article in every scope, beside one that is in none of them."""
    section = make_section(name="Features", slug="features")
    author = make_author(name="Aiko Brandt", slug="aiko-brandt")
    series = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    inside = make_article(
        title="Inside",
        kind=Article.Kind.FEATURE,
        section=section,
        authors=[author],
        tags=["mecha"],
        series=[series],
    )
    make_article(title="Outside")
    return inside


SCOPED_FEEDS = [
    "/feeds/section/features/",
    "/feeds/kind/feature/",
    "/feeds/series/metallic-rouge/",
    "/feeds/tag/mecha/",
    "/feeds/author/aiko-brandt/",
]


# Feeds ----------------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["rss", "atom"])
@pytest.mark.parametrize("prefix", SCOPED_FEEDS)
def test_scoped_feed_holds_only_its_scope(client, scoped, prefix, flavour):
    _, feed = parse_feed(client, f"{prefix}{flavour}/")
    assert titles(feed) == ["Inside"]
    assert feed.feed.title.startswith("Shimbun: ")


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/section/nope/rss/",
        "/feeds/kind/gossip/atom/",
        "/feeds/series/nope/rss/",
        "/feeds/tag/nope/atom/",
        "/feeds/author/nope/rss/",
    ],
)
def test_unknown_scope_is_404(client, db, url):
    assert client.get(url).status_code == 404


def test_items_carry_series_as_categories_and_both_dates(client, scoped):
    scoped.revised_at = scoped.publish_at + timedelta(hours=5)
    scoped.save()
    _, feed = parse_feed(client, "/feeds/atom/")
    entry = next(e for e in feed.entries if e.title == "Inside")
    assert {tag.term for tag in entry.tags} == {"mecha", "Metallic Rouge"}
    published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    updated = datetime(*entry.updated_parsed[:6], tzinfo=UTC)
    assert published == scoped.publish_at.replace(microsecond=0)
    assert updated == scoped.revised_at.replace(microsecond=0)


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_lead_image_is_an_enclosure_with_type_and_length(
    client, make_article, make_image, url
):
    image = make_image()
    make_article(title="Pictured", lead_image=image)
    _, feed = parse_feed(client, url)
    (enclosure,) = feed.entries[0].enclosures
    largest = max(
        (r for r in image.renditions.all() if r.kind == "width" and r.format == "jpeg"),
        key=lambda r: r.width,
    )
    assert enclosure.href == f"http://127.0.0.1:8000{largest.file.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == largest.file.size > 0


def feed_content(client, url):
    """The HTML of each entry as the feed sends it (feedparser would sanitise
    it on the way in, so it is read from the XML itself)."""
    response, _ = parse_feed(client, url)
    root = ElementTree.fromstring(response.content)
    tag = (
        "{http://www.w3.org/2005/Atom}content"
        if url.endswith("/atom/")
        else "{http://purl.org/rss/1.0/modules/content/}encoded"
    )
    return [element.text for element in root.iter(tag)]


def addresses(html):
    """Every href, src, cite and srcset candidate in some HTML."""
    found = re.findall(r'(?:href|src|cite)="([^"]*)"', html)
    for srcset in re.findall(r'srcset="([^"]*)"', html):
        found += [part.split()[0] for part in srcset.split(",") if part.strip()]
    return found


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_every_address_in_feed_content_is_absolute(
    client, make_article, make_image, url
):
    image = make_image()
    make_article(title="Card target", slug="card-target")
    article = make_article(
        slug="linked",
        publish_at=timezone.now(),
        body=(
            "See [the notes](#notes), [page two](page-2/), [home](/) and "
            "[elsewhere](https://example.org/x).\n\n"
            f"[[image:{image.pk}]]\n\n[[related:card-target]]\n\n"
            '<img src="pics/b.png" alt="b">'
        ),
    )
    html = feed_content(client, url)[0]
    found = addresses(html)
    page = f"http://{HOST}{article.get_absolute_url()}"
    assert f"{page}#notes" in found and f"{page}page-2/" in found
    assert f"http://{HOST}/" in found and "https://example.org/x" in found
    assert f"http://{HOST}/articles/card-target/" in found
    assert any(" 800w" in part for part in re.findall(r'srcset="([^"]*)"', html))
    assert all(address.startswith(("http://", "https://")) for address in found)


def test_feed_content_leaves_out_what_only_the_page_can_use(
    client, make_article, make_image
):
    from newsroom.merch.models import MerchItem, Retailer

    shop = Retailer.objects.create(
        name="Figure Depot", slug="depot", allowed_domains="figuredepot.example"
    )
    items = [
        MerchItem.objects.create(
            name=f"Figure {n}",
            retailer=shop,
            price=Decimal("10"),
            url=f"https://figuredepot.example/{n}",
            image=make_image(),
        )
        for n in range(2)
    ]
    make_article(title="Other", slug="other")
    make_article(
        body=f"[[merch:{items[0].pk},{items[1].pk}]]\n\n[[related:other]]",
        publish_at=timezone.now(),
    )
    for url in ["/feeds/rss/", "/feeds/atom/"]:
        html = feed_content(client, url)[0]
        # Readers get the disclosure, the items and their tracked links ...
        assert "We may earn a commission" in html
        assert html.count('rel="sponsored noopener"') == 2
        assert "Figure 1" in html and "/go/" in html
        # ... but no widget parts: roles, states, ids or buttons that need
        # the site's own script.
        assert not re.search(r"\s(role|aria-[a-z]+|id|tabindex)=", html), html
        assert "<button" not in html and "Previous" not in html


def test_atom_entries_without_a_byline_still_have_an_author(client, make_article):
    make_article(title="Unsigned", authors=[])
    _, feed = parse_feed(client, "/feeds/atom/")
    assert feed.feed.author == "Shimbun"
    root = ElementTree.fromstring(client.get("/feeds/atom/").content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}author/{atom}name").text == "Shimbun"


def test_a_tag_named_like_the_series_is_one_category(client, make_article):
    rouge = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    article = make_article(
        kind=Article.Kind.REVIEW, tags=["metallic rouge", "mecha"], series=[rouge]
    )
    Review.objects.create(article=article, score=Decimal("8"), series=rouge)
    for url in ["/feeds/rss/", "/reviews/feed/atom/"]:
        _, feed = parse_feed(client, url)
        terms = [tag.term.casefold() for tag in feed.entries[0].tags]
        assert sorted(terms) == sorted(set(terms)), url
        assert "metallic rouge" in terms and "mecha" in terms


def test_review_feeds_carry_the_score(client, make_article):
    rouge = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    article = make_article(title="Rouge review", kind=Article.Kind.REVIEW)
    Review.objects.create(article=article, score=Decimal("7.5"), series=rouge)
    for url in ["/reviews/feed/rss/", "/feeds/kind/review/rss/", "/feeds/rss/"]:
        _, feed = parse_feed(client, url)
        assert "Score: 7.5/10" in feed.entries[0].summary, url


def test_feeds_answer_conditional_get(client, make_article):
    make_article(title="First")
    response, _ = parse_feed(client, "/feeds/rss/")
    assert (
        "public" in response["Cache-Control"]
        and "max-age=" in response["Cache-Control"]
    )
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/feeds/rss/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    make_article(title="Second", publish_at=timezone.now() - timedelta(minutes=1))
    response = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Second" in response.content.decode()


@pytest.mark.parametrize("change", ["unpublish", "edit", "correction"])
def test_a_change_moves_last_modified_so_no_reader_keeps_a_stale_copy(
    client, make_article, editor, time_machine, change
):
    from newsroom.articles import services
    from newsroom.articles.models import Correction

    make_article(title="Older", publish_at=timezone.now() - timedelta(days=3))
    newest = make_article(title="Newest", publish_at=timezone.now() - timedelta(days=1))
    urls = ["/feeds/rss/", "/feeds/atom/", "/feeds/kind/news/rss/"]
    seen = {url: parse_feed(client, url)[0]["Last-Modified"] for url in urls}
    for url, modified in seen.items():
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    time_machine.move_to(timezone.now() + timedelta(minutes=5))
    if change == "unpublish":
        services.article_transition(article=newest, user=editor, action="unpublish")
    elif change == "edit":
        newest.title = "Newest, retitled"
        newest.save()
    else:
        Correction.objects.create(article=newest, note="We misspelt a name.")
        services.article_sync_revised_at(article=newest)
    for url, modified in seen.items():
        response = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
        assert response.status_code == 200, (change, url)
        shown = titles(feedparser.parse(response.content))
        assert any(title.startswith("Newest") for title in shown) is (
            change != "unpublish"
        )


def test_feed_cache_never_outlives_the_next_scheduled_article(
    client, make_article, settings
):
    settings.FEED_CACHE_SECONDS = 900
    make_article(title="Now")
    make_article(title="Soon", publish_at=timezone.now() + timedelta(seconds=120))
    response = client.get("/feeds/atom/")
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"])[1])
    assert max_age <= 120


NOT_LIVE = {
    "draft": {"status": Article.Status.DRAFT, "publish_at": None},
    "in review": {"status": Article.Status.IN_REVIEW, "publish_at": None},
    "scheduled": {"publish_at": timezone.now() + timedelta(days=1)},
    "unpublished": {"status": Article.Status.UNPUBLISHED},
}


@pytest.fixture
def hidden(make_article, scoped):
    """Articles in every scope that readers may not see yet."""
    made = []
    for label, fields in NOT_LIVE.items():
        if "publish_at" in fields and fields["publish_at"] is not None:
            fields = fields | {"publish_at": timezone.now() + timedelta(days=1)}
        made.append(
            make_article(
                title=f"Hidden {label}",
                kind=scoped.kind,
                section=scoped.section,
                authors=list(scoped.authors.all()),
                tags=["mecha"],
                series=list(scoped.series.all()),
                **fields,
            )
        )
    return made


def every_feed_url():
    for prefix in ["/feeds/", "/reviews/feed/", *SCOPED_FEEDS]:
        for flavour in ["rss", "atom"]:
            yield f"{prefix}{flavour}/"


def test_nothing_unpublished_leaks_into_any_feed_or_sitemap(client, hidden):
    for url in every_feed_url():
        body = client.get(url).content.decode()
        assert "Hidden" not in body, url
        for article in hidden:
            assert f"/articles/id/{article.pk}/" not in body, url
    for url in ["/sitemap-articles.xml", "/sitemap-news.xml"]:
        body = client.get(url).content.decode()
        for article in hidden:
            assert article.slug not in body, url


def test_scheduled_article_appears_at_its_time_without_a_job(
    client, make_article, time_machine
):
    due = timezone.now() + timedelta(hours=2)
    article = make_article(title="Embargoed scoop", publish_at=due)
    assert "Embargoed scoop" not in client.get("/feeds/rss/").content.decode()
    assert article.slug not in client.get("/sitemap-articles.xml").content.decode()
    time_machine.move_to(due + timedelta(minutes=1))
    assert "Embargoed scoop" in client.get("/feeds/rss/").content.decode()
    assert article.slug in client.get("/sitemap-articles.xml").content.decode()
    assert article.slug in client.get("/sitemap-news.xml").content.decode()


def test_fifty_full_items_cost_a_fixed_number_of_queries(
    client, make_article, make_image, django_assert_max_num_queries
):
    image = make_image()
    series = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    for n in range(60):
        article = make_article(
            kind=Article.Kind.REVIEW if n % 3 == 0 else Article.Kind.NEWS,
            lead_image=image,
            tags=["a", "b"],
            series=[series],
        )
        if n % 3 == 0:
            Review.objects.create(article=article, score=Decimal("8"), series=series)
    for url in [
        "/feeds/atom/",
        "/feeds/series/metallic-rouge/rss/",
        "/reviews/feed/rss/",
    ]:
        with django_assert_max_num_queries(12):
            _, feed = parse_feed(client, url)
        assert len(feed.entries) in (20, 50), url


def test_pages_link_their_feeds_in_the_head(client, scoped):
    page = client.get(scoped.get_absolute_url()).content.decode()
    head = page.split("</head>")[0]
    assert 'href="/feeds/section/features/rss/"' in head
    assert 'href="/feeds/series/metallic-rouge/rss/"' in head
    for url, feed in [
        ("/section/features/", "/feeds/section/features/rss/"),
        ("/tag/mecha/", "/feeds/tag/mecha/rss/"),
        ("/author/aiko-brandt/", "/feeds/author/aiko-brandt/rss/"),
        ("/series/metallic-rouge/", "/feeds/series/metallic-rouge/rss/"),
    ]:
        head = client.get(url).content.decode().split("</head>")[0]
        assert 'type="application/rss+xml"' in head and f'href="{feed}"' in head, url


def test_feed_index_lists_every_scope(client, scoped):
    page = client.get("/feeds/").content.decode()
    for prefix in SCOPED_FEEDS:
        assert f'href="{prefix}rss/"' in page and f'href="{prefix}atom/"' in page, (
            prefix
        )


# Sitemaps and robots.txt ------------------------------------------------------


def sitemap(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return response, ElementTree.fromstring(response.content)


def locs(root):
    return [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_index_lists_every_sitemap_and_each_answers(client, scoped):
    _, root = sitemap(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = locs(root)
    for name in ["articles", "news", "sections", "tags", "authors", "series", "people"]:
        assert f"http://127.0.0.1:8000/sitemap-{name}.xml" in listed
    for url in listed:
        _, child = sitemap(client, url.removeprefix("http://127.0.0.1:8000"))
        assert child.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"


def test_sitemaps_list_live_pages_with_real_lastmod(client, scoped, hidden):
    scoped.revised_at = scoped.publish_at + timedelta(hours=3)
    scoped.save()
    _, root = sitemap(client, "/sitemap-articles.xml")
    entries = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.iterfind("sm:url", SITEMAP_NS)
    }
    inside = f"http://127.0.0.1:8000{scoped.get_absolute_url()}"
    assert len(entries) == 2 and inside in entries
    assert entries[inside] == scoped.revised_at.replace(microsecond=0).isoformat()

    _, sections = sitemap(client, "/sitemap-sections.xml")
    assert "http://127.0.0.1:8000/section/features/" in locs(sections)
    _, tags = sitemap(client, "/sitemap-tags.xml")
    assert locs(tags) == ["http://127.0.0.1:8000/tag/mecha/"]
    _, authors = sitemap(client, "/sitemap-authors.xml")
    assert "http://127.0.0.1:8000/author/aiko-brandt/" in locs(authors)
    _, series = sitemap(client, "/sitemap-series.xml")
    assert locs(series) == ["http://127.0.0.1:8000/series/metallic-rouge/"]


def test_tags_and_authors_with_only_unpublished_work_are_left_out(
    client, make_article, make_author
):
    writer = make_author(slug="new-hire")
    make_article(
        tags=["secret-project"],
        authors=[writer],
        status=Article.Status.DRAFT,
        publish_at=None,
    )
    assert "secret-project" not in client.get("/sitemap-tags.xml").content.decode()
    assert "new-hire" not in client.get("/sitemap-authors.xml").content.decode()


def test_news_sitemap_has_only_the_last_two_days(client, make_article):
    fresh = make_article(
        title="Rouge & Naomi <return>", publish_at=timezone.now() - timedelta(hours=3)
    )
    old = make_article(title="Old news", publish_at=timezone.now() - timedelta(days=3))
    _, root = sitemap(client, "/sitemap-news.xml")
    assert locs(root) == [f"http://127.0.0.1:8000{fresh.get_absolute_url()}"]
    assert (
        root.findtext(".//news:title", namespaces=NEWS_NS) == "Rouge & Naomi <return>"
    )
    assert root.findtext(".//news:name", namespaces=NEWS_NS) == "Shimbun"
    assert root.findtext(".//news:language", namespaces=NEWS_NS) == "en"
    published = root.findtext(".//news:publication_date", namespaces=NEWS_NS)
    assert published == fresh.publish_at.replace(microsecond=0).isoformat()
    assert old.slug not in client.get("/sitemap-news.xml").content.decode()


def test_sitemaps_cost_a_fixed_number_of_queries(
    client, make_article, django_assert_max_num_queries
):
    for n in range(40):
        make_article(tags=[f"tag-{n % 7}"])
    # The index asks each of its eleven sitemaps for its newest date and size,
    # and the next scheduled article bounds its cache time.
    with django_assert_max_num_queries(28):
        assert client.get("/sitemap.xml").status_code == 200
    for url in ["/sitemap-articles.xml", "/sitemap-tags.xml", "/sitemap-sections.xml"]:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


def test_unknown_sitemap_is_404(client, db):
    assert client.get("/sitemap-nope.xml").status_code == 404
    assert client.get("/sitemap-articles.xml?p=99").status_code == 404


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_private_paths(
    client, db
):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    for path in ["/admin/", "/go/", "/preview/", "/banner/"]:
        assert f"Disallow: {path}\n" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml\n" in body
    assert "Sitemap: http://127.0.0.1:8000/sitemap-news.xml\n" in body


# Old slugs --------------------------------------------------------------------


def test_renamed_article_redirects_permanently_from_every_old_slug(
    client, make_article
):
    article = make_article(slug="rouge-trailer")
    for new in ["rouge-trailer-2", "metallic-rouge-trailer"]:
        article.slug = new
        article.save()
    for old in ["rouge-trailer", "rouge-trailer-2"]:
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/metallic-rouge-trailer/"
    assert client.get("/articles/metallic-rouge-trailer/").status_code == 200


def test_taking_an_old_slug_back_serves_it_again(client, make_article):
    article = make_article(slug="first")
    article.slug = "second"
    article.save()
    article.slug = "first"
    article.save()
    assert client.get("/articles/first/").status_code == 200
    assert client.get("/articles/second/")["Location"] == "/articles/first/"


def test_old_slug_of_an_unpublished_article_reveals_nothing(client, make_article):
    article = make_article(slug="leaky")
    article.slug = "secret-new-title"
    article.status = Article.Status.UNPUBLISHED
    article.save()
    response = client.get("/articles/leaky/")
    assert response.status_code == 404
    assert b"secret-new-title" not in response.content


def test_renamed_series_and_person_redirect(client, db):
    series = Series.objects.create(title="Metallic Rouge", slug="metalic-rouge")
    person = Person.objects.create(name="Motonobu Hori", slug="motonobu-hor")
    series.slug = "metallic-rouge"
    series.save()
    person.slug = "motonobu-hori"
    person.save()
    assert client.get("/series/metalic-rouge/")["Location"] == "/series/metallic-rouge/"
    assert (
        client.get("/series/metalic-rouge/coverage/")["Location"]
        == "/series/metallic-rouge/coverage/"
    )
    assert client.get("/people/motonobu-hor/")["Location"] == "/people/motonobu-hori/"
    moved = client.get("/series/metalic-rouge/coverage/", {"page": "2"})
    assert moved["Location"] == "/series/metallic-rouge/coverage/?page=2"
    assert client.get("/series/metalic-rouge/").status_code == 301
    assert client.get("/series/never-existed/").status_code == 404


def test_only_saves_that_change_the_slug_record_an_old_one(make_article):
    from newsroom.kernel.slugs.models import OldSlug

    article = make_article(slug="admin-old")
    article.slug = "admin-new"
    article.save(update_fields=["title"])  # a save that does not touch the slug
    assert not OldSlug.objects.exists()
    article.save()
    assert OldSlug.objects.get().slug == "admin-old"


# Metadata ---------------------------------------------------------------------


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>")[0]


def meta(head, key):
    found = re.findall(
        rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)"', head
    )
    assert len(found) == 1, (key, found)
    return found[0]


def jsonld(head):
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', head, re.S
        )
    ]


def of_type(blocks, kind):
    (found,) = [block for block in blocks if block["@type"] == kind]
    return found


PUBLIC_PAGES = [
    "/",
    "/section/features/",
    "/tag/mecha/",
    "/author/aiko-brandt/",
    "/series/",
    "/series/metallic-rouge/",
    "/series/metallic-rouge/coverage/",
    "/reviews/",
    "/feeds/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_title_description_canonical_and_card(
    client, scoped, url
):
    head = head_of(client, url)
    assert re.search(r"<title>[^<]+</title>", head)
    assert meta(head, "description")
    (canonical,) = re.findall(r'<link rel="canonical" href="([^"]+)">', head)
    assert canonical == f"http://127.0.0.1:8000{url}"
    assert meta(head, "og:url") == canonical
    assert meta(head, "og:title") and meta(head, "og:description")
    assert meta(head, "og:image").startswith("http://127.0.0.1:8000/")
    assert meta(head, "twitter:card") == "summary_large_image"
    assert jsonld(head), url


def test_canonical_drops_tracking_and_keeps_the_page(client, make_article):
    for _ in range(14):
        make_article()
    head = head_of(client, "/?utm_source=feed&page=2&fbclid=x")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/?page=2">' in head
    head = head_of(client, "/?page=1")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/">' in head


def test_article_markup_follows_googles_article_rules(client, scoped, make_image):
    scoped.lead_image = make_image()
    scoped.save()
    head = head_of(client, scoped.get_absolute_url())
    data = of_type(jsonld(head), "NewsArticle")
    url = f"http://127.0.0.1:8000{scoped.get_absolute_url()}"
    assert data["headline"] == "Inside"
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["datePublished"] == scoped.publish_at.isoformat()
    assert data["dateModified"] == scoped.modified_at.isoformat()
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Aiko Brandt",
            "url": "http://127.0.0.1:8000/author/aiko-brandt/",
        }
    ]
    assert data["publisher"]["name"] == "Shimbun"
    assert data["publisher"]["logo"]["url"].endswith("/static/img/logo.png")
    assert all(
        image.startswith("http://127.0.0.1:8000/media/") for image in data["image"]
    )
    assert data["about"] == [
        {
            "@type": "TVSeries",
            "name": "Metallic Rouge",
            "url": "http://127.0.0.1:8000/series/metallic-rouge/",
        }
    ]
    assert meta(head, "og:image") == data["image"][0]
    assert meta(head, "og:type") == "article"
    trail = of_type(jsonld(head), "BreadcrumbList")["itemListElement"]
    assert [crumb["name"] for crumb in trail] == ["Shimbun", "Features", "Inside"]
    assert trail[-1]["item"] == url


def test_long_headlines_are_cut_for_structured_data(client, make_article):
    article = make_article(title="Word " * 40)
    data = of_type(jsonld(head_of(client, article.get_absolute_url())), "NewsArticle")
    assert len(data["headline"]) <= 110 and data["headline"].endswith("…")


def test_home_describes_the_site_and_its_search(client, db):
    data = of_type(jsonld(head_of(client, "/")), "WebSite")
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["potentialAction"]["target"]["urlTemplate"] == (
        "http://127.0.0.1:8000/search/?q={search_term_string}"
    )


def test_series_and_person_pages_describe_their_subject(client, db):
    series = Series.objects.create(
        title="Metallic Rouge",
        slug="metallic-rouge",
        title_japanese="メタリックルージュ",
        aliases="Metarikku Rūju",
        episode_count=13,
        premiere_date=date(2024, 1, 10),
    )
    person = Person.objects.create(
        name="Motonobu Hori", slug="motonobu-hori", native_name="堀元宣"
    )
    data = of_type(jsonld(head_of(client, series.get_absolute_url())), "TVSeries")
    assert data["name"] == "Metallic Rouge"
    assert data["alternateName"] == ["メタリックルージュ", "Metarikku Rūju"]
    assert data["startDate"] == "2024-01-10" and data["numberOfEpisodes"] == 13
    data = of_type(jsonld(head_of(client, person.get_absolute_url())), "Person")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Motonobu Hori",
        "url": "http://127.0.0.1:8000/people/motonobu-hori/",
        "alternateName": ["堀元宣"],
    }


def test_structured_data_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script>")
    head = head_of(client, article.get_absolute_url())
    assert "<script>alert(1)" not in head
    assert of_type(jsonld(head), "NewsArticle")["headline"] == article.title


def test_machine_readable_times_are_valid_html(client, make_article):
    article = make_article()
    article.revised_at = timezone.now()  # microseconds, which HTML refuses
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', page)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), (
            stamp
        )


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [("news", "NewsArticle"), ("interview", "NewsArticle"), ("blog", "BlogPosting")],
)
def test_each_kind_has_its_schema_type(client, make_article, kind, schema_type):
    article = make_article(kind=kind)
    blocks = jsonld(head_of(client, article.get_absolute_url()))
    assert of_type(blocks, schema_type)["headline"] == article.title


def test_search_landmarks_are_told_apart(client, db):
    page = client.get("/search/?q=rouge").content.decode()
    assert 'role="search" aria-label="Site search"' in page
    assert 'role="search" aria-label="Search and filters"' in page


def test_corrections_link_to_the_corrections_policy(client, make_article):
    from newsroom.articles.models import Correction
    from newsroom.kernel.sitewide.models import Page

    article = make_article()
    Correction.objects.create(article=article, note="Fixed the premiere date.")
    Page.objects.create(title="Corrections policy", slug="corrections-policy", body="x")
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/about/corrections-policy/">How we correct mistakes</a>' in page


def test_control_characters_cannot_break_feeds_or_the_news_sitemap(
    client, make_article, make_author
):
    # Saved around the admin's cleaning (a script, an import, old data).
    article = make_article(
        title="Tom & Jerry \x01 end",
        dek="Dek \x08 here",
        publish_at=timezone.now(),
        tags=["ctl\x01tag"],
        authors=[make_author(name="Aiko\x1b Brandt", slug="aiko")],
    )
    tag = article.tags.get()
    for prefix in ["/feeds/", f"/feeds/tag/{tag.slug}/", "/feeds/author/aiko/"]:
        for flavour in ["rss", "atom"]:
            _, feed = parse_feed(client, f"{prefix}{flavour}/")
            (entry,) = feed.entries
            # RSS titles go out HTML-escaped (feedparser then calls them HTML);
            # what a reader shows is the same either way.
            shown = entry.title
            if entry.title_detail.type == "text/html":
                shown = unescape(shown)
            assert shown == "Tom & Jerry  end", prefix
            assert entry.author == "Aiko Brandt"
            assert [t.term for t in entry.tags] == ["ctltag"]
    response = client.get("/sitemap-news.xml")
    root = ElementTree.fromstring(response.content)
    (title,) = root.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")
    assert title.text == "Tom & Jerry  end"


# The public address, whatever Host asked -------------------------------------


def test_every_absolute_address_names_the_public_site_whatever_the_host(
    make_article, settings
):
    settings.ALLOWED_HOSTS = ["internal.example", "127.0.0.1"]
    settings.SITE_URL = "https://news.example"
    article = make_article(title="Rouge dated", slug="rouge-dated")
    inside = Client(HTTP_HOST="internal.example")
    page = inside.get("/articles/rouge-dated/").content.decode()
    assert (
        '<link rel="canonical" href="https://news.example/articles/rouge-dated/">'
        in page
    )
    assert 'content="https://news.example/articles/rouge-dated/"' in page  # og:url
    assert "internal.example" not in page
    for url in ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/sitemap-articles.xml"]:
        body = inside.get(url).content.decode()
        assert "internal.example" not in body, url
        assert "https://news.example/" in body, url
    _, feed = parse_feed(inside, "/feeds/atom/")
    assert feed.entries[0].link == "https://news.example/articles/rouge-dated/"
    assert feed.entries[0].id.endswith(f"/articles/id/{article.pk}/")
    robots = inside.get("/robots.txt").content.decode()
    assert "Sitemap: https://news.example/sitemap.xml" in robots


def test_sitemap_index_gives_each_page_of_articles_its_own_lastmod(
    client, make_article, monkeypatch
):
    from newsroom.articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    now = timezone.now().replace(microsecond=0)
    for days in [1, 2, 10, 11, 30]:
        make_article(publish_at=now - timedelta(days=days))
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    lastmods = {
        entry.findtext("sm:loc", namespaces=SITEMAP_NS): entry.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for entry in root.findall("sm:sitemap", SITEMAP_NS)
    }
    base = f"http://{HOST}/sitemap-articles.xml"
    pages = [lastmods[base], lastmods[f"{base}?p=2"], lastmods[f"{base}?p=3"]]
    expected = [now - timedelta(days=d) for d in (1, 10, 30)]
    assert [datetime.fromisoformat(p) for p in pages] == expected
    assert f"{base}?p=4" not in lastmods


def test_sitemaps_are_not_cached_past_the_next_scheduled_article(client, make_article):
    make_article(publish_at=timezone.now() + timedelta(seconds=90))
    for url in ["/sitemap.xml", "/sitemap-articles.xml"]:
        max_age = int(re.search(r"max-age=(\d+)", client.get(url)["Cache-Control"])[1])
        assert max_age <= 90, url


def test_robots_txt_answers_head(client, db):
    assert client.head("/robots.txt").status_code == 200


def test_feeds_of_a_renamed_series_redirect_to_the_new_feeds(client, make_article):
    series = Series.objects.create(title="Metallic Rouge", slug="metalic-rouge")
    make_article(series=[series])
    series.slug = "metallic-rouge"
    series.save()
    for flavour in ["rss", "atom"]:
        response = client.get(f"/feeds/series/metalic-rouge/{flavour}/")
        assert response.status_code == 301
        assert response["Location"] == f"/feeds/series/metallic-rouge/{flavour}/"
    assert client.get("/feeds/series/never-was/rss/").status_code == 404


def test_a_tag_used_only_on_drafts_has_no_page_and_no_feed(client, make_article):
    make_article(
        tags=["sequel-announcement"], status=Article.Status.DRAFT, publish_at=None
    )
    rouge = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    rouge.tags.set(["cyberpunk"])
    for url in [
        "/tag/sequel-announcement/",
        "/feeds/tag/sequel-announcement/rss/",
        "/feeds/tag/sequel-announcement/atom/",
    ]:
        assert client.get(url).status_code == 404, url
    # A tag readers can see on a series page still has its page.
    assert client.get("/tag/cyberpunk/").status_code == 200


@pytest.mark.parametrize("asked", ["999", "abc", "-1"])
def test_canonical_names_the_page_actually_served(client, make_article, asked):
    section = make_article().section
    for _ in range(13):
        make_article(section=section)
    html = client.get(f"{section.get_absolute_url()}?page={asked}").content.decode()
    served = None if asked == "abc" else "2"  # past either end: the last page
    canonical = f"http://{HOST}{section.get_absolute_url()}"
    if served:
        canonical += f"?page={served}"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_policy_pages_are_in_their_own_sitemap(client, db):
    from newsroom.kernel.sitewide.models import Page

    Page.objects.create(title="Editorial policy", slug="editorial-policy", body="x")
    _, root = sitemap(client, "/sitemap-about.xml")
    assert locs(root) == ["http://127.0.0.1:8000/about/editorial-policy/"]
    _, index = sitemap(client, "/sitemap.xml")
    assert "http://127.0.0.1:8000/sitemap-about.xml" in locs(index)


def test_an_article_without_a_lead_image_still_gives_search_engines_one(
    client, make_article
):
    article = make_article(title="No picture", kind=Article.Kind.NEWS)
    html = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    (data,) = [block for block in blocks if '"NewsArticle"' in block]
    (image,) = json.loads(data)["image"]
    assert image.startswith("http://127.0.0.1:8000/static/img/social-default")
    assert f'<meta property="og:image" content="{image}">' in html


@pytest.fixture
def growing_scopes(make_article, make_section, make_author, make_image):
    """Four articles in every feed's scope and sitemap; ``grow()`` adds four
    more, each with its own co-author, tag, section, series, studio and
    person, its series in a season of its own."""
    section = make_section(name="Features", slug="features")
    author = make_author(name="Aiko Brandt", slug="aiko-brandt")
    rouge = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    image = make_image()
    added = 0

    def grow():
        nonlocal added
        for _ in range(4):
            added += 1
            other = Series.objects.create(
                title=f"Series {added}",
                slug=f"series-{added}",
                premiere_date=date(2000 + added, 1, 10),
            )
            studio = Studio.objects.create(name=f"Studio {added}", slug=f"st-{added}")
            SeriesStudio.objects.create(series=other, studio=studio)
            article = make_article(
                kind=Article.Kind.REVIEW,
                section=section,
                authors=[author, make_author()],
                series=[rouge, other],
                lead_image=image,
                publish_at=timezone.now() - timedelta(minutes=added),
            )
            article.tags.set(["mecha", f"tag-{added}"])
            article.people.add(
                Person.objects.create(name=f"Person {added}", slug=f"p-{added}")
            )
            Review.objects.create(article=article, series=rouge, score=Decimal("8"))
            make_article(publish_at=timezone.now() - timedelta(minutes=added))

    grow()
    return grow


@pytest.mark.parametrize(
    "path",
    [
        f"{scope}{kind}/"
        for scope in [
            "/feeds/",
            "/feeds/section/features/",
            "/feeds/kind/review/",
            "/feeds/series/metallic-rouge/",
            "/feeds/tag/mecha/",
            "/feeds/author/aiko-brandt/",
        ]
        for kind in ["rss", "atom"]
    ]
    + [
        f"/sitemap-{name}.xml"
        for name in [
            "news",
            "articles",
            "sections",
            "tags",
            "authors",
            "series",
            "people",
            "studios",
            "seasons",
        ]
    ],
)
def test_feeds_and_sitemaps_cost_the_same_with_twice_the_items(
    client, growing_scopes, path
):
    assert_flat_queries(client, path, growing_scopes)
