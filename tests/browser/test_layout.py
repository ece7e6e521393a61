"""The reader pages on a 320 px phone, in the light and the dark scheme."""

import pytest

from tests.browser.conftest import ConsoleWatcher

PAGES = [
    "/",
    "/articles/metallic-rouge-bones-25th-anniversary-anime-january-2024/",
    "/articles/metallic-rouge-review/",
    "/series/metallic-rouge/",
    "/people/motonobu-hori/",
    "/season/winter-2024/",
    "/search/?q=Metallic+Rogue",
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_fit_a_320px_phone_in_both_schemes(browser, demo_site, scheme):
    context = browser.new_context(
        viewport={"width": 320, "height": 700}, color_scheme=scheme
    )
    page = context.new_page()
    console = ConsoleWatcher(page)
    backgrounds = set()
    try:
        for path in PAGES:
            page.goto(demo_site + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} is {width}px wide"
            backgrounds.add(
                page.evaluate("getComputedStyle(document.body).backgroundColor")
            )
        assert console.errors == []
    finally:
        context.close()
    # One page background per scheme, and the dark one is dark.
    (background,) = backgrounds
    red, green, blue = (int(part) for part in background[4:-1].split(","))
    assert (red + green + blue < 200) is (scheme == "dark")


def test_video_poster_and_spoiler_work_from_the_keyboard(page, demo_site):
    page.route("**/*youtube*/**", lambda route: route.fulfill(status=200, body="ok"))
    page.goto(
        demo_site
        + "/articles/metallic-rouge-bones-25th-anniversary-anime-january-2024/"
    )
    page.locator(".video-poster").focus()
    page.keyboard.press("Enter")
    page.locator(".embed-video iframe").wait_for()
    page.goto(demo_site + "/articles/metallic-rouge-review/")
    body = page.locator(".spoiler .spoiler-body")
    page.locator(".spoiler summary").focus()
    page.keyboard.press("Space")
    assert body.is_visible()
    page.keyboard.press("Space")
    assert not body.is_visible()
    assert page.console.errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_masthead_focus_rings_show_in_full_in_both_schemes(browser, demo_site, scheme):
    context = browser.new_context(
        viewport={"width": 320, "height": 700}, color_scheme=scheme
    )
    page = context.new_page()
    try:
        page.goto(demo_site + "/")
        masthead = page.evaluate(
            "getComputedStyle(document.querySelector('.masthead')).backgroundColor"
        )
        red, green, blue = (int(part) for part in masthead[4:-1].split(","))
        assert red + green + blue < 100  # a dark bar in both schemes
        link = page.locator(".site-nav a").first
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the brand
        page.keyboard.press("Tab")  # the first section
        assert page.evaluate("document.activeElement.textContent") == "News"
        ring = link.evaluate("a => getComputedStyle(a).outlineColor")
        assert ring == "rgb(143, 180, 255)"  # light blue on the dark bar
        # The scrolling nav row leaves room for the whole ring (3px + 2px gap).
        room = link.evaluate(
            """a => {
                const l = a.getBoundingClientRect();
                const u = a.closest('ul').getBoundingClientRect();
                return Math.min(l.top - u.top, u.bottom - l.bottom, l.left - u.left);
            }"""
        )
        assert room >= 5
        # Tabbing along the row scrolls each link fully into view, ring and all.
        for _ in range(3):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Interviews"
        shown = page.evaluate(
            """() => {
                const a = document.activeElement, u = a.closest('ul');
                const l = a.getBoundingClientRect(), r = u.getBoundingClientRect();
                return l.left - 5 >= r.left && l.right + 5 <= r.right;
            }"""
        )
        assert shown, "the focused section link is cut off at the row's edge"
    finally:
        context.close()
