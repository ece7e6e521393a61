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
    assert block.locator(".merch-prev").is_disabled()
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
