"""Shared fixtures: plain factory functions for the newsroom's models."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from newsroom import services
from newsroom.models import Article, Author, Image, Section
from newsroom.roles import EDITORS, WRITERS, ensure_roles
from tests.images import picture_bytes

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test database sends
    no signals, so what one test cached must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_section(db):
    def make(**overrides):
        n = next(_counter)
        fields = {"name": f"Section {n}", "slug": f"section-{n}"} | overrides
        return Section.objects.create(**fields)

    return make


@pytest.fixture
def make_author(db):
    def make(**overrides):
        n = next(_counter)
        fields = {"name": f"Writer {n}", "slug": f"writer-{n}"} | overrides
        return Author.objects.create(**fields)

    return make


@pytest.fixture
def make_article(db, make_section, make_author):
    """An article, live by default; pass status/publish_at to change that."""

    def make(*, authors=None, tags=(), series=(), **overrides):
        n = next(_counter)
        fields = {
            "title": f"Article {n}",
            "slug": f"article-{n}",
            "dek": f"Summary of article {n}",
            "body": f"Body of article {n}.",
            "status": Article.Status.PUBLISHED,
            "publish_at": timezone.now() - timedelta(hours=n),
        } | overrides
        if "section" not in fields:
            fields["section"] = make_section()
        article = Article.objects.create(**fields)
        article.authors.set(authors if authors is not None else [make_author()])
        if tags:
            article.tags.set(list(tags))
        if series:
            article.series.set(list(series))
        return article

    return make


@pytest.fixture
def make_image(db):
    def make(data=None, name="still.jpg", **fields):
        fields = {"title": "Still", "alt_text": "A red planet over a city"} | fields
        image = Image(**fields)
        image.file = ContentFile(data or picture_bytes(), name=name)
        return services.image_store(image=image, file_changed=True)

    return make


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def editor(roles):
    user = get_user_model().objects.create_user(
        "ed", password="pw-editor-123", is_staff=True
    )
    user.groups.add(roles[EDITORS])
    return user


@pytest.fixture
def writer(roles):
    user = get_user_model().objects.create_user(
        "wr", password="pw-writer-123", is_staff=True
    )
    user.groups.add(roles[WRITERS])
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    browser_skips = [r for r in skipped if "tests/browser/" in str(r.nodeid)]
    if browser_skips:
        terminalreporter.write_line(
            f"NOTE: {len(browser_skips)} browser test(s) were SKIPPED: Chromium "
            "is not installed (make browser installs it).",
            yellow=True,
            bold=True,
        )
    service_skips = [r for r in skipped if "redis-server" in str(r.longrepr)]
    if service_skips:
        terminalreporter.write_line(
            f"NOTE: {len(service_skips)} test(s) that stop a private Redis were "
            "SKIPPED: redis-server is not installed (apt-get install redis-server).",
            yellow=True,
            bold=True,
        )
