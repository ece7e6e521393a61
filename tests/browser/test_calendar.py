"""An editor schedules an approved piece from the calendar by typing its time,
and finds it scheduled on that day."""

from datetime import timedelta

from django.utils import timezone

from newsroom.articles.models import Article
from series.models import JAPAN
from tests.browser.accessibility import assert_accessible
from tests.browser.test_workflow import log_in


def test_editor_schedules_an_approved_piece_from_the_calendar(page, demo_site):
    piece = Article.objects.get(slug="metallic-rouge-english-dub-cast")
    Article.objects.filter(pk=piece.pk).update(status="approved", publish_at=None)
    day = (timezone.now().astimezone(JAPAN) + timedelta(days=2)).date()

    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/newsroom/article/")
    page.get_by_role("link", name="Calendar").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Calendar"
    assert_accessible(page)

    ready = page.locator(".calendar-ready .calendar-piece").filter(has_text=piece.title)
    ready.get_by_label(f"Publish at (JST) for “{piece.title}”").fill(
        f"{day:%Y-%m-%d}T10:30"
    )
    ready.get_by_role("button", name="Schedule").click()
    page.wait_for_load_state()
    assert (
        f"“{piece.title}” is scheduled for" in page.locator(".messagelist").inner_text()
    )

    that_day = page.locator(f'.calendar-day[data-date="{day:%Y-%m-%d}"]')
    entry = that_day.locator(".calendar-piece").filter(has_text=piece.title)
    assert entry.locator(".piece-time").inner_text() == "10:30"
    assert entry.locator(".state").inner_text() == "Scheduled"
    assert page.locator(".calendar-ready").get_by_text(piece.title).count() == 0
    assert_accessible(page)
    assert page.console.errors == []
    piece.refresh_from_db()
    assert piece.is_scheduled
    assert piece.publish_at.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M") == (
        f"{day:%Y-%m-%d} 10:30"
    )
