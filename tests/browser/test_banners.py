"""An editor schedules a banner while another is running and is told so."""

import pytest
from playwright.sync_api import expect

from newsroom.kernel.sitewide.models import Banner

from .test_series_desk import assert_quiet_and_accessible
from .test_workflow import log_in

pytestmark = pytest.mark.slow


def test_an_overlapping_banner_is_saved_with_a_warning(page, demo_site):
    running = Banner.objects.get()  # the demo's German shipping banner
    log_in(page, demo_site, "editor", "shimbun-editor")
    page.goto(demo_site + "/admin/sitewide/banner/add/")
    assert_quiet_and_accessible(page)
    page.get_by_label("Message").fill("Spring sale: 20 % off figures")
    page.get_by_label("Language").select_option(label="English (en)")
    page.get_by_label("Starts").fill("2030-01-01T00:00")
    page.get_by_label("Ends").fill("2029-12-01T00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-ends_at .errorlist")).to_have_text(
        "The end must come after the start."
    )
    assert Banner.objects.count() == 1

    page.get_by_label("Ends").fill("2030-02-01T00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text(
        f"“Spring sale: 20 % off figures” runs at the same time as “{running}”"
    )
    # The change list says it too, as long as both are scheduled.
    page.goto(demo_site + "/admin/sitewide/banner/")
    expect(page.locator(".messagelist .warning")).to_have_count(1)
    expect(page.locator(".messagelist .warning")).to_contain_text(
        "runs at the same time as “Spring sale: 20 % off figures”"
    )
    assert_quiet_and_accessible(page)
    assert page.console.errors == []
