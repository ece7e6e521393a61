"""Hostile input found in the hardening review: each once answered 500."""

import pytest
from django.urls import reverse

from newsroom.articles.models import Article
from tests.newsroom.test_admin import article_form_data

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "\u00b2"  # str.isdigit() says yes, int() says no


@pytest.fixture
def item(merch_item):
    return merch_item


def on_the_wire(value: str) -> str:
    """A header value as a WSGI server hands it to Django: UTF-8 bytes read
    as Latin-1 (Django's test client cannot send anything else)."""
    return value.encode().decode("latin-1")


def banner_cookie(value: str) -> str:
    """A Cookie header carrying ``value`` raw, as a hand-made request would
    (the test client's own cookie jar would quote it)."""
    return on_the_wire(f"shimbun_dismissed={value}")


@pytest.fixture
def lenient_client(client):
    """A client that reports a server error as a 500 instead of raising it."""
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize(
    "cookie", [SUPERSCRIPT_TWO, f"1,{SUPERSCRIPT_TWO},3", "\u0663", "1" * 5000]
)
@pytest.mark.parametrize("path", ["/", "/feeds/", "/sitemap.xml", "/robots.txt"])
def test_odd_digits_in_the_banner_cookie_do_not_break_pages(
    lenient_client, path, cookie
):
    response = lenient_client.get(path, HTTP_COOKIE=banner_cookie(cookie))
    assert response.status_code == 200


def test_odd_digits_in_the_banner_cookie_do_not_break_sitemap_sections(
    lenient_client, make_article
):
    make_article()
    cookie = banner_cookie(SUPERSCRIPT_TWO)
    assert lenient_client.get("/sitemap.xml", HTTP_COOKIE=cookie).status_code == 200
    section = lenient_client.get("/sitemap-articles.xml", HTTP_COOKIE=cookie)
    assert section.status_code == 200


@pytest.mark.parametrize(
    "value", [SUPERSCRIPT_TWO, "\u0663", "-1", "9" * 40, "1e3", " 1", "1,2"]
)
def test_odd_from_values_on_the_merch_redirect_still_redirect(
    lenient_client, item, value
):
    response = lenient_client.get(f"/go/{item.pk}/", {"from": value})
    assert response.status_code == 302
    assert response["Location"] == "https://figuredepot.example/rouge"


def test_banner_cookie_keeps_the_numbers_it_can_read():
    from django.test import RequestFactory

    from newsroom.kernel.sitewide.views import dismissed_banners

    request = RequestFactory().get("/")
    request.COOKIES["shimbun_dismissed"] = f"3,{SUPERSCRIPT_TWO},x,12,-4,,7"
    assert dismissed_banners(request) == {3, 12, 7}


def test_nul_anywhere_in_the_address_or_cookies_is_a_bad_request(lenient_client, item):
    assert lenient_client.get(f"/go/{item.pk}/", {"from": "\x00"}).status_code == 400
    assert lenient_client.get("/search/?q=%00").status_code == 400
    assert lenient_client.get("/search/", {"q\x00": "x"}).status_code == 400
    session = on_the_wire("sessionid=abcdefghijkl\x00")
    assert lenient_client.get("/", HTTP_COOKIE=session).status_code == 400
    quoted = 'sessionid="abcdefghijkl\\000"'
    assert lenient_client.get("/", HTTP_COOKIE=quoted).status_code == 400
    assert lenient_client.get("/search/?q=%2500").status_code == 200


@pytest.mark.parametrize("path", ["/preview/%00/", "/articles/%00/", "/tag/a%00b/"])
def test_nul_in_a_path_is_not_found(lenient_client, path):
    assert lenient_client.get(path).status_code in {400, 404}


@pytest.mark.parametrize(
    "query",
    [
        {"status__exact": "\x00"},
        {"kind__exact": "\x00"},
        {"section__id__exact": "\x00"},
        {"q": "\x00"},
        {"o": "\x00"},
    ],
)
def test_nul_in_admin_list_filters_is_refused(editor_client, query):
    editor_client.raise_request_exception = False
    response = editor_client.get(reverse("admin:newsroom_article_changelist"), query)
    assert response.status_code in {200, 302, 400}


def test_nul_in_the_tag_autocomplete_is_refused(editor_client):
    editor_client.raise_request_exception = False
    response = editor_client.get(
        reverse("admin:newsroom_tag_autocomplete"), {"term": "a\x00b"}
    )
    assert response.status_code in {200, 400}


def test_nul_in_the_admin_autocomplete_is_refused(editor_client):
    editor_client.raise_request_exception = False
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "a\x00b",
            "app_label": "newsroom",
            "model_name": "article",
            "field_name": "section",
        },
    )
    assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    "body", ["[[watch:a\x00b]]", '[[merch tag="\x00"]]', "[[related:a\x00b]]"]
)
def test_nul_in_embeds_is_an_error_for_the_writer(editor_client, body):
    editor_client.raise_request_exception = False
    response = editor_client.post(
        reverse("admin:newsroom_article_render_preview"), {"body": body}
    )
    assert response.status_code == 200
    assert response.json()["errors"]


BAD_VIDEO = "[[video:http://[::1]]"


def test_malformed_video_address_is_a_preview_error(editor_client):
    response = editor_client.post(
        reverse("admin:newsroom_article_render_preview"), {"body": BAD_VIDEO}
    )
    assert response.status_code == 200
    assert response.json()["errors"]


def test_malformed_video_address_is_a_form_error_and_keeps_the_text(
    editor_client, make_section, make_author
):
    body = f"A long text the writer spent an hour on.\n\n{BAD_VIDEO}"
    data = article_form_data(make_section(), make_author(), body=body)
    editor_client.raise_request_exception = False
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "body" in form.errors
    assert form["body"].value() == body
    assert not Article.objects.exists()
