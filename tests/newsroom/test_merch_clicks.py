"""Clicks on affiliate links are counted once per reader, item, article and day."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from newsroom.merch import clicks
from newsroom.merch.models import MerchClick

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
READER_IP = "203.0.113.77"


@pytest.fixture
def item(merch_item):
    return merch_item


def click(client, item, *, article=None, ip=READER_IP, agent=BROWSER):
    query = {"from": article.pk} if article else {}
    response = client.get(
        f"/go/{item.pk}/", query, REMOTE_ADDR=ip, HTTP_USER_AGENT=agent
    )
    assert response.status_code == 302
    assert response["Location"] == item.url
    return response


def total(item) -> int:
    return sum(MerchClick.objects.filter(item=item).values_list("count", flat=True))


def test_a_loop_of_clicks_counts_once(client, item, make_article):
    article = make_article()
    for _ in range(20):
        click(client, item, article=article)
    assert MerchClick.objects.get(item=item, article=article).count == 1


def test_the_same_reader_counts_once_per_article(client, item, make_article):
    first, second = make_article(), make_article()
    for _ in range(3):
        click(client, item, article=first)
        click(client, item, article=second)
        click(client, item)
    assert MerchClick.objects.get(item=item, article=first).count == 1
    assert MerchClick.objects.get(item=item, article=second).count == 1
    assert MerchClick.objects.get(item=item, article__isnull=True).count == 1


def test_another_reader_counts_again(client, item, make_article):
    article = make_article()
    click(client, item, article=article)
    click(client, item, article=article, ip="198.51.100.4")
    click(client, item, article=article, agent=BROWSER.replace("126", "127"))
    assert MerchClick.objects.get(item=item, article=article).count == 3


def test_the_same_reader_counts_again_the_next_day(
    client, item, make_article, time_machine
):
    article = make_article()
    time_machine.move_to(timezone.now().replace(hour=10), tick=False)
    click(client, item, article=article)
    click(client, item, article=article)
    time_machine.move_to(timezone.now() + timedelta(days=1), tick=False)
    click(client, item, article=article)
    click(client, item, article=article)
    days = MerchClick.objects.filter(item=item).values_list("day", "count")
    assert sorted(count for _, count in days) == [1, 1]
    assert len({day for day, _ in days}) == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Twitterbot/1.0",
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 AppleWebKit/537.36 (compatible; YandexSpider)",
        "ia_archiver (+http://www.alexa.com/site/help/webmasters)",
        "Some Crawler 3.0",
        "curl/8.5.0",
        "Wget/1.21.4",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/126.0 Safari/537.36",
        "",
        "   ",
    ],
)
def test_known_bots_are_redirected_but_never_counted(client, item, agent):
    for _ in range(3):
        click(client, item, agent=agent)
    assert total(item) == 0


def test_nothing_personal_is_stored(client, item, make_article):
    article = make_article()
    click(client, item, article=article)
    stored_fields = {field.name for field in MerchClick._meta.concrete_fields}
    assert stored_fields == {"id", "item", "article", "day", "count"}
    # Nothing about the reader in any table, nor in the cache, in plain text.
    for table in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            rows = repr(cursor.fetchall())
        assert READER_IP not in rows, table
        assert "Chrome/126.0" not in rows, table
    cached = repr(cache._cache) + repr(list(cache._cache))
    assert READER_IP not in cached
    assert "Chrome/126.0" not in cached


def test_behind_our_proxy_readers_are_told_apart_by_the_address_it_adds(
    client, item, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for forwarded in ["198.51.100.4", "198.51.100.5", "1.2.3.4, 198.51.100.5"]:
        client.get(
            f"/go/{item.pk}/",
            REMOTE_ADDR=proxy,
            HTTP_USER_AGENT=BROWSER,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
    # The third only prepended a made-up address: the same reader as the second.
    assert total(item) == 2


def test_the_reader_hash_changes_with_the_daily_salt(rf, time_machine):
    request = rf.get("/", REMOTE_ADDR=READER_IP, HTTP_USER_AGENT=BROWSER)
    time_machine.move_to(timezone.now().replace(hour=10), tick=False)
    today = clicks.reader_key(request)
    assert today == clicks.reader_key(request)
    assert READER_IP not in today
    time_machine.move_to(timezone.now() + timedelta(days=1), tick=False)
    assert clicks.reader_key(request) != today


def test_a_bot_has_no_reader_key(rf):
    request = rf.get("/", REMOTE_ADDR=READER_IP, HTTP_USER_AGENT="Twitterbot/1.0")
    assert clicks.reader_key(request) is None
