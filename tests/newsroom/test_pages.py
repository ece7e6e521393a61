from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_articles(make_article, make_section, make_author):
    """A draft and a scheduled article beside a live one, all related alike."""
    section = make_section(slug="news", name="News")
    author = make_author(slug="aiko", name="Aiko")
    live = make_article(
        title="Live story", section=section, authors=[author], tags=["rouge"]
    )
    draft = make_article(
        title="Secret draft",
        section=section,
        authors=[author],
        tags=["rouge"],
        status=Article.Status.DRAFT,
        publish_at=None,
    )
    scheduled = make_article(
        title="Embargoed scoop",
        section=section,
        authors=[author],
        tags=["rouge"],
        publish_at=timezone.now() + timedelta(days=1),
    )
    return live, draft, scheduled


PUBLIC_PAGES = [
    ("newsroom:home", {}),
    ("newsroom:section-detail", {"slug": "news"}),
    ("newsroom:tag-detail", {"slug": "rouge"}),
    ("newsroom:author-detail", {"slug": "aiko"}),
    ("newsroom:feed-rss", {}),
    ("newsroom:feed-atom", {}),
]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_drafts_and_scheduled_articles_never_appear(
    client, hidden_articles, name, kwargs
):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Live story" in content
    assert "Secret draft" not in content
    assert "Embargoed scoop" not in content


def test_draft_and_scheduled_article_pages_are_404(client, hidden_articles):
    _, draft, scheduled = hidden_articles
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert client.get(f"/articles/id/{draft.pk}/").status_code == 404


def test_live_article_page_shows_body_byline_and_tags(
    client, make_article, make_author
):
    author = make_author(name="Marcus Velde")
    article = make_article(
        title="Rouge review", body="It is **good**.", authors=[author], tags=["mecha"]
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Rouge review</h1>" in html
    assert "<strong>good</strong>" in html
    assert "Marcus Velde" in html
    assert reverse("newsroom:tag-detail", kwargs={"slug": "mecha"}) in html


def test_article_page_escapes_editor_text(client, make_article):
    article = make_article(title="<script>alert(1)</script>", dek='"><b>x</b>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>x</b>" not in html


def test_article_by_id_redirects_permanently_to_current_address(client, make_article):
    article = make_article(slug="new-slug")
    response = client.get(f"/articles/id/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/new-slug/"


@pytest.mark.parametrize(
    "path",
    [
        "/articles/no-such-article/",
        "/section/no-such-section/",
        "/tag/no-such-tag/",
        "/author/no-such-author/",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_give_the_404_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 404


def test_404_page_uses_the_site_template(client, db, settings):
    settings.DEBUG = False
    response = client.get("/articles/missing/")
    assert response.status_code == 404
    assert b"We couldn" in response.content
    # A missing page names no canonical address and asks not to be indexed.
    assert b'rel="canonical"' not in response.content
    assert b'property="og:url"' not in response.content
    assert b'<meta name="robots" content="noindex">' in response.content


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0", "1.5"])
def test_bad_page_numbers_never_fail(client, make_article, page):
    for _ in range(3):
        make_article()
    response = client.get("/", {"page": page})
    assert response.status_code == 200


def test_home_paginates_newest_first(client, make_article):
    articles = [make_article() for _ in range(14)]  # made newest first
    first = client.get("/")
    second = client.get("/", {"page": 2})
    assert first.context["page_obj"].paginator.num_pages == 2
    assert list(first.context["articles"]) == articles[:12]
    assert list(second.context["articles"]) == articles[12:]
    assert b'rel="next"' in first.content


def test_every_page_links_both_feeds_in_head(client, make_article):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert 'type="application/rss+xml"' in head
    assert 'type="application/atom+xml"' in head


def test_anonymous_pages_are_publicly_cacheable(client, make_article):
    response = client.get("/")
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_query_count_does_not_grow_with_articles(
    client,
    django_assert_max_num_queries,
    make_article,
    make_section,
    make_author,
    name,
    kwargs,
):
    section = make_section(slug="news", name="News")
    authors = [make_author(slug="aiko", name="Aiko"), make_author()]
    for _ in range(40):
        make_article(section=section, authors=authors, tags=["rouge", "mecha"])
    client.get("/")  # steady state: banner and footer pages are cached
    with django_assert_max_num_queries(8):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES)
def test_list_pages_cost_the_same_with_twice_the_articles(
    client, make_article, make_section, make_author, make_image, name, kwargs
):
    """Five articles, then ten: each with its own co-author, tag and lead
    picture's renditions, all on the first page of every list."""
    section = make_section(slug="news", name="News")
    aiko = make_author(slug="aiko", name="Aiko")
    image = make_image()

    def add_articles():
        for _ in range(5):
            article = make_article(
                section=section, authors=[aiko, make_author()], lead_image=image
            )
            article.tags.set(["rouge", f"tag-{article.pk}"])

    add_articles()
    assert_flat_queries(client, reverse(name, kwargs=kwargs), add_articles)


def test_article_page_query_count_is_fixed(
    client, django_assert_max_num_queries, make_article, make_author, make_section
):
    section = make_section()
    authors = [make_author() for _ in range(4)]
    for _ in range(10):
        make_article(section=section, authors=authors)
    article = make_article(section=section, authors=authors, tags=["a", "b", "c"])
    client.get("/")  # steady state: banner and footer pages are cached
    with django_assert_max_num_queries(10):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_a_card_without_a_picture_gets_a_drawn_panel_hidden_from_readers(
    client, make_article, make_image
):
    make_article(title="Pictured", lead_image=make_image())
    make_article(title="Plain words", kind=Article.Kind.FEATURE)
    make_article(title="Also plain")
    html = client.get("/").content.decode()
    # The lead story is pictured; the other two get the panel.
    assert html.count('<div class="card-image card-art" aria-hidden="true">') == 2
    assert "<span>Feature</span>" in html


def test_author_page_lists_articles_under_its_heading(
    client, make_article, make_author
):
    author = make_author(slug="aiko")
    make_article(title="By Aiko", authors=[author])
    html = client.get("/author/aiko/").content.decode()
    assert '<h2 class="section-heading">Articles by' in html
    assert '<h3 class="card-title"><a' in html and '<h2 class="card-title">' not in html
