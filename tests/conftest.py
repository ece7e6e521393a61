"""Shared fixtures: the factories of tests/factories.py, staff users, the demo
newsroom, and a clean cache and media folder for every test."""

import functools

import pytest
from django.test.utils import override_settings

from newsroom.site.roles import EDITORS, WRITERS, ensure_roles
from tests import factories
from tests.demo_snapshot import DemoSnapshot, load_demo


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


@pytest.fixture
def run_tasks(db):
    """Call ``run_tasks(fn)`` to do ``fn()`` as if its transaction committed
    (so what it enqueues on commit is queued) and then work the queue."""

    def run(action=None):
        result = factories.as_committed(action) if action is not None else None
        factories.as_committed(factories.run_queued_tasks)
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


def _factory_fixture(name, make):
    """A fixture handing tests the factory ``make`` (and with it, the database)."""

    def fixture(db):
        return make

    fixture.__doc__ = make.__doc__
    return pytest.fixture(fixture, name=name)


make_section = _factory_fixture("make_section", factories.section)
make_author = _factory_fixture("make_author", factories.author)
make_article = _factory_fixture("make_article", factories.article)
make_image = _factory_fixture("make_image", factories.image)
make_series = _factory_fixture("make_series", factories.series)
make_person = _factory_fixture("make_person", factories.person)
make_role = _factory_fixture("make_role", factories.role)
make_studio = _factory_fixture("make_studio", factories.studio)
make_credit = _factory_fixture("make_credit", factories.credit)


@pytest.fixture
def shop(db):
    return factories.retailer(
        name="Figure Depot", slug="depot", allowed_domains="figuredepot.example"
    )


@pytest.fixture
def make_item(shop):
    """A merch item, sold by ``shop`` unless told otherwise."""
    return functools.partial(factories.merch_item, retailer=shop)


@pytest.fixture
def merch_item(make_item):
    return make_item()


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def editor(roles):
    return factories.staff_user("ed", "pw-editor-123", groups=[roles[EDITORS]])


@pytest.fixture
def writer(roles):
    return factories.staff_user("wr", "pw-writer-123", groups=[roles[WRITERS]])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests marked slow go first, the longest first (the rest keep their
    order): xdist deals the first tests out to its workers in turn, so the
    long ones run side by side from the start, and the short ones fill in
    around them, instead of one long test running on after everything else."""

    def expected_seconds(item):
        slow = item.get_closest_marker("slow")
        return slow.kwargs.get("seconds", 1) if slow else 0

    items.sort(key=expected_seconds, reverse=True)


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
