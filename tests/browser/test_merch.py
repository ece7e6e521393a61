from tests.browser.conftest import ConsoleWatcher


def test_merch_carousel_moves_with_buttons_and_keys(browser, demo_site):
    context = browser.new_context(
        viewport={"width": 700, "height": 900}, reduced_motion="reduce"
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(demo_site + "/articles/metallic-rouge-episode-1-and-new-merch/")
    block = page.locator(".merch-block").first
    track = block.locator(".merch-track")
    block.scroll_into_view_if_needed()
    assert track.evaluate("t => t.scrollLeft") == 0
    assert block.locator(".merch-prev").get_attribute("aria-disabled") == "true"
    block.locator(".merch-next").click()
    page.wait_for_function("t => t.scrollLeft > 0", arg=track.element_handle())
    assert block.locator(".merch-status").inner_text() == "Item 2 of 4"
    block.locator(".merch-prev").click()
    page.wait_for_function("t => t.scrollLeft === 0", arg=track.element_handle())
    track.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("t => t.scrollLeft > 0", arg=track.element_handle())
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("t => t.scrollLeft === 0", arg=track.element_handle())
    # Every item is a real link through the site's redirect.
    hrefs = block.locator(".merch-buy").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert len(hrefs) == 4 and all(h.startswith("/go/") for h in hrefs)
    assert errors == []
    context.close()


def test_carousel_keeps_keyboard_focus_and_shows_the_focused_item(browser, demo_site):
    context = browser.new_context(
        viewport={"width": 320, "height": 800}, reduced_motion="reduce"
    )
    page = context.new_page()
    console = ConsoleWatcher(page)
    page.goto(demo_site + "/articles/metallic-rouge-episode-1-and-new-merch/")
    block = page.locator(".merch-block").first
    track = block.locator(".merch-track")
    nxt = block.locator(".merch-next")
    nxt.focus()
    for _ in range(5):  # past the last item
        page.keyboard.press("Enter")
    assert nxt.get_attribute("aria-disabled") == "true"
    # Reaching the end must not throw the keyboard user out of the carousel.
    assert page.evaluate("document.activeElement.className") == "merch-next"
    track.evaluate("t => t.scrollTo({left: 0})")
    second = block.locator(".merch-buy").nth(1)
    second.focus()
    inside = page.evaluate(
        """([link, track]) => {
            const l = link.getBoundingClientRect(), t = track.getBoundingClientRect();
            return l.left >= t.left - 1 && l.right <= t.right + 1;
        }""",
        [second.element_handle(), track.element_handle()],
    )
    assert inside, "the focused shop link is cut off by the track"
    assert console.errors == []
    context.close()


def test_merch_block_without_javascript_is_a_list_of_links(browser, demo_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site + "/articles/metallic-rouge-episode-1-and-new-merch/")
    block = page.locator(".merch-block").first
    assert block.locator(".merch-buy").count() == 4
    assert not block.locator(".merch-controls").is_visible()
    assert (
        block.locator(".merch-track").evaluate("t => getComputedStyle(t).overflowX")
        == "auto"
    )
    context.close()


def test_editor_reaches_the_click_report_from_the_merch_list(page, demo_site):
    from tests.browser.test_workflow import log_in

    page.goto(demo_site + "/articles/metallic-rouge-episode-1-and-new-merch/")
    buy = page.locator(".merch-buy").first
    item_name = buy.locator("xpath=ancestor::li").inner_text().splitlines()[0]
    answer = page.request.get(
        demo_site + buy.get_attribute("href"),
        max_redirects=0,
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
    )
    assert answer.status == 302

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/merch/merchitem/")
    page.get_by_role("link", name="Click report").click()
    page.wait_for_load_state()
    assert page.url.endswith("/admin/merch/merchitem/clicks/")
    report = page.locator("#content").inner_text()
    assert "1 click" in report
    assert item_name in report
    assert page.console.errors == []
