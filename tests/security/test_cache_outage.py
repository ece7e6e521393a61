"""A Redis outage makes the site slower, never unavailable (issue 13, finding 1)."""

import logging

import pytest

from newsroom.site.settings import redis_cache

PUBLIC_PATHS = [
    "/",
    "/articles/metallic-rouge-bones-25th-anniversary-anime-january-2024/",
    "/articles/metallic-rouge-review/",
    "/series/metallic-rouge/",
    "/people/motonobu-hori/",
    "/season/winter-2024/",
    "/section/news/",
    "/reviews/",
    "/search/?q=Metallic+Rogue",
    "/feeds/rss/",
    "/feeds/atom/",
    "/reviews/feed/rss/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/robots.txt",
    "/admin/login/",
]
STAFF_PATHS = ["/admin/", "/admin/newsroom/article/", "/admin/newsroom/article/add/"]


@pytest.fixture
def private_redis_cache(settings, redis_server):
    settings.CACHES = {"default": redis_cache(redis_server.url)}
    return redis_server


@pytest.fixture
def cache_log():
    """Records the cache logger lets through, after its repeat filter."""
    logger = logging.getLogger("newsroom.cache")
    for once in logger.filters:
        once._last.clear()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_every_page_answers_while_redis_is_stopped(
    client, private_redis_cache, cache_log, django_db_blocker, demo
):
    from django.core.cache import cache

    for path in PUBLIC_PATHS:
        assert client.get(path).status_code == 200, path
    cache.set("probe", "up")
    assert cache.get("probe") == "up", "the pages really used the private Redis"

    private_redis_cache.stop()
    assert not private_redis_cache.answers()

    for path in PUBLIC_PATHS:
        assert client.get(path).status_code == 200, path
    logged_in = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "shimbun-editor"},
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == "/admin/"
    for path in STAFF_PATHS:
        assert client.get(path).status_code == 200, path

    assert cache.get("probe") is None
    assert len(cache_log) == 1, "the outage is logged once, not once per request"
    assert cache_log[0].levelno >= logging.WARNING
