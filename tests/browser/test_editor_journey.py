"""The desk's round trip, each step typed and clicked in the real admin: a
writer submits, the editor sends the piece back with a comment, the writer
hears of it, fixes it and submits again, the editor approves it and schedules
it from the calendar. And a critic writes and scores an episode review."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.articles.models import Article
from reviews.models import Review
from series.models import JAPAN
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in


def test_sent_back_fixed_and_scheduled_from_the_calendar(page, demo_site):
    writer = get_user_model().objects.get(username="writer")
    writer.notifications.update(read_at=timezone.now())
    piece = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=piece.pk).update(created_by=writer)
    change = f"{demo_site}/admin/newsroom/article/{piece.pk}/change/"
    day = (timezone.now().astimezone(JAPAN) + timedelta(days=3)).date()

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(change)
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is now in review")

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/")
    expect(page.locator("#notifications-link")).to_contain_text("unread")
    page.goto(change)
    page.get_by_label("Comment for the log (required to send back)").fill(
        "Say which studio records the dub."
    )
    page.get_by_role("button", name="Save and send back to the writer").click()
    expect(page.locator(".messagelist")).to_contain_text("is now draft")

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/")
    page.locator("#notifications-link").click()
    item = page.locator(".notification.unread")
    expect(item.locator(".notification-comment")).to_have_text(
        "Say which studio records the dub."
    )
    item.get_by_role("button", name=f"Open “{piece.title}”").click()
    page.wait_for_url(change)
    body = page.locator("#id_body")
    body.press("Control+End")
    body.press_sequentially("\n\nThe dub is recorded at a Los Angeles studio.")
    expect(page.frame_locator("#body-preview").locator("body")).to_contain_text(
        "Los Angeles studio"
    )
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is now in review")

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(change)
    page.get_by_role("button", name="Save and approve").click()
    expect(page.locator(".messagelist")).to_contain_text("is now approved")
    page.goto(demo_site + "/admin/newsroom/article/calendar/")
    ready = page.locator(".calendar-ready .calendar-piece").filter(has_text=piece.title)
    ready.get_by_label(f"Publish at (JST) for “{piece.title}”").fill(
        f"{day:%Y-%m-%d}T09:00"
    )
    ready.get_by_role("button", name="Schedule").click()
    expect(page.locator(".messagelist")).to_contain_text("is scheduled for")
    entry = page.locator(f'.calendar-day[data-date="{day:%Y-%m-%d}"]').filter(
        has_text=piece.title
    )
    expect(entry.locator(".state")).to_have_text("Scheduled")
    assert_accessible(page)

    piece.refresh_from_db()
    assert piece.is_scheduled
    assert "Los Angeles studio" in piece.body_html
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/notifications/notification/")
    expect(page.locator(".notification.unread").first).to_contain_text("scheduled")
    assert page.console.errors == []


def test_a_critic_writes_and_scores_an_episode_review(page, demo_site):
    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/newsroom/article/add/")
    page.locator("#id_title").press_sequentially("Metallic Rouge episode 2 review")
    page.select_option("#id_kind", "review")
    page.locator(".field-section .select2-selection").click()
    page.locator(".select2-search--dropdown .select2-search__field").fill("Reviews")
    page.locator(".select2-results__option", has_text="Reviews").click()
    page.locator("#id_body").press_sequentially("Rouge meets **Naomi** at last.")
    expect(page.frame_locator("#body-preview").locator("strong")).to_have_text("Naomi")

    expect(page.locator("#review-group")).to_be_visible()
    box = page.locator("#review-group .inline-related:not(.empty-form)")
    box.get_by_label("Review type").select_option("episode")
    box.get_by_label("Score").fill("7.5")
    box.get_by_label("Verdict").fill("A quieter episode that earns its ending.")
    box.get_by_label("Pros").fill("The rooftop chase\nNaomi's deadpan")
    box.get_by_label("Cons").fill("Exposition in the middle")
    box.locator(".field-series .select2-selection").click()
    page.locator(".select2-search--dropdown .select2-search__field").fill("Metallic")
    page.locator(".select2-results__option", has_text="Metallic Rouge").click()
    box.get_by_label("Episode from").fill("2")
    box.get_by_label("Reviewed from").fill("Screener provided by the distributor")
    assert_accessible(page)
    page.get_by_role("button", name="Save and continue editing").first.click()
    page.wait_for_url("**/admin/newsroom/article/*/change/")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    review = Review.objects.select_related("article").get(
        article__title="Metallic Rouge episode 2 review"
    )
    assert str(review.score) == "7.5"
    assert review.episode_from == 2
    assert review.item_label == "Metallic Rouge, episode 2"
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is now in review")
    assert page.console.errors == []
