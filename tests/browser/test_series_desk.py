"""The series desk in a real browser: an editor enters a 28-episode series by
rule, checks the dates in the preview, the compact table and the reader's
page, and edits one time in the table."""

import pytest
from playwright.sync_api import expect

from series.models import Series

from .accessibility import assert_accessible
from .test_workflow import log_in

pytestmark = pytest.mark.slow


def assert_quiet_and_accessible(page):
    """No console error so far, then axe finds nothing on the page."""
    assert page.console.errors == []
    assert_accessible(page)


def assert_fits_the_window(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the page is {width} px wide"


def test_editor_enters_a_series_by_rule(page, demo_site):
    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/series/series/add/")
    page.fill("#id_title", "Orbital Courier Hina")
    page.fill("#id_premiere_date", "2024-01-11")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    series = Series.objects.get(title="Orbital Courier Hina")

    page.get_by_role("link", name="Episodes by rule").first.click()
    expect(page.locator("h1")).to_have_text("Episodes by rule")
    assert_quiet_and_accessible(page)
    page.get_by_label("First broadcast (JST)").fill("2024-01-11T00:55")
    page.get_by_label("Number of episodes").fill("28")
    page.get_by_label("Streaming, minutes after broadcast").fill("30")
    page.get_by_label("Skipped weeks").fill("2024-02-08")
    page.get_by_label("Double episodes").fill("13+14")
    page.get_by_role("button", name="Preview dates").click()

    preview = page.locator(".episode-preview")
    expect(preview.locator("h2")).to_have_text("Preview: 28 episodes")
    rows = preview.locator("tbody tr")
    expect(rows).to_have_count(28)
    expect(rows.nth(3)).to_contain_text("Thu 1 Feb 2024, 00:55")
    expect(rows.nth(4)).to_contain_text("Thu 15 Feb 2024, 00:55")
    expect(rows.nth(4)).to_contain_text("After a skipped week")
    expect(rows.nth(12)).to_contain_text("Thu 11 Apr 2024, 00:55")
    expect(rows.nth(13)).to_contain_text("Thu 11 Apr 2024, 00:55")
    expect(rows.nth(13)).to_contain_text("Double episode")
    expect(rows.nth(27)).to_contain_text("Thu 18 Jul 2024, 00:55")
    expect(rows.nth(27)).to_contain_text("Thu 18 Jul 2024, 01:25")
    assert_quiet_and_accessible(page)
    assert not series.episodes.exists()

    page.get_by_role("button", name="Save 28 episodes").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved episodes 1–28")
    table = page.locator("#episodes-group")
    expect(table.locator("tbody tr.has_original")).to_have_count(28)
    expect(page.locator("#id_episodes-4-number")).to_have_value("5")
    expect(page.locator("#id_episodes-4-air_at")).to_have_value("2024-02-15T00:55")
    expect(page.locator("#id_episodes-13-air_at")).to_have_value("2024-04-11T00:55")
    expect(page.locator("#id_episodes-13-streaming_at")).to_have_value(
        "2024-04-11T01:25"
    )
    # One note for the table, none under each field.
    expect(table.locator("th.column-air_at")).to_contain_text("Broadcast (JST)")
    expect(page.locator(".timezonewarning")).to_have_count(0)
    assert_fits_the_window(page)
    assert_quiet_and_accessible(page)

    # Episode 28 moves by an hour, typed into its row of the table.
    page.locator("#id_episodes-27-air_at").fill("2024-07-18T01:55")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("#id_episodes-27-air_at")).to_have_value("2024-07-18T01:55")

    page.goto(demo_site + series.get_absolute_url())
    episodes = page.locator(".episode-table tbody tr")
    expect(episodes).to_have_count(28)
    expect(episodes.nth(4)).to_contain_text("Thu 15 Feb 2024, 00:55 JST")
    expect(episodes.nth(13).locator("td").first).to_have_text("14")
    expect(episodes.nth(13)).to_contain_text("Thu 11 Apr 2024, 00:55 JST")
    expect(episodes.nth(27)).to_contain_text("Thu 18 Jul 2024, 01:55 JST")
    assert page.console.errors == []


def test_the_demo_series_form_fits_and_passes_axe(page, demo_site):
    series = Series.objects.get(slug="metallic-rouge")
    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(f"{demo_site}/admin/series/series/{series.pk}/change/")
    expect(page.locator("#episodes-group tbody tr.has_original")).to_have_count(13)
    assert_fits_the_window(page)
    assert_quiet_and_accessible(page)
    assert page.console.errors == []
