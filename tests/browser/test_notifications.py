"""An editor sends a writer's piece back with a comment; the writer sees the
unread count, reads the comment on the notifications page, and follows it."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsroom.articles.models import Article
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in


def test_writer_hears_that_the_editor_sent_the_piece_back(page, demo_site):
    writer = get_user_model().objects.get(username="writer")
    piece = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=piece.pk).update(created_by=writer, status="in_review")
    # The demo's own note to the writer, read already.
    writer.notifications.update(read_at=timezone.now())
    change = f"{demo_site}/admin/newsroom/article/{piece.pk}/change/"

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(change)
    page.fill("#id_move_comment", "Name the dub studio & the <director>.")
    page.click("button[name=_move][value=send_back]")
    page.wait_for_load_state()
    assert "is now draft" in page.locator(".messagelist").inner_text()

    log_in(page, demo_site, "writer", "shimbun-writer")
    page.goto(demo_site + "/admin/")
    link = page.locator("#notifications-link")
    assert link.text_content() == "Notifications (1 unread)"
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your notifications"
    item = page.locator(".notification.unread")
    assert item.count() == 1
    assert f"sent “{piece.title}” back to you" in item.inner_text()
    assert (
        item.locator(".notification-comment").inner_text()
        == "Name the dub studio & the <director>."
    )
    assert_accessible(page)

    item.get_by_role("button", name=f"Open “{piece.title}”").click()
    page.wait_for_url(change)
    assert page.locator("#id_title").input_value() == piece.title
    assert page.locator("#notifications-link").text_content() == "Notifications"
    page.goto(demo_site + "/admin/notifications/notification/")
    assert page.locator(".notification.unread").count() == 0
    assert page.locator(".notification").count() == 2
    assert page.console.errors == []
