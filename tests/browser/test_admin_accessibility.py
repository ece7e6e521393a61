"""axe-core on the admin pages the newsroom's journeys pass through, as each
role sees them (the admin's own markup included, where Shimbun changed it)."""

import pytest
from django.contrib.auth import get_user_model

from newsroom.articles.models import Article
from series.models import Series
from tests.browser.accessibility import axe_violations
from tests.browser.test_workflow import log_in

pytestmark = pytest.mark.slow(seconds=40)

PAGES = {
    "editor": [
        "/admin/",
        "/admin/newsroom/article/",
        "/admin/newsroom/article/add/",
        "/admin/newsroom/article/{review}/change/",
        "/admin/newsroom/article/{review}/revisions/",
        "/admin/newsroom/article/{review}/delete/",
        "/admin/newsroom/article/calendar/",
        "/admin/notifications/notification/",
        "/admin/media/image/",
        "/admin/media/image/add/",
        "/admin/series/series/{series}/change/",
        "/admin/series/series/{series}/episodes/",
        "/admin/series/person/add/",
        "/admin/sitewide/banner/add/",
        "/admin/merch/merchitem/",
        "/admin/merch/merchitem/add/",
    ],
    "writer": [
        "/admin/",
        "/admin/newsroom/article/",
        "/admin/newsroom/article/add/",
        "/admin/newsroom/article/{draft}/change/",
        "/admin/newsroom/article/calendar/",
        "/admin/notifications/notification/",
        "/admin/media/image/add/",
        "/admin/series/series/{series}/change/",
    ],
}
PASSWORDS = {"editor": "shimbun-editor", "writer": "shimbun-writer"}


@pytest.mark.parametrize("role", ["editor", "writer"])
def test_the_desk_pages_have_no_axe_violations(page, demo_site, role):
    ids = {
        "review": Article.objects.get(slug="metallic-rouge-review").pk,
        "draft": Article.objects.get(slug="metallic-rouge-english-dub-cast").pk,
        "series": Series.objects.get(slug="metallic-rouge").pk,
    }
    writer = get_user_model().objects.get(username="writer")
    Article.objects.filter(pk=ids["draft"]).update(created_by=writer)
    log_in(page, demo_site, role, PASSWORDS[role])
    found = {}
    for address in PAGES[role]:
        url = demo_site + address.format(**ids)
        response = page.goto(url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            found[address] = violations
    assert found == {}
    assert page.console.errors == []
