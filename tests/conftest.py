"""Shared fixtures: plain factory functions for the newsroom's models."""

import itertools
from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker

from newsroom import services, tasks
from newsroom.models import Article, Author, Image, MerchItem, Retailer, Section
from newsroom.roles import EDITORS, WRITERS, ensure_roles
from tests.demo_snapshot import DemoSnapshot, load_demo
from tests.images import picture_bytes

_counter = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Django's real hasher is slow on purpose (a second per password on a
    busy machine); what the tests check of passwords does not need that."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    ):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = settings.STORAGES | {
        "incoming": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "incoming"},
        }
    }


def run_queued_tasks() -> None:
    """Run every queued background task with the real database worker, in
    this process, until the queue is empty.

    The worker closes stale connections between tasks; inside a test that
    would close the connection holding the test's transaction (PostgreSQL),
    so that one step is left out here, as Django's test client leaves it out
    around requests.
    """
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        tasks.work_queue_until_empty()


@pytest.fixture
def run_tasks(db, django_capture_on_commit_callbacks):
    """Call ``run_tasks(fn)`` to do ``fn()`` as if its transaction committed
    (so what it enqueues on commit is queued) and then work the queue."""

    def run(action=None):
        with django_capture_on_commit_callbacks(execute=True):
            result = action() if action is not None else None
        with django_capture_on_commit_callbacks(execute=True):
            run_queued_tasks()
        return result

    return run


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test database sends
    no signals, so what one test cached must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def demo_snapshot(
    django_db_setup, django_db_blocker, tmp_path_factory, _fast_password_hashing
):
    """The demo newsroom as ``load_demo`` makes it, once per test process."""
    with django_db_blocker.unblock():
        return DemoSnapshot.build(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def demo(db, demo_snapshot, _media_root):
    """The demo newsroom (``manage.py load_demo``) in this test's database and
    media folder, restored from the snapshot; loaded for real only when the
    test made rows the demo's would collide with before asking for it."""
    if not demo_snapshot.restore():
        load_demo()


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
def make_image(db, run_tasks, django_capture_on_commit_callbacks):
    """An image as an upload leaves it, after the worker has processed it;
    ``process=False`` leaves its task queued."""

    def make(data=None, name="still.jpg", process=True, **fields):
        fields = {"title": "Still", "alt_text": "A red planet over a city"} | fields
        image = Image(**fields)
        image.file = ContentFile(data or picture_bytes(), name=name)
        if not process:
            with django_capture_on_commit_callbacks(execute=True):
                return services.image_store(image=image, file_changed=True)
        run_tasks(lambda: services.image_store(image=image, file_changed=True))
        image.refresh_from_db()
        return image

    return make


@pytest.fixture
def shop(db):
    return Retailer.objects.create(
        name="Figure Depot", slug="depot", allowed_domains="figuredepot.example"
    )


@pytest.fixture
def make_item(shop):
    def make(**fields):
        fields = {
            "name": "Rouge figure",
            "retailer": shop,
            "price": Decimal("189.90"),
            "url": "https://figuredepot.example/rouge",
        } | fields
        tags = fields.pop("tags", [])
        item = MerchItem.objects.create(**fields)
        if tags:
            item.tags.set(tags)
        return item

    return make


@pytest.fixture
def merch_item(make_item):
    return make_item()


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
