"""No request that only reads (GET or HEAD) writes to the database.

The demo newsroom is loaded, then every public address (gathered from the
sitemaps, the feed index and a fixed list) and the admin's pages are read, as
a reader, an editor and a writer, while every SQL statement is captured.
Work a reader's request triggers must not be stored by that request: it
happens at save time or in a background task queued then.
"""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.articles import services
from newsroom.articles.models import Article

pytestmark = pytest.mark.django_db

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

#: Addresses no sitemap lists: indexes, feeds, search, crawler files, errors.
FIXED_PUBLIC = [
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/favicon.ico",
    "/feeds/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/reviews/",
    "/reviews/?sort=score",
    "/reviews/feed/rss/",
    "/reviews/feed/atom/",
    "/series/",
    "/season/",
    "/search/",
    "/search/?q=metallic",
    "/search/?q=Metallic+Rogue",
    "/search/?q=bones&kind=news",
    "/?page=2",
    "/?page=abc",
    "/no-such-page/",
    "/articles/no-such-article/",
]

#: The affiliate redirect is left out on purpose: /go/<id>/ counts a click
#: (once per reader and day) by design, and is the one public GET that writes.
EXCLUDED_PREFIXES = ("/go/", "/admin/", "/static/", "/media/")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _sitemap_paths(client) -> list[str]:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    paths = []
    for sitemap in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        page = ElementTree.fromstring(client.get(_path(sitemap.text)).content)
        paths.append(_path(sitemap.text))
        paths += [_path(loc.text) for loc in page.findall("sm:url/sm:loc", SITEMAP_NS)]
    return paths


def _feed_paths(client) -> list[str]:
    html = client.get("/feeds/").content.decode()
    return re.findall(r'href="(/[^"]*/(?:rss|atom)/)"', html)


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITES.match(q["sql"])]


def _session_bookkeeping(sql: str) -> bool:
    return '"django_session"' in sql or "django_session " in sql


@pytest.fixture
def read(django_capture_on_commit_callbacks):
    """``read(client, path, method)``: the response and the writes it made,
    counting what the request left to run once its transaction commits (a
    queued task is a write to the database queue too)."""

    def request(client, path, method="get"):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = getattr(client, method)(path)
        return response, _writes(queries.captured_queries)

    return request


@pytest.mark.slow(seconds=20)
def test_reading_any_public_address_writes_nothing(demo, client, read):
    paths = _sitemap_paths(client) + _feed_paths(client) + FIXED_PUBLIC
    live = Article.objects.live().first()
    draft = Article.objects.filter(status="draft").first()
    editor = get_user_model().objects.get(username="editor")
    link = services.preview_link_create(article=draft, user=editor)
    paths += [f"/articles/id/{live.pk}/", f"/preview/{link.token}/"]
    paths = [p for p in dict.fromkeys(paths) if not p.startswith(EXCLUDED_PREFIXES)]
    assert len(paths) > 150, paths
    kinds = {p.split("/")[1] for p in paths}
    assert {"articles", "section", "tag", "author", "series", "people"} <= kinds
    assert {"studios", "season", "about", "reviews", "feeds", "search"} <= kinds

    offenders = {}
    for path in paths:
        for method in ("get", "head"):
            response, writes = read(client, path, method)
            assert response.status_code < 500, path
            if writes:
                offenders[f"{method.upper()} {path}"] = writes
    assert offenders == {}


def _admin_paths() -> list[str]:
    """The admin's index, every model's list and add page, the change page of
    its first object, and the article's own read-only pages."""
    paths = [reverse("admin:index"), reverse("accounts:two-factor-enrol")]
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        paths += [reverse(f"{name}_changelist"), reverse(f"{name}_add")]
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            paths.append(reverse(f"{name}_change", args=[first.pk]))
            paths.append(reverse(f"{name}_history", args=[first.pk]))
    article = Article.objects.filter(status="draft").order_by("pk").first()
    live = Article.objects.live().order_by("pk").first()
    for each in (article, live):
        paths += [
            reverse("admin:newsroom_article_change", args=[each.pk]),
            reverse("admin:newsroom_article_revisions", args=[each.pk]),
            reverse("admin:newsroom_article_revisions", args=[each.pk]) + "?a=1&b=1",
            reverse("admin:newsroom_article_preview", args=[each.pk]),
        ]
    paths += [
        reverse("admin:newsroom_tag_autocomplete") + "?term=me",
        reverse("admin:autocomplete")
        + "?app_label=newsroom&model_name=article&field_name=authors&term=a",
        reverse("admin:newsroom_article_changelist") + "?state=scheduled",
        reverse("admin:newsroom_article_calendar") + "?view=day",
        reverse("admin:newsroom_article_calendar") + "?date=2024-01-08",
        reverse("admin:audit_auditentry_changelist"),
    ]
    return list(dict.fromkeys(paths))


@pytest.mark.slow(seconds=20)
def test_reading_the_admin_writes_nothing_but_session_bookkeeping(demo, read):
    """As an editor and as a writer (to whom many pages answer 403)."""
    offenders = {}
    for username in ["editor", "writer"]:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        session_writes = 0
        for path in _admin_paths():
            for method in ("get", "head"):
                response, writes = read(client, path, method)
                assert response.status_code < 500, path
                # Allowed: the session framework storing the session again,
                # which is the sign-in's own bookkeeping, not content. The
                # idle timeout notes when a session was last seen, at most
                # once a minute; in practice that is one write, on the first
                # request after signing in, and none after it.
                session_writes += sum(map(_session_bookkeeping, writes))
                writes = [sql for sql in writes if not _session_bookkeeping(sql)]
                if writes:
                    offenders[f"{username}: {method.upper()} {path}"] = writes
        assert session_writes <= 1, username
    assert offenders == {}
