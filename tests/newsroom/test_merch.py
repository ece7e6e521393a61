import threading
import time
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.kernel.sitewide.models import Banner, Page
from newsroom.kernel.templatetags.newsroom_tags import money
from newsroom.merch import blocks, links
from newsroom.merch.models import MerchClick, MerchItem
from series.models import Series

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A reader's browser: it names itself, as every browser does (a request
    with no user agent is a script, and its clicks are not counted)."""
    return Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")


# The redirect ------------------------------------------------------------------


def test_redirect_goes_to_the_stored_address_and_counts(
    client, make_item, make_article
):
    item = make_item()
    article = make_article()
    response = client.get(f"/go/{item.pk}/", {"from": article.pk})
    assert response.status_code == 302
    assert response["Location"] == "https://figuredepot.example/rouge"
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    client.get(f"/go/{item.pk}/", {"from": article.pk})
    client.get(f"/go/{item.pk}/")
    # The same reader again counts once a day (see test_merch_clicks.py).
    assert MerchClick.objects.get(item=item, article=article).count == 1
    assert MerchClick.objects.get(item=item, article__isnull=True).count == 1


@pytest.mark.parametrize(
    "query",
    [
        {"next": "https://evil.example/"},
        {"url": "https://evil.example/"},
        {"from": "https://evil.example/"},
        {"from": "-1"},
    ],
)
def test_query_string_cannot_choose_the_destination(client, make_item, query):
    item = make_item()
    response = client.get(f"/go/{item.pk}/", query)
    assert response["Location"] == "https://figuredepot.example/rouge"


def test_clicks_from_unpublished_articles_count_without_the_article(
    client, make_item, make_article
):
    item = make_item()
    draft = make_article(status="draft", publish_at=None)
    client.get(f"/go/{item.pk}/", {"from": draft.pk})
    assert MerchClick.objects.get(item=item).article is None


@pytest.mark.parametrize(
    "fields",
    [
        {"active_until": timezone.now() - timedelta(minutes=1)},
        {"active_from": timezone.now() + timedelta(days=1)},
        {"in_stock": False},
        {"link_status": "dead"},
    ],
)
def test_inactive_items_do_not_redirect(client, make_item, fields):
    item = make_item(**fields)
    assert client.get(f"/go/{item.pk}/").status_code == 404
    assert not MerchClick.objects.exists()


def test_unknown_items_and_other_methods_are_refused(client, make_item):
    assert client.get("/go/999999/").status_code == 404
    assert client.post(f"/go/{make_item().pk}/").status_code == 405


def test_address_off_the_allowed_domains_never_redirects(client, make_item, shop):
    item = make_item()
    MerchItem.objects.filter(pk=item.pk).update(url="https://evil.example/phish")
    assert client.get(f"/go/{item.pk}/").status_code == 404
    shop.allowed_domains = "elsewhere.example"
    shop.save()
    MerchItem.objects.filter(pk=item.pk).update(url="https://figuredepot.example/x")
    assert client.get(f"/go/{item.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://figuredepot.example/x", True),
        ("https://shop.figuredepot.example/x", True),
        ("https://figuredepot.example.evil.example/x", False),
        ("https://evilfiguredepot.example/x", False),
        ("javascript://figuredepot.example/%0aalert(1)", False),
        ("https://user@evil.example/?figuredepot.example", False),
    ],
)
def test_items_may_only_link_to_their_retailers_domains(make_item, shop, url, allowed):
    item = MerchItem(name="x", retailer=shop, price=1, url=url)
    if allowed:
        item.full_clean()
    else:
        with pytest.raises(ValidationError):
            item.full_clean()


# Blocks and disclosure -----------------------------------------------------------


def test_block_is_plain_html_links_and_buttons(make_item):
    item = make_item()
    html = blocks.render_block([item], title="Shop", block_id="b", article=7)
    assert f'href="/go/{item.pk}/?from=7" rel="sponsored noopener"' in html
    assert '<button type="button" class="merch-prev"' in html
    assert "€189.90" in html


def test_disclosure_shows_exactly_when_affiliate_links_do(
    client, make_item, make_article
):
    Page.objects.create(title="Editorial policy", slug="editorial-policy", body="x")
    series = Series.objects.create(title="Rouge", slug="rouge")
    make_item(series=series)
    plain = make_article(title="No shopping here")
    with_shop = make_article(series=[series])
    embedded = make_article(body=f"Buy:\n\n[[merch:{MerchItem.objects.get().pk}]]")
    for article, expected in [(plain, False), (with_shop, True), (embedded, True)]:
        html = client.get(article.get_absolute_url()).content.decode()
        assert ("Affiliate links." in html) is expected
        assert ("/go/" in html) is expected
        if expected:
            assert html.index("Affiliate links.") < html.index("<h1>")
            assert 'href="/about/editorial-policy/"' in html


def test_disclosure_links_only_to_policy_pages_that_exist(
    client, make_item, make_article
):
    series = Series.objects.create(title="Rouge", slug="rouge")
    make_item(series=series)
    article = make_article(series=[series])

    def disclosure():
        html = client.get(article.get_absolute_url()).content.decode()
        return html.split('class="affiliate-disclosure"')[1].split("</p>")[0]

    assert "<a " not in disclosure()
    Page.objects.create(
        title="Affiliate disclosure", slug="affiliate-disclosure", body="x"
    )
    assert 'href="/about/affiliate-disclosure/"' in disclosure()
    Page.objects.create(title="Editorial policy", slug="editorial-policy", body="x")
    both = disclosure()
    assert 'href="/about/affiliate-disclosure/">How affiliate links work</a>' in both
    assert 'href="/about/editorial-policy/">our editorial policy</a>' in both


def test_expired_items_never_render(client, make_item, make_article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    series = Series.objects.create(title="Rouge", slug="rouge")
    soon = make_item(
        name="Ends soon",
        series=series,
        active_until=timezone.now() + timedelta(hours=1),
    )
    make_item(name="Stays", series=series)
    make_item(
        name="Long gone", series=series, active_until=timezone.now() - timedelta(days=1)
    )
    article = make_article(body="[[merch series=rouge]]")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ends soon" in html and "Stays" in html and "Long gone" not in html
    time_machine.move_to(timezone.now() + timedelta(hours=2), tick=False)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ends soon" not in html and "Stays" in html
    assert soon.pk not in [i.pk for i in blocks.items_for(series=series)]


def test_deactivating_an_item_rerenders_the_articles_showing_it(
    editor_client, make_item, make_article
):
    item = make_item()
    article = make_article(body=f"[[merch:{item.pk}]]")
    assert item.name in article.body_html
    item.in_stock = False
    item.save()
    links.refresh_item_embeds(item)
    article.refresh_from_db()
    assert item.name not in article.body_html


def test_broken_merch_references_are_errors(make_item):
    from newsroom.articles.body.embeds import render_body

    assert render_body("[[merch:999]]", strict=True).errors == [
        "Line 1: there is no merch item 999."
    ]
    assert "say which items" in render_body("[[merch]]", strict=True).errors[0]
    assert (
        "there is no series"
        in render_body("[[merch series=nope]]", strict=True).errors[0]
    )


def test_feed_items_with_merch_carry_the_disclosure(client, make_item, make_article):
    item = make_item()
    make_article(title="Shop post", body=f"Look:\n\n[[merch:{item.pk}]]")
    make_article(title="Plain post")
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    content = {entry.title: entry.content[0].value for entry in feed.entries}
    assert content["Shop post"].startswith('<p class="affiliate-disclosure"')
    assert 'href="http://127.0.0.1:8000/go/' in content["Shop post"]
    assert "affiliate-disclosure" not in content["Plain post"]


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("49.9", "EUR", "€49.90"),
        ("8800", "JPY", "¥8,800"),
        ("1234.5", "USD", "US$1,234.50"),
    ],
)
def test_prices_are_formatted_per_currency(amount, currency, text):
    assert money(Decimal(amount), currency) == text


# Banner ------------------------------------------------------------------------


def test_banner_shows_until_the_reader_dismisses_it(client, db):
    banner = Banner.objects.create(
        message="Kostenloser Versand ab 100 EUR.",
        language="de",
        starts_at=timezone.now() - timedelta(hours=1),
    )
    html = client.get("/").content.decode()
    assert 'lang="de"' in html and "Kostenloser Versand" in html
    response = client.post(
        reverse("newsroom:banner-dismiss", args=[banner.pk]), {"next": "/reviews/"}
    )
    assert response["Location"] == "/reviews/"
    assert "Kostenloser Versand" not in client.get("/").content.decode()


def test_banner_dismiss_is_no_open_redirect(client, db):
    banner = Banner.objects.create(message="Sale")
    for target in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = client.post(
            reverse("newsroom:banner-dismiss", args=[banner.pk]), {"next": target}
        )
        assert response["Location"] == "/"


def test_scheduled_and_ended_banners_are_hidden(client, db):
    Banner.objects.create(
        message="Future sale", starts_at=timezone.now() + timedelta(days=1)
    )
    Banner.objects.create(
        message="Old sale",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=1),
    )
    html = client.get("/").content.decode()
    assert "Future sale" not in html and "Old sale" not in html


# Link health ---------------------------------------------------------------------


class FakeShop(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/slow":
            time.sleep(3)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "https://elsewhere.example/")
        elif self.path in {"/ok", "/slow"}:
            self.send_response(200)
        else:
            self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_shop():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeShop)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_link_check_marks_dead_and_redirected_links(fake_shop, make_item, shop):
    shop.allowed_domains = "127.0.0.1"
    shop.save()
    ok = make_item(name="ok", url=f"{fake_shop}/ok")
    moved = make_item(name="moved", url=f"{fake_shop}/moved")
    gone = make_item(name="gone", url=f"{fake_shop}/gone")
    slow = make_item(name="slow", url=f"{fake_shop}/slow")
    closed = make_item(name="closed", url="http://127.0.0.1:9/nothing")
    out = StringIO()
    started = time.monotonic()
    call_command("check_merch_links", "--timeout", "1", stdout=out)
    assert time.monotonic() - started < 10
    status = {i.name: i.link_status for i in MerchItem.objects.all()}
    assert status == {
        "ok": "ok",
        "moved": "redirected",
        "gone": "dead",
        "slow": "dead",
        "closed": "dead",
    }
    assert "elsewhere.example" in MerchItem.objects.get(pk=moved.pk).link_note
    assert "dead: 3" in out.getvalue()
    assert MerchItem.objects.get(pk=ok.pk).link_checked_at is not None
    assert {i.name for i in MerchItem.objects.active()} == {"ok", "moved"}
    assert gone and slow and closed


def test_click_report_lists_items_and_articles(
    editor_client, client, make_item, make_article
):
    item = make_item()
    article = make_article(title="Shop post")
    client.get(f"/go/{item.pk}/", {"from": article.pk})
    response = editor_client.get(reverse("admin:merch_merchitem_clicks"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rouge figure" in html and "Shop post" in html
    bad = editor_client.get(
        reverse("admin:merch_merchitem_clicks"),
        {"start": "2024-05-01", "end": "2024-01-01"},
    )
    assert "start date comes after" in bad.content.decode()


def test_demo_shop_post_shows_items_but_not_the_expired_one(client, demo):
    html = client.get(
        "/articles/metallic-rouge-episode-1-and-new-merch/"
    ).content.decode()
    for name in [
        "Rouge Redstar 1/7 scale figure",
        "Metallic Rouge Blu-ray box",
        "Metallic Rouge original soundtrack",
        "The Art of Metallic Rouge",
    ]:
        assert name in html
    assert "offer ended" not in html
    assert "Affiliate links." in html


def test_a_page_with_the_banner_stays_cacheable_for_everyone(db):
    from django.test import Client

    banner = Banner.objects.create(
        message="Sale", starts_at=timezone.now() - timedelta(hours=1)
    )
    reader = Client(enforce_csrf_checks=True)
    response = reader.get("/")
    assert "Sale" in response.content.decode()
    assert "public" in response["Cache-Control"]
    # No per-reader secret or cookie that a shared cache would hand around.
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    dismissed = reader.post(reverse("newsroom:banner-dismiss", args=[banner.pk]))
    assert dismissed.status_code == 302
    assert "Sale" not in reader.get("/").content.decode()


def test_link_check_can_be_left_to_the_worker(fake_shop, make_item, shop, run_tasks):
    shop.allowed_domains = "127.0.0.1"
    shop.save()
    make_item(name="gone", url=f"{fake_shop}/gone")
    out = StringIO()
    call_command("check_merch_links", "--enqueue", "--timeout", "1", stdout=out)
    assert "Queued" in out.getvalue()
    assert MerchItem.objects.get().link_checked_at is None
    run_tasks()
    assert MerchItem.objects.get().link_status == "dead"


def test_an_editors_merch_change_reaches_articles_through_the_worker(
    editor_client, make_item, make_article, run_tasks
):
    """Saving an item in the admin answers without re-rendering every article
    that shows it; the worker does that, and then the item is gone from them."""
    item = make_item()
    article = make_article(body=f"[[merch:{item.pk}]]")
    url = reverse("admin:merch_merchitem_change", args=[item.pk])
    data = {
        "name": item.name,
        "retailer": item.retailer_id,
        "price": "189.90",
        "currency": item.currency,
        "url": item.url,
        "tags": "",
        "active_from": "",
        "active_until": "",
        # in_stock left out: the box is unticked
    }

    def save():
        response = editor_client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].errors
        article.refresh_from_db()
        assert item.name in article.body_html, "not re-rendered inside the save"

    run_tasks(save)
    article.refresh_from_db()
    assert item.name not in article.body_html


def test_the_click_report_is_linked_from_the_merch_list(editor_client):
    page = editor_client.get(reverse("admin:merch_merchitem_changelist"))
    assert reverse("admin:merch_merchitem_clicks") in page.content.decode()


def test_a_merch_window_opening_reaches_the_stored_body_by_a_task_not_a_read(
    client, make_article, make_item, run_tasks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    opens = timezone.now() + timedelta(days=1)
    item = make_item(name="Winter figure", active_from=opens)
    article = run_tasks(
        lambda: make_article(
            title="Figures", body=f"Intro\n\n[[merch:{item.pk}]]", status="published"
        )
    )
    assert "Winter figure" not in article.body_html

    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url()).content.decode()
    assert "Winter figure" in page, "readers see the open window at once"
    assert not [q for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]

    run_tasks()  # the re-render queued for the window's opening
    article.refresh_from_db()
    assert "Winter figure" in article.body_html
    assert article.body_notices == ["affiliate-links"]
