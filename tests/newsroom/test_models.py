from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from newsroom.articles.models import Article

pytestmark = pytest.mark.django_db


def test_body_is_rendered_to_html_on_save(make_article):
    article = make_article(body="Hello **world**")
    assert article.body_html == "<p>Hello <strong>world</strong></p>\n"


def test_rendered_html_follows_body_changes_with_update_fields(make_article):
    article = make_article(body="old")
    article.body = "*new*"
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert "<em>new</em>" in article.body_html


def test_live_excludes_drafts_and_future_articles(make_article):
    live = make_article()
    make_article(status=Article.Status.DRAFT, publish_at=None)
    make_article(publish_at=timezone.now() + timedelta(minutes=5))
    assert list(Article.objects.live()) == [live]


def test_scheduled_article_becomes_live_at_its_time(make_article):
    when = timezone.now() + timedelta(hours=2)
    article = make_article(publish_at=when)
    assert article not in Article.objects.live()
    assert article in Article.objects.live(now=when)
    assert not article.is_live


def test_database_refuses_published_article_without_publish_time(make_article):
    with pytest.raises(IntegrityError):
        make_article(publish_at=None)


def test_modified_at_is_never_before_publish_time(make_article):
    future = timezone.now() + timedelta(days=1)
    article = make_article(publish_at=future)
    assert article.modified_at == future


def test_string_and_url(make_article):
    article = make_article(title="Hello", slug="hello")
    assert str(article) == "Hello"
    assert article.get_absolute_url() == "/articles/hello/"
