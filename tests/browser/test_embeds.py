def test_review_embeds_render_and_spoiler_opens(page, demo_site):
    page.goto(demo_site + "/articles/metallic-rouge-review/")
    still = page.locator(".embed-image").first
    assert still.is_visible()
    assert "Image credit: Shimbun demo artwork" in still.inner_text()
    image = page.locator(".embed-image img").first
    image.scroll_into_view_if_needed()  # it is lazy-loaded
    page.wait_for_function(
        "i => i.complete && i.naturalWidth > 0", arg=image.element_handle()
    )
    card = page.locator(".related-card")
    assert "Metallic Rouge first impressions" in card.inner_text()
    spoiler_body = page.locator(".spoiler .spoiler-body")
    assert not spoiler_body.is_visible()
    page.locator(".spoiler summary").focus()
    page.keyboard.press("Enter")
    assert spoiler_body.is_visible()
    assert page.console.errors == []


def test_trailer_loads_only_after_a_click(page, demo_site):
    video_requests = []

    def fake_player(route):
        video_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>player</p>")

    page.route("**/*youtube*/**", fake_player)
    page.goto(
        demo_site
        + "/articles/metallic-rouge-bones-25th-anniversary-anime-january-2024/"
    )
    page.wait_for_load_state("networkidle")
    assert page.locator(".embed-video iframe").count() == 0
    assert video_requests == []
    page.locator(".video-poster").click()
    frame = page.locator(".embed-video iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(
        "https://www.youtube-nocookie.com/embed/"
    )
    page.wait_for_timeout(200)
    assert any("youtube-nocookie.com" in url for url in video_requests)
    assert page.console.errors == []
