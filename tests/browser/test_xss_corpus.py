"""No script ever runs from content: the whole XSS corpus, through every field
that renders into a page, a feed or the admin, in a real browser.

``tests/security/corpus_site.py`` plants every payload of
``tests/security/xss_payloads.py`` in every field class; this test loads each
page that shows them in headless Chromium and fails on any sign of a payload
running (a dialog, the ``__xss`` sentinel, an uncaught script error, a page
that navigated away) or of one surviving as markup (an element with an event
handler, a script address, a ``<base>``, a refresh, an inline script).
Feeds are read twice: the raw XML in the browser, and every item's HTML as a
feed reader shows it, parsed by feedparser with its own sanitising off.
"""

from html import escape
from urllib.parse import unquote, urlencode, urlsplit

import feedparser
import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from newsroom.kernel.sitewide.views import BANNER_COOKIE
from tests.security.corpus_site import plant_corpus
from tests.security.xss_payloads import PAYLOADS

#: Everything on the page that a payload would leave behind if it got through
#: as markup. The site has no inline handlers, inline scripts or script URLs
#: of its own (the coming Content-Security-Policy forbids them), so any is one.
#: The one frame of its own, the article form's live preview (a page the desk
#: writes from the server's sanitised body), is not a finding: the walk goes
#: into it instead, since that is where a body's payload would land.
FIND_LIVE_MARKUP = """() => {
  const found = [];
  const urlAttributes = new Set([
    "href", "src", "action", "formaction", "data", "xlink:href", "background",
    "poster", "srcset", "codebase", "dynsrc", "lowsrc",
  ]);
  const scriptUrl = new RegExp(
    "^(javascript|vbscript|data:text/html|data:image/svg|data:text/javascript|data:,)"
  );
  const origin = location.origin;
  const EMBEDDERS = [
    "iframe", "object", "embed", "applet", "frame", "frameset", "isindex", "keygen",
  ];
  const walk = (doc, where) => {
    const note = (text) => found.push(where + text);
    for (const element of doc.querySelectorAll("*")) {
      const tag = element.localName.toLowerCase();
      if (doc === document && tag === "iframe" && element.id === "body-preview") {
        walk(element.contentDocument, "in the preview: ");
        continue;
      }
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith("on")) note(`<${tag} ${name}>`);
        if (name === "srcdoc") note(`<${tag} srcdoc>`);
        if (urlAttributes.has(name)) {
          const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
          if (scriptUrl.test(value)) note(`<${tag} ${name}=${value.slice(0, 40)}>`);
        }
      }
      if (tag === "base") note("<base>");
      const equiv = (element.getAttribute("http-equiv") || "").toLowerCase();
      if (tag === "meta" && equiv === "refresh") note("<meta refresh>");
      if (EMBEDDERS.includes(tag)) note(`<${tag}>`);
      if (tag === "script") {
        const type = (element.getAttribute("type") || "").toLowerCase();
        const src = element.getAttribute("src");
        if (src && !new URL(src, location.href).href.startsWith(origin + "/")) {
          note(`<script src=${src.slice(0, 40)}>`);
        }
        if (!src && !["application/ld+json", "application/json"].includes(type)) {
          note(`<script>${element.textContent.slice(0, 40)}`);
        }
      }
    }
  };
  walk(document, "");
  return found;
}"""

#: Resolves once the article form's preview (if the page has one) shows the
#: body, so the walk above sees what the editor would.
PREVIEW_SHOWN = """() => {
  const frame = document.getElementById("body-preview");
  return !frame || Boolean(
    frame.contentDocument && frame.contentDocument.querySelector(".article-body")
  );
}"""


class Watch:
    """Every sign of a payload running on a browser page."""

    def __init__(self, page):
        self.page = page
        self.findings = []
        self.texts = []
        self.where = ""
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda error: self.note(f"script error: {error}"))
        page.add_init_script("window.__xss = undefined;")

    def _dialog(self, dialog):
        self.note(f"{dialog.type}({dialog.message})")
        dialog.dismiss()

    def note(self, finding):
        self.findings.append(f"{self.where}: {finding}")

    def check(self, where, *, origin):
        """After a load: the sentinel, the address, and live markup."""
        self.where = where
        if self.page.evaluate("window.__xss") is not None:
            self.note(f"__xss = {self.page.evaluate('window.__xss')}")
        if not self.page.url.startswith(origin):
            self.note(f"navigated to {self.page.url}")
        for markup in self.page.evaluate(FIND_LIVE_MARKUP):
            self.note(f"live markup {markup}")
        self.texts.append(words(self.page.evaluate("document.body.innerText")))

    def visit(self, url, *, origin):
        self.where = url
        response = self.page.goto(url, wait_until="load")
        self.page.wait_for_function(PREVIEW_SHOWN)
        self.check(url, origin=origin)
        return response


def serve_static(route):
    """Answer a /static/ request from the file the static finders find."""
    name = unquote(urlsplit(route.request.url).path).removeprefix("/static/")
    found = finders.find(name)
    if found is None:
        route.fulfill(status=404, body="")
    else:
        route.fulfill(path=found)


def words(text: str) -> str:
    """Text with every run of white space made one space."""
    return " ".join(text.split())


def as_html(detail) -> str:
    """A feed field as a feed reader shows it: HTML when feedparser says it
    is HTML, escaped text otherwise."""
    if not detail:
        return ""
    value = detail.get("value", "")
    return (
        value
        if detail.get("type") in {"text/html", "application/xhtml+xml"}
        else escape(value)
    )


def reader_view(feed) -> str:
    """One page with every item of a feed, the way a feed reader lays it out."""
    items = []
    for entry in feed.entries:
        contents = "".join(as_html(content) for content in entry.get("content", []))
        categories = ", ".join(escape(tag.term) for tag in entry.get("tags", []))
        items.append(
            f"<article><h2>{as_html(entry.get('title_detail'))}</h2>"
            f"<p>{escape(entry.get('author', ''))} · {categories}</p>"
            f"<div>{as_html(entry.get('summary_detail'))}</div>"
            f"<div>{contents}</div></article>"
        )
    head = f"<title>{as_html(feed.feed.get('title_detail'))}</title>"
    return (
        f"<!doctype html><html><head>{head}</head><body>{''.join(items)}</body></html>"
    )


@pytest.fixture
def planted(live_server, transactional_db, demo):
    return plant_corpus()


@pytest.mark.slow(seconds=45)
def test_no_payload_runs_anywhere(browser, live_server, planted):
    origin = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Uploaded pictures are refused at once (a refused load fires ``onerror``
    # as a missing file would), sparing the test server hundreds of files.
    # (Only the uploads under /media/, not the admin's /admin/media/ pages.)
    context.route(f"{origin}/media/**", lambda route: route.abort())
    # The site's own CSS and scripts come straight from the source files: they
    # still run on every page, but the test server renders only the pages.
    context.route(f"{origin}/static/**", serve_static)
    page = context.new_page()
    watch = Watch(page)

    # Reader pages; each dismisses all banners but one, so each shows.
    banners = planted.banner_ids
    for n, path in enumerate(planted.reader_paths):
        shown = banners[n % len(banners)]
        hidden = ",".join(str(pk) for pk in banners if pk != shown)
        context.add_cookies([{"name": BANNER_COOKIE, "value": hidden, "url": origin}])
        watch.visit(origin + path, origin=origin)
    for query in planted.search_queries:
        watch.visit(f"{origin}/search/?{urlencode({'q': query})}", origin=origin)

    # Feeds: the raw XML, then every item as a feed reader shows it.
    for path in planted.feed_paths:
        xml = watch.visit(origin + path, origin=origin).body()
        feed = feedparser.parse(xml, sanitize_html=False, resolve_relative_uris=False)
        assert feed.entries, path
        page.goto("about:blank")
        watch.where = f"{path} in a feed reader"
        page.set_content(reader_view(feed), wait_until="load")
        watch.check(f"{path} in a feed reader", origin="about:blank")

    # The admin, logged in.
    client = Client()
    client.force_login(planted.admin_user)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": origin,
            }
        ]
    )
    for path in planted.admin_paths:
        watch.visit(origin + path, origin=origin)
        assert "/admin/login/" not in page.url

    context.close()
    assert watch.findings == [], "\n".join(watch.findings)
    # And the corpus did reach the browser: every payload is on some page,
    # as the text it was written as.
    shown = "\n".join(watch.texts)
    assert [p for p in PAYLOADS if words(p) not in shown] == []
