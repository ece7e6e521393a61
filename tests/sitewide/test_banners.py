"""Banners: dates that run forwards, a real language, and a warning when two
would be up at once (readers only ever see one)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from newsroom.kernel.sitewide.models import Banner

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def banner_post(**fields):
    return {
        "message": "Spring sale",
        "language": "en",
        "link_url": "",
        "link_text": "",
        "starts_at": "2024-03-01T00:00",
        "ends_at": "2024-03-10T00:00",
        "is_active": "on",
    } | fields


def add(client, **fields):
    return client.post(reverse("admin:sitewide_banner_add"), banner_post(**fields))


def test_a_good_banner_saves_without_warning(editor_client):
    response = add(editor_client, language="de")
    assert response.status_code == 302
    banner = Banner.objects.get()
    assert banner.language == "de"
    assert banner.ends_at == datetime(2024, 3, 10, tzinfo=UTC)
    page = editor_client.get(response["Location"])
    assert "runs at the same time" not in page.content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"ends_at": "2024-02-01T00:00"}, "The end must come after the start."),
        ({"ends_at": "2024-03-01T00:00"}, "The end must come after the start."),
        ({"language": "zz-notalang"}, "Select a valid choice. zz-notalang"),
        ({"language": ""}, "This field is required."),
        ({"starts_at": "yesterday"}, "Enter a valid date/time."),
    ],
)
def test_bad_banners_are_form_errors_and_nothing_is_saved(
    editor_client, fields, message
):
    response = add(editor_client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Banner.objects.exists()


def test_the_model_refuses_an_unknown_language_and_a_backwards_run():
    banner = Banner(
        message="x",
        language="zz",
        starts_at=NOW,
        ends_at=NOW - timedelta(days=1),
    )
    with pytest.raises(Exception) as caught:
        banner.full_clean()
    errors = caught.value.message_dict
    assert "not a language code" in errors["language"][0]
    assert errors["ends_at"] == ["The end must come after the start."]


def test_the_database_refuses_a_banner_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        Banner.objects.create(
            message="x", starts_at=NOW, ends_at=NOW - timedelta(hours=1)
        )


def test_saving_a_banner_that_overlaps_another_warns(editor_client):
    Banner.objects.create(
        message="Free shipping", starts_at=NOW - timedelta(days=1), ends_at=None
    )
    response = add(editor_client, message="Spring sale")
    assert response.status_code == 302
    page = editor_client.get(response["Location"]).content.decode()
    assert "“Spring sale” runs at the same time as “Free shipping”" in page
    assert Banner.objects.count() == 2


@pytest.mark.parametrize(
    ("other", "overlaps"),
    [
        (
            {"starts_at": NOW - timedelta(days=9), "ends_at": NOW - timedelta(days=1)},
            False,
        ),
        ({"starts_at": NOW + timedelta(days=9), "ends_at": None}, False),
        ({"starts_at": NOW + timedelta(days=8), "ends_at": None}, True),
        (
            {"starts_at": NOW, "ends_at": NOW + timedelta(hours=1), "is_active": False},
            False,
        ),
        (
            {"starts_at": NOW, "ends_at": NOW + timedelta(hours=1), "language": "ja"},
            True,
        ),
    ],
)
def test_overlap_is_time_together_while_switched_on(other, overlaps):
    """Language does not split the audience: every reader gets the newest
    running banner (current_banner), whatever language it is in."""
    mine = Banner.objects.create(
        message="Mine",
        starts_at=NOW - timedelta(days=1),
        ends_at=NOW + timedelta(days=9),
    )
    theirs = Banner.objects.create(message="Theirs", **other)
    assert Banner.objects.overlapping(mine, NOW) == ([theirs] if overlaps else [])


def test_the_change_list_warns_about_overlaps_once_per_pair(
    editor_client, django_assert_max_num_queries
):
    Banner.objects.create(message="Free shipping", starts_at=NOW - timedelta(days=1))
    Banner.objects.create(message="Spring sale", starts_at=NOW)
    Banner.objects.create(
        message="Old news",
        starts_at=NOW - timedelta(days=30),
        ends_at=NOW - timedelta(days=20),
    )
    # 13 with the header's unread notifications count.
    with django_assert_max_num_queries(13):
        page = editor_client.get(reverse("admin:sitewide_banner_changelist"))
    text = page.content.decode()
    assert text.count("runs at the same time") == 1
    assert "“Free shipping” runs at the same time as “Spring sale”" in text
