from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from newsroom.articles.models import Article

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_feed_parses_and_carries_full_content(client, make_article, make_author, url):
    author = make_author(name="Aiko Brandt")
    article = make_article(
        title="Rouge premieres",
        body="Full **text** here.",
        authors=[author],
        tags=["mecha"],
    )
    _, feed = parse(client, url)
    (entry,) = feed.entries
    assert entry.title == "Rouge premieres"
    assert entry.link == f"http://127.0.0.1:8000{article.get_absolute_url()}"
    assert "<strong>text</strong>" in entry.content[0].value
    assert entry.author == "Aiko Brandt"
    assert [tag.term for tag in entry.tags] == ["mecha"]
    assert entry.id.endswith(f"/articles/id/{article.pk}/")
    assert entry.published_parsed is not None


@pytest.mark.parametrize("url", ["/feeds/rss/", "/feeds/atom/"])
def test_feed_contains_only_live_articles(client, make_article, url):
    make_article(title="Live one")
    make_article(title="A draft", status=Article.Status.DRAFT, publish_at=None)
    make_article(title="Tomorrow", publish_at=timezone.now() + timedelta(days=1))
    _, feed = parse(client, url)
    assert [entry.title for entry in feed.entries] == ["Live one"]


def test_feed_guid_survives_slug_and_title_changes(client, make_article):
    article = make_article(slug="first-slug")
    _, before = parse(client, "/feeds/rss/")
    article.slug = "second-slug"
    article.title = "Retitled"
    article.save()
    _, after = parse(client, "/feeds/rss/")
    assert before.entries[0].id == after.entries[0].id
    assert after.entries[0].link.endswith("/articles/second-slug/")


def test_feed_query_count_is_fixed(client, make_article, django_assert_max_num_queries):
    for _ in range(55):
        make_article(tags=["a", "b"])
    with django_assert_max_num_queries(6):
        response, feed = parse(client, "/feeds/atom/")
    assert len(feed.entries) == 50
