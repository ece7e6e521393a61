"""Every URL pattern, walked with hostile values: no answer may be a 500.

The patterns come from the resolver, so a new page, feed or admin view is
walked as soon as it is routed. For each one the walk sends:

- each path converter filled, one at a time, with hostile values (NUL,
  odd digits, very long strings, ``../``, broken percent-escapes, quotes,
  markup, negative and huge numbers), the others with real values;
- the real address with hostile query parameters, one at a time;
- a POST of hostile form fields (the view may refuse the method);

as an anonymous reader, a writer and an editor, each request carrying
hostile cookies. A server error fails the test, and so does an exception a
view caught and logged as an error while answering something else.
"""

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from taggit.models import Tag

from newsroom.articles import services
from newsroom.articles.models import Article
from newsroom.kernel.sitewide.models import Banner, Page
from newsroom.merch.models import MerchItem, Retailer
from reviews.models import Review
from series.models import Person, Series, Studio

pytestmark = pytest.mark.django_db

#: Patterns not walked, and why.
SKIPPED = {
    # Logging out ends the walking user's session halfway through the walk;
    # it takes no input besides the session.
    "admin:logout": "ends the session the walk runs in",
}
#: Patterns walked with GET only: a POST there deletes the sample objects
#: the rest of the walk needs (Django's delete views treat any POST as "yes").
GET_ONLY = re.compile(r"^admin:.*_delete$")

#: Values put into each path converter, one converter at a time. Already
#: percent-encoded where it matters: "%ff" arrives as a byte that is not UTF-8.
HOSTILE_IN_PATH = [
    quote("\x00"),
    quote("\u00b2"),
    quote("\u0663"),
    "a" * 3000,
    quote("../../etc/passwd", safe=""),
    "..",
    "%ff",
    "%c0%ae%c0%ae",
    "%25",
    quote("'\"", safe=""),
    quote("<script>alert(1)</script>", safe=""),
    "-1",
    "0",
    "9" * 30,
    quote("\U0001f600\u202e", safe=""),
]

#: Query parameters the site's views, feeds and the admin read, each with
#: values a view might choke on. One parameter per request.
HOSTILE_QUERIES = {
    "page": ["abc", "-1", "9" * 30, "\u00b2"],
    "q": ["'\"<script>", "a" * 3000, "%_*():&!|\\", "\u00b2"],
    "term": ["'", "\u00b2"],
    "from": ["\u00b2", "9" * 30],
    "status__exact": ["'", "\u00b2"],
    "kind__exact": ["<x>"],
    "section__id__exact": ["abc", "9" * 30],
    "state": ["'"],
    "o": ["x", "1.-2.999", "\u00b2"],
    "p": ["-1", "abc"],
    "e": ["1"],
    "_changelist_filters": ["status__exact%3D%27", "%ff"],
    "_to_field": ["password", "'"],
    "_popup": ["'"],
    "publish_at__year": ["\u00b2"],
    "publish_at__month": ["13"],
    "created_at__day": ["x"],
    "a": ["\u00b2"],
    "b": ["-1"],
    "start": ["2024-13-45"],
    "end": ["\u00b2"],
    "app_label": ["newsroom"],
    "model_name": ["article"],
    "field_name": ["'"],
    "season": ["\u00b2"],
    "year": ["9" * 30],
    "kind": ["'"],
    "sort": ["'"],
    "format": ["'"],
}
#: Query strings that are malformed as a whole.
RAW_QUERIES = ["%ff=%ff", "page=1&page=2&page=x", "q", "=&&=", "q=%00"]

#: Sent with every request. The session cookie is left alone for the
#: logged-in walks (it is their login); anonymous walks get a forged one.
HOSTILE_COOKIES = {
    "shimbun_dismissed": "1,\u00b2,-4,99999999999999999999999,x",
    "csrftoken": "<script>",
    "messages": "not-signed:[]",
    "django_language": "'",
}
FORGED_SESSION = {"sessionid": "'" * 40}

HOSTILE_POST = {
    "body": '[[video:http://[::1]]\n[[watch:\u00b2]]\n[[merch tag=""]]\n[[image:-1]]',
    "title": "<script>alert(1)</script>" * 20,
    "slug": "../..",
    "_move": "'",
    "move_at": "\u00b2",
    "move_comment": "a" * 5000,
    "next": "//evil.example/",
    "leave": "\u00b2",
    "term": "'",
    "q": "'",
    "action": "delete_selected'",
    "_selected_action": "\u00b2",
    "index": "-1",
    "base_version": "\u00b2",
    "score": "NaN",
    "password": "'",
    "username": "'",
}


# Walking the resolver ------------------------------------------------------

_ROUTE_SLOT = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_SLOT = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


@dataclass
class Route:
    """One URL pattern as literal pieces and named slots, with its full name."""

    name: str
    pieces: list = field(default_factory=list)  # str, or ("slot", name, hint)
    prefix: str = ""  # the literal address of the include it sits in

    @property
    def slots(self) -> list[str]:
        return [piece[1] for piece in self.pieces if isinstance(piece, tuple)]

    def url(self, values: dict) -> str:
        return "/" + "".join(
            piece if isinstance(piece, str) else str(values[piece[1]])
            for piece in self.pieces
        )


def _pieces(pattern) -> list:
    text = str(pattern)
    if type(pattern).__name__ == "RegexPattern":
        text = text.removeprefix("^").removesuffix("$")
        slot, kind = _REGEX_SLOT, "regex"
    else:
        slot, kind = _ROUTE_SLOT, "route"
    pieces, at = [], 0
    for match in slot.finditer(text):
        pieces.append(text[at : match.start()])
        hint = match["body"] if kind == "regex" else (match["converter"] or "str")
        pieces.append(("slot", match["name"], hint))
        at = match.end()
    pieces.append(text[at:])
    return [piece for piece in pieces if piece != ""]


def walk(patterns=None, pieces=(), namespace="") -> list[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    routes = []
    for pattern in patterns:
        own = [*pieces, *_pieces(pattern.pattern)]
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            routes += walk(pattern.url_patterns, own, inner)
        elif isinstance(pattern, URLPattern):
            literal = "".join(p for p in own if isinstance(p, str))
            name = f"{namespace}{pattern.name or literal}"
            routes.append(Route(name=name, pieces=own))
    for route in routes:
        route.prefix = "".join(
            p for p in route.pieces[: _first_slot(route)] if isinstance(p, str)
        )
    return routes


def _first_slot(route) -> int:
    for index, piece in enumerate(route.pieces):
        if isinstance(piece, tuple):
            return index
    return len(route.pieces)


ROUTES = walk()


def test_the_walk_finds_every_kind_of_page():
    names = {route.name for route in ROUTES}
    for expected in [
        "newsroom:home",
        "newsroom:preview",
        "newsroom:merch-go",
        "newsroom:feed-rss",
        "newsroom:tag-feed-atom",
        "sitemap-section",
        "series:season-chart",
        "reviews:review-feed",
        "admin:newsroom_article_changelist",
        "admin:newsroom_article_render_preview",
        "admin:newsroom_tag_autocomplete",
        "admin:autocomplete",
        "admin:newsroom_article_share",
        "admin:merch_merchitem_clicks",
        "admin:app_list",
    ]:
        assert expected in names
    assert len(ROUTES) > 100


# Sample content the real values point at -------------------------------------


@pytest.fixture
def sample(make_article, make_section, make_author, make_image, editor, writer):
    """One of everything, each with the slug "sample" where it has one, so any
    slug in any pattern finds a real object."""
    section = make_section(slug="sample", name="Sample section")
    author = make_author(slug="sample", name="Sample Author", user=writer)
    series = Series.objects.create(title="Sample", slug="sample")
    Person.objects.create(name="Sample Person", slug="sample")
    Studio.objects.create(name="Sample Studio", slug="sample")
    Tag.objects.create(name="sample", slug="sample")
    Page.objects.create(title="Sample page", slug="sample", body="Policy.")
    image = make_image()
    article = make_article(
        slug="sample",
        section=section,
        authors=[author],
        tags=["sample"],
        series=[series],
        lead_image=image,
        lead_image_alt="A still",
    )
    review = make_article(kind="review", section=section, authors=[author])
    Review.objects.create(article=review, score=Decimal("8"), series=series)
    draft = make_article(status="draft", publish_at=None, created_by=writer)
    services.article_record_revision(article=draft, user=writer)
    link = services.preview_link_create(article=draft, user=editor)
    shop = Retailer.objects.create(
        name="Depot", slug="sample", allowed_domains="depot.example"
    )
    item = MerchItem.objects.create(
        name="Figure", retailer=shop, price=Decimal("10"), url="https://depot.example/"
    )
    banner = Banner.objects.create(message="Hello", starts_at=timezone.now())
    return {
        "slug": "sample",
        "section": "articles",  # sitemap sections are named, not slugged
        "token": link.token,
        "kind": "news",
        "season": "spring",
        "year": 2024,
        "pk": draft.pk,
        "link_pk": link.pk,
        "number": 1,
        "item_id": item.pk,
        "banner_id": banner.pk,
        "id": editor.pk,
        "content_type_id": ContentType.objects.get_for_model(Article).pk,
        "app_label": "newsroom",
        "url": "nowhere/",
        "path": "nothing.jpg",
        "article": article,
    }


def real_values(route: Route, sample: dict) -> dict:
    """A real value for every slot of the route (an existing object's id for
    an admin page about a model)."""
    values = {}
    for name in route.slots:
        if name == "object_id":
            values[name] = _admin_object_id(route, sample)
        else:
            values[name] = sample.get(name, sample["pk"])
    return values


def _admin_object_id(route, sample):
    if route.name == "admin:view_on_site":
        return sample["article"].pk
    for model in admin.site._registry:
        meta = model._meta
        if route.prefix == f"admin/{meta.app_label}/{meta.model_name}/":
            obj = model._default_manager.order_by("pk").first()
            return obj.pk if obj else 1
    return 1


# The walk ------------------------------------------------------------------


@dataclass
class Findings:
    requests: int = 0
    problems: list = field(default_factory=list)


#: In "turns", each address gets this many of the hostile path values per
#: slot, taken in turn, so that across the walk every value meets every kind
#: of converter while the walk stays within its time budget.
PATH_VALUES_PER_SLOT = 4


def requests_for(route: Route, index: int, sample: dict, *, depth: str):
    """(method, url, data) for one route: hostile paths, hostile queries on
    the real path, and a hostile POST.

    ``depth`` is "full" (every hostile path value and query string), "turns"
    (a few of each, taken in turn from route to route; every query parameter
    on its own on admin lists, where an unknown filter would otherwise hide
    the rest behind the "?e=1" page) or "light" (the real address, one
    hostile path and one query string: enough to show a login wall holds).
    """
    real = real_values(route, sample)
    count = {"full": len(HOSTILE_IN_PATH), "turns": PATH_VALUES_PER_SLOT}.get(depth, 1)
    for slot in route.slots:
        for value in in_turn(HOSTILE_IN_PATH, index, count):
            yield "get", route.url(real | {slot: value}), None
    base = route.url(real)
    if depth == "turns" and route.name.endswith("_changelist"):
        queries = [
            urlencode({name: values[0]}) for name, values in HOSTILE_QUERIES.items()
        ]
    else:
        queries = in_turn(COMBINED_QUERIES, index, 1 if depth == "light" else 2)
    queries += in_turn(RAW_QUERIES, index, len(RAW_QUERIES) if depth == "full" else 1)
    for query in queries:
        yield "get", f"{base}?{query}", None
    if not GET_ONLY.match(route.name) and depth != "light":
        yield "post", base, HOSTILE_POST


def in_turn(values: list, index: int, count: int) -> list:
    """``count`` of ``values``, starting where route number ``index`` left off."""
    if count >= len(values):
        return list(values)
    start = (index * count) % len(values)
    return (values * 2)[start : start + count]


def _combined_queries() -> list[str]:
    """Every hostile query parameter at once, in as many strings as the
    longest list of values: the site's views ignore what they do not read."""
    rounds = max(len(values) for values in HOSTILE_QUERIES.values())
    return [
        urlencode(
            {name: values[n % len(values)] for name, values in HOSTILE_QUERIES.items()}
        )
        for n in range(rounds)
    ]


COMBINED_QUERIES = _combined_queries()

#: How deep each role walks each area: readers' pages fully as a reader and
#: an editor (who sees staff-only parts); the admin in turns as a writer and
#: an editor, and lightly for anonymous visitors (who only meet the login).
DEPTH = {
    ("anonymous", "site"): "full",
    ("writer", "site"): "light",
    ("editor", "site"): "full",
    ("anonymous", "admin"): "light",
    ("writer", "admin"): "turns",
    ("editor", "admin"): "turns",
}


def run_walk(client: Client, routes, sample, *, cookies: dict, depth) -> Findings:
    findings = Findings()
    errors = []

    def on_exception(sender, request=None, **kwargs):
        errors.append(request.get_full_path() if request else "?")

    got_request_exception.connect(on_exception)
    client.raise_request_exception = False
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    cookie = cookie.encode().decode("latin-1")  # as a WSGI server passes it
    try:
        for index, route in enumerate(routes):
            for method, url, data in requests_for(route, index, sample, depth=depth):
                findings.requests += 1
                session = client.cookies.get("sessionid")
                headers = {"HTTP_COOKIE": cookie}
                if session is not None:
                    headers["HTTP_COOKIE"] += f"; sessionid={session.value}"
                response = getattr(client, method)(url, data, **headers)
                if response.status_code >= 500:
                    findings.problems.append(
                        f"{response.status_code} {method.upper()} {url[:200]} "
                        f"({route.name})"
                    )
    finally:
        got_request_exception.disconnect(on_exception)
    findings.problems += [f"exception raised in {path[:200]}" for path in errors]
    return findings


def _area(route) -> str:
    return "admin" if route.name.startswith("admin:") else "site"


@pytest.mark.slow(seconds=15)
@pytest.mark.parametrize("area", ["site", "admin"])
@pytest.mark.parametrize("role", ["anonymous", "writer", "editor"])
def test_no_hostile_request_is_a_server_error(request, role, area, sample, caplog):
    client = Client()
    cookies = dict(HOSTILE_COOKIES)
    if role == "anonymous":
        cookies |= FORGED_SESSION
    else:
        client.force_login(request.getfixturevalue(role))
    routes = [
        route for route in ROUTES if _area(route) == area and route.name not in SKIPPED
    ]
    with caplog.at_level(logging.ERROR):
        findings = run_walk(
            client, routes, sample, cookies=cookies, depth=DEPTH[role, area]
        )
    # django.security logs the requests it refused with a 400, as designed.
    logged = [
        f"{record.name}: {record.getMessage()[:200]}"
        for record in caplog.records
        if record.levelno >= logging.ERROR
        and not record.name.startswith("django.security")
    ]
    print(f"{role}/{area}: {findings.requests} requests over {len(routes)} routes")
    assert findings.requests >= len(routes)
    assert not findings.problems, "\n".join(findings.problems[:60])
    assert not logged, "\n".join(logged[:60])
