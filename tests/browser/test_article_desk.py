"""The article form's tools, typed into and clicked as a writer would."""

import re

from playwright.sync_api import expect
from taggit.models import Tag

from newsroom.articles.models import Article
from reviews.models import Review
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in

ADD = "/admin/newsroom/article/add/"


def body_field(page):
    return page.locator("#id_body")


def test_typing_into_the_body_updates_the_preview_and_the_toolbar_inserts(
    page, demo_site
):
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + ADD)
    body = body_field(page)
    body.click()
    body.press_sequentially("Bones dated the show. **Metallic Rouge** airs in January.")
    preview = page.frame_locator("#body-preview")
    expect(preview.locator("strong")).to_have_text("Metallic Rouge")

    page.get_by_role("button", name="Pull quote").click()
    assert "[[quote attribution=" in body.input_value()
    expect(preview.locator(".pull-quote blockquote")).to_contain_text("Quoted words.")

    body.press("End")
    body.press_sequentially("\n\n[[related:no-such-article]]\n")
    problems = page.locator("#body-problems")
    expect(problems).to_be_visible()
    line = body.input_value().splitlines().index("[[related:no-such-article]]") + 1
    expect(problems).to_contain_text(f"Line {line}")
    assert page.console.errors == []


def test_the_slug_is_proposed_transliterated_and_a_taken_one_is_replaced(
    page, demo_site
):
    taken = Article.objects.get(slug="metallic-rouge-review")
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + ADD)
    page.locator("#id_title").press_sequentially("Keiichirō Saitō on Frieren")
    slug = page.locator("#id_slug")
    expect(slug).to_have_value("keiichiro-saito-on-frieren")

    slug.fill("")
    slug.press_sequentially(taken.slug)
    note = page.locator("#id_slug_note")
    expect(note).to_contain_text(f"already the address of “{taken.title}”")
    note.get_by_role("button").click()
    expect(slug).to_have_value("metallic-rouge-review-2")
    expect(note).to_be_hidden()
    # Typing the title again no longer overwrites a slug chosen by hand.
    page.locator("#id_title").press_sequentially(" again")
    page.wait_for_timeout(600)
    expect(slug).to_have_value("metallic-rouge-review-2")
    assert page.console.errors == []


def test_enter_in_the_tag_box_takes_the_words_typed(page, demo_site):
    Tag.objects.filter(name="review").delete()
    assert Tag.objects.filter(name="episode review").exists()
    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + ADD)
    tags = page.locator(".field-tags .select2-search__field")
    tags.click()
    tags.press_sequentially("review")
    tags.press("Enter")
    chosen = page.locator(".field-tags .select2-selection__choice")
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text(re.compile(r"^\W*review$"))

    # With the arrow keys, a suggestion is taken on purpose.
    tags.press_sequentially("episode rev")
    page.locator(".select2-results__option", has_text="episode review").wait_for()
    tags.press("ArrowDown")
    tags.press("Enter")
    expect(chosen).to_have_count(2)
    expect(chosen.nth(1)).to_contain_text("episode review")
    assert page.console.errors == []


def test_turning_a_review_into_a_feature_warns_then_drops_the_score_box(
    page, demo_site
):
    review = Review.objects.select_related("article").get(
        article__slug="metallic-rouge-review"
    )
    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(f"{demo_site}/admin/newsroom/article/{review.article_id}/change/")
    warning = page.locator(".score-box-warning")
    expect(warning).to_be_hidden()
    page.select_option("#id_kind", "feature")
    expect(warning).to_be_visible()
    expect(page.locator("#review-group")).to_be_visible()
    assert_accessible(page)
    page.locator("input[name=_save]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text(
        "The score box (score 8/10) was removed: a feature has no score."
    )
    assert not Review.objects.filter(pk=review.pk).exists()


def test_enter_in_the_title_does_not_send_the_article(page, demo_site):
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + ADD)
    page.locator("#id_title").press_sequentially("Rouge returns")
    page.locator("#id_title").press("Enter")
    page.wait_for_timeout(500)
    assert page.url == demo_site + ADD
    expect(page.locator("#id_title")).to_have_value("Rouge returns")
    expect(page.locator(".errornote:visible")).to_have_count(0)


def test_an_embed_between_paragraphs_gets_one_blank_line_each_side(page, demo_site):
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + ADD)
    body = body_field(page)
    body.fill("Para one.\n\nPara two.")
    body.evaluate("field => field.setSelectionRange(9, 9)")  # after "Para one."
    page.get_by_role("button", name="Spoiler").click()
    assert body.input_value() == (
        'Para one.\n\n[[spoiler title="What it hides"]]\nThe spoiler.\n'
        "[[/spoiler]]\n\nPara two."
    )


def test_a_pasted_picture_shows_in_the_file_box(page, demo_site):
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + ADD)
    page.evaluate(
        """() => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([new Uint8Array([137, 80, 78, 71])],
                                      "still.png", {type: "image/png"}));
          const body = document.getElementById("id_body");
          body.dispatchEvent(new ClipboardEvent("paste",
            {clipboardData: transfer, bubbles: true}));
        }"""
    )
    names = page.locator("#image-upload-file").evaluate(
        "input => Array.from(input.files).map(file => file.name)"
    )
    assert names == ["still.png"]
