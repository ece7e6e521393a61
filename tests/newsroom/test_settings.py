"""Deployment switches that change which URLs exist."""

import importlib

import pytest
from django.urls import clear_url_caches

import newsroom.site.urls


@pytest.fixture
def reload_urls(settings):
    def reload(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        clear_url_caches()
        return importlib.reload(newsroom.site.urls)

    yield reload
    clear_url_caches()
    importlib.reload(newsroom.site.urls)


def media_patterns(urls):
    return [p for p in urls.urlpatterns if "media" in str(getattr(p, "pattern", ""))]


def test_media_is_served_by_django_only_when_asked(reload_urls):
    assert media_patterns(reload_urls(SERVE_MEDIA=False)) == []
    assert len(media_patterns(reload_urls(SERVE_MEDIA=True))) == 1


def test_served_media_is_cacheable(client, reload_urls, settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "note.txt").write_text("hello")
    reload_urls(SERVE_MEDIA=True, ROOT_URLCONF="newsroom.site.urls")
    response = client.get("/media/note.txt")
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"]
    assert client.get("/media/../settings.py").status_code in (400, 404)


def test_an_impossibly_long_media_name_is_not_found(client, reload_urls, db):
    reload_urls(SERVE_MEDIA=True, ROOT_URLCONF="newsroom.site.urls")
    assert client.get("/media/" + "a" * 5000).status_code == 404
