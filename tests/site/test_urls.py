"""Addresses the site keeps across its restructuring."""

import pytest


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/admin/newsroom/image/", "/admin/media/image/"),
        (
            "/admin/newsroom/image/7/change/?_popup=1",
            "/admin/media/image/7/change/?_popup=1",
        ),
        ("/admin/newsroom/merchitem/clicks/", "/admin/merch/merchitem/clicks/"),
        ("/admin/newsroom/banner/add/", "/admin/sitewide/banner/add/"),
    ],
)
def test_admin_pages_of_models_that_moved_apps_keep_their_old_addresses(
    client, old, new
):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
