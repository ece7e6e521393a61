"""A writer's whole news story, through the real admin: a lead image uploaded
from the form, a still pasted into the body, a trailer and a related card from
the toolbar's pickers, each seen in the live preview, then submitted."""

import base64

from playwright.sync_api import expect

from newsroom.articles.models import Article
from newsroom.kernel.media.models import Image
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in
from tests.factories import run_queued_tasks
from tests.images import picture_bytes

PASTE = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type: "image/png"}));
  const body = document.getElementById("id_body");
  body.focus();
  const paste = new ClipboardEvent("paste", {clipboardData: transfer, bubbles: true});
  body.dispatchEvent(paste);
}"""


def test_a_writer_builds_a_news_story_with_pictures_a_trailer_and_a_card(
    page, demo_site, tmp_path
):
    key_art = tmp_path / "rouge-key-visual.jpg"
    key_art.write_bytes(picture_bytes("JPEG", size=(1600, 900)))
    still = base64.b64encode(picture_bytes("PNG", size=(1280, 720))).decode()
    card = Article.objects.live().get(slug="metallic-rouge-first-impressions-review")

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/newsroom/article/add/")
    page.locator("#id_title").press_sequentially("Metallic Rouge gets a second trailer")
    page.locator("#id_dek").fill("Bones shows Rouge and Naomi on Mars.")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search--dropdown .select2-search__field").fill("News")
    page.locator(".select2-results__option", has_text="News").click()
    body = page.locator("#id_body")
    body.click()
    body.press_sequentially("Bones released a **second trailer** today.")
    preview = page.frame_locator("#body-preview")
    expect(preview.locator("strong")).to_have_text("second trailer")

    # The lead image, uploaded from the form.
    page.get_by_role("button", name="Upload a picture…").last.click()
    dialog = page.get_by_role("dialog", name="Add a picture to the library")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Picture (JPEG, PNG, WebP or GIF)").set_input_files(
        str(key_art)
    )
    expect(dialog.get_by_label("Title in the library")).to_have_value(
        "rouge key visual"
    )
    dialog.get_by_label("Alt text: what the picture shows").fill(
        "Rouge Redstar in front of a red Martian sky"
    )
    dialog.get_by_label("Credit (“Image credit:” is added)").fill("BONES")
    assert_accessible(page)
    dialog.get_by_role("button", name="Add to the library and use it").click()
    expect(dialog).to_be_hidden()
    expect(
        page.locator(".field-lead_image .select2-selection__rendered")
    ).to_contain_text("rouge key visual")
    expect(page.locator("#id_lead_image_alt")).to_have_value(
        "Rouge Redstar in front of a red Martian sky"
    )

    # A still pasted into the body, described in place.
    body.press("End")
    page.evaluate(PASTE, ["image.png", still])
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Alt text: what the picture shows")).to_be_focused()
    dialog.get_by_label("Alt text: what the picture shows").fill("Naomi on a rooftop")
    dialog.get_by_label("Caption").fill("Naomi Orthmann in the new trailer")
    dialog.get_by_label("Credit (“Image credit:” is added)").fill("BONES")
    dialog.get_by_role("button", name="Add to the library and use it").click()
    expect(dialog).to_be_hidden()
    pasted = Image.objects.get(alt_text="Naomi on a rooftop")
    assert f"[[image:{pasted.pk}]]" in body.input_value()
    expect(page.locator("#body-notes")).to_contain_text("still being prepared")
    # The worker makes its sizes, here on the test's thread. The in-memory
    # database is shared with the live server's thread, so the page's own
    # requests (the preview checking back, autosave) wait meanwhile: a routed
    # request is answered only when the test thread is back in Playwright.
    page.route("**/admin/**", lambda route: route.continue_())
    page.wait_for_timeout(500)  # what was already on its way arrives
    run_queued_tasks()
    page.unroute("**/admin/**")
    expect(preview.locator(".embed-image figcaption")).to_contain_text(
        "Naomi Orthmann in the new trailer", timeout=10_000
    )
    expect(page.locator("#body-notes")).to_be_hidden()

    # The trailer, from the video picker.
    page.get_by_role("button", name="Video…").click()
    picker = page.get_by_role("dialog", name="Insert: Video")
    picker.get_by_role("searchbox").fill("https://youtu.be/dQw4w9WgXcQ")
    picker.get_by_label("Title shown to readers (optional)").fill("Second trailer")
    picker.get_by_role("button", name="YouTube video").click()
    expect(picker).to_be_hidden()
    assert (
        '[[video:https://www.youtube.com/watch?v=dQw4w9WgXcQ title="Second trailer"]]'
        in body.input_value()
    )
    expect(preview.locator(".embed-video")).to_contain_text("Play: Second trailer")

    # A related card, found by words.
    page.get_by_role("button", name="Related article…").click()
    picker = page.get_by_role("dialog", name="Insert: Related article")
    picker.get_by_role("searchbox").fill("first impressions")
    picker.get_by_role("button", name=card.title).click()
    expect(preview.locator(".related-card")).to_contain_text(card.title)
    # Styled by the site's own stylesheet, as on a reader's page.
    style = "card => [getComputedStyle(card).display, getComputedStyle(card).gap]"
    in_preview = preview.locator(".related-card").evaluate(style)
    reader = page.context.new_page()
    reader.goto(demo_site + "/articles/metallic-rouge-review/")
    assert reader.locator(".related-card").first.evaluate(style) == in_preview
    reader.close()
    expect(page.locator("#body-problems")).to_be_hidden()

    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url("**/admin/newsroom/article/*/change/")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get(title="Metallic Rouge gets a second trailer")
    assert article.slug == "metallic-rouge-gets-a-second-trailer"
    assert article.lead_image.title == "rouge key visual"
    page.get_by_role("button", name="Save and submit for review").click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text("is now in review")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert f"image:{pasted.pk}" in article.body_html or "embed-image" in (
        article.body_html
    )
    assert page.console.errors == []


def test_a_broken_upload_is_refused_in_the_dialog_and_nothing_is_lost(
    page, demo_site, tmp_path
):
    fake = tmp_path / "not-a-picture.png"
    fake.write_bytes(b"this is text, not a picture")
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/newsroom/article/add/")
    body = page.locator("#id_body")
    body.fill("My words stay.")
    page.locator("#body-tools").get_by_role("button", name="Upload a picture…").click()
    dialog = page.get_by_role("dialog", name="Add a picture to the library")
    dialog.get_by_label("Picture (JPEG, PNG, WebP or GIF)").set_input_files(str(fake))
    dialog.get_by_role("button", name="Add to the library and use it").click()
    errors = page.locator("#image-upload-errors")
    expect(errors).to_contain_text("not a readable image")
    expect(errors).to_contain_text("Alt text")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(body).to_have_value("My words stay.")
    assert not Image.objects.filter(title="not a picture").exists()
