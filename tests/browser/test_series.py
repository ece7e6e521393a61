import pytest


@pytest.fixture
def new_york_page(browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        timezone_id="America/New_York",
        locale="en-US",
    )
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.console_errors = errors
    yield page
    context.close()


def test_broadcast_times_show_the_readers_own_date(new_york_page, demo_site):
    page = new_york_page
    page.goto(demo_site + "/series/metallic-rouge/")
    first_row = page.locator(".episode-table tbody tr").first
    # 00:55 on Thursday in Tokyo is still Wednesday morning in New York.
    assert "Thu 11 Jan 2024, 00:55 JST" in first_row.inner_text()
    local = first_row.locator(".local-time").first.inner_text()
    assert "Wed, Jan 10, 2024" in local
    assert "10:55" in local
    assert page.console_errors == []


def test_series_filters_combine_in_the_browser(page, demo_site):
    page.goto(demo_site + "/series/")
    page.select_option("#id_studio", "bones")
    page.select_option("#id_season", "winter")
    page.click("text=Apply filters")
    page.wait_for_load_state()
    titles = set(page.locator(".series-card .card-title").all_inner_texts())
    assert titles == {"Metallic Rouge", "Space Dandy", "Wolf's Rain"}
    assert page.console.errors == []
