"""Episodes by rule: the plan a rule gives, the service that saves it, and
the admin page that previews and saves it."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from newsroom.kernel.audit.models import AuditEntry
from series.models import JAPAN, Episode
from series.services import (
    EpisodeRule,
    episode_run_plan,
    episodes_generate,
    numbers_label,
)

pytestmark = pytest.mark.django_db

FIRST = datetime(2024, 1, 11, 0, 55, tzinfo=JAPAN)  # Wednesdays 24:55


def week(n: int) -> datetime:
    return FIRST + timedelta(days=7 * n)


def test_a_weekly_run_with_a_skipped_week_and_a_double_episode():
    rule = EpisodeRule(
        first_air_at=FIRST,
        count=28,
        skipped=frozenset({date(2024, 2, 8)}),
        together=((13, 14),),
        streaming_offset=timedelta(minutes=30),
    )
    plan = episode_run_plan(rule)
    assert [e.number for e in plan] == list(range(1, 29))
    times = {e.number: e.air_at for e in plan}
    assert times[4] == week(3)
    assert times[5] == week(5)  # 8 February is skipped: the run shifts a week
    assert times[13] == times[14] == week(13)
    assert times[15] == week(14)
    assert times[28] == week(27)
    assert plan[12].shares_slot and plan[13].shares_slot
    assert plan[4].after_skip and not plan[5].after_skip
    assert all(e.streaming_at == e.air_at + timedelta(minutes=30) for e in plan)


def test_a_run_can_start_at_any_number_and_interval():
    plan = episode_run_plan(
        EpisodeRule(
            first_air_at=FIRST, count=3, first_number=13, interval=timedelta(days=1)
        )
    )
    assert [(e.number, e.air_at) for e in plan] == [
        (13, FIRST),
        (14, FIRST + timedelta(days=1)),
        (15, FIRST + timedelta(days=2)),
    ]
    assert plan[0].streaming_at is None


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"count": 0}, "count"),
        ({"count": 500}, "count"),
        ({"interval": timedelta(hours=3)}, "interval_days"),
        ({"skipped": frozenset({date(2024, 1, 12)})}, "skipped_dates"),
        ({"together": ((12, 13),)}, "double_episodes"),
        ({"together": ((3, 4), (4, 5))}, "double_episodes"),
    ],
)
def test_impossible_rules_are_refused_by_field(rule, field):
    with pytest.raises(ValidationError) as caught:
        episode_run_plan(EpisodeRule(**{"first_air_at": FIRST, "count": 12} | rule))
    assert field in caught.value.message_dict


def test_numbers_label_joins_ranges():
    assert numbers_label([1, 2, 3, 7, 9, 10]) == "1–3, 7 and 9–10"


def test_generate_saves_the_run_and_an_audit_entry(make_series, editor):
    series = make_series()
    rule = EpisodeRule(first_air_at=FIRST, count=12)
    episodes_generate(series=series, user=editor, rule=rule)
    assert series.episodes.count() == 12
    assert series.episodes.get(number=12).air_at == week(11)
    entry = AuditEntry.objects.get(action="episodes_generate")
    assert entry.user == editor
    assert entry.object_id == str(series.pk)
    assert "Episodes 1–12 every 7 days from 2024-01-11 00:55 JST" in entry.detail


def test_generate_never_overwrites_existing_episodes_unless_told(make_series, editor):
    series = make_series()
    Episode.objects.create(series=series, number=2, title="The kept title")
    rule = EpisodeRule(first_air_at=FIRST, count=3)
    with pytest.raises(ValidationError, match="already has episode 2"):
        episodes_generate(series=series, user=editor, rule=rule)
    assert series.episodes.count() == 1
    assert not AuditEntry.objects.exists()

    episodes_generate(series=series, user=editor, rule=rule, replace=True)
    kept = series.episodes.get(number=2)
    assert kept.title == "The kept title"
    assert kept.air_at == week(1)
    assert series.episodes.count() == 3


def test_generate_checks_permission(make_series, writer):
    series = make_series()
    with pytest.raises(PermissionDenied):
        episodes_generate(
            series=series, user=writer, rule=EpisodeRule(first_air_at=FIRST, count=2)
        )
    assert not series.episodes.exists()


# The admin page --------------------------------------------------------------


def rule_post(**fields):
    return {
        "first_air_at": "2024-01-11T00:55",
        "interval_days": "7",
        "count": "28",
        "first_number": "1",
        "streaming_offset": "",
        "skipped_dates": "",
        "double_episodes": "",
        "_preview": "Preview dates",
    } | fields


def test_the_page_previews_then_saves_what_was_previewed(editor_client, make_series):
    series = make_series()
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    data = rule_post(skipped_dates="2024-02-08", double_episodes="13+14")
    preview = editor_client.post(url, data)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview: 28 episodes" in page
    assert "Thu 15 Feb 2024, 00:55" in page  # episode 5, after the skipped week
    assert "Double episode" in page
    assert not series.episodes.exists()

    digest = preview.context["plan"].digest
    saved = editor_client.post(url, data | {"_save": "Save", "previewed": digest})
    assert saved.status_code == 302
    assert saved["Location"].endswith(
        reverse("admin:series_series_change", args=[series.pk]) + "#episodes-group"
    )
    assert series.episodes.count() == 28
    assert series.episodes.get(number=14).air_at == datetime(
        2024, 4, 10, 15, 55, tzinfo=UTC
    )


def test_a_rule_changed_after_the_preview_is_previewed_again(
    editor_client, make_series
):
    series = make_series()
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    preview = editor_client.post(url, rule_post())
    digest = preview.context["plan"].digest
    response = editor_client.post(
        url, rule_post(count="30", _save="Save", previewed=digest)
    )
    assert response.status_code == 200
    assert "changed since the preview" in response.content.decode()
    assert "Preview: 30 episodes" in response.content.decode()
    assert not series.episodes.exists()


def test_existing_numbers_are_shown_and_stop_the_save(editor_client, make_series):
    series = make_series()
    Episode.objects.create(series=series, number=1)
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    preview = editor_client.post(url, rule_post(count="2"))
    assert "already has episode 1" in preview.content.decode()
    digest = preview.context["plan"].digest
    response = editor_client.post(
        url, rule_post(count="2", _save="Save", previewed=digest)
    )
    assert response.status_code == 200
    assert "already has episode 1" in response.content.decode()
    assert series.episodes.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"count": "0"}, "greater than or equal to 1"),
        ({"count": "500"}, "less than or equal to 200"),
        ({"count": "many"}, "Enter a whole number"),
        ({"interval_days": "0"}, "greater than or equal to 1"),
        ({"interval_days": "x"}, "Enter a whole number"),
        ({"first_air_at": "2024-13-45T99:00"}, "Enter a valid date/time"),
        ({"first_air_at": ""}, "This field is required"),
        ({"first_air_at": "0001-01-01T00:00"}, "between the years 1900 and 2200"),
        ({"first_air_at": "9999-12-31T23:59"}, "between the years 1900 and 2200"),
        ({"skipped_dates": "next week"}, "is not a date"),
        ({"skipped_dates": "2024-01-12"}, "No episode of this run falls on"),
        ({"double_episodes": "13-14"}, "is not a double episode"),
        ({"double_episodes": "13+15"}, "is not a double episode"),
        # Not Python's "invalid literal for int()": the entry itself is named.
        (
            {"double_episodes": "abc<script>"},
            "“abc&lt;script&gt;” is not a double episode",
        ),
        ({"double_episodes": "40+41"}, "outside this run"),
        ({"first_number": "9990"}, "stop at 9999"),
        ({"streaming_offset": "99999"}, "less than or equal to 10080"),
    ],
)
def test_bad_rules_are_form_errors(editor_client, make_series, fields, message):
    series = make_series()
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    response = editor_client.post(url, rule_post(**fields) | {"_save": "Save"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not series.episodes.exists()


def test_writers_cannot_open_the_generator(client, writer, make_series):
    series = make_series()
    client.force_login(writer)
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, rule_post() | {"_save": "Save"}).status_code == 403
    assert not series.episodes.exists()


def test_the_series_form_links_to_the_generator(editor_client, make_series):
    series = make_series()
    change = editor_client.get(reverse("admin:series_series_change", args=[series.pk]))
    url = reverse("admin:series_series_episode_rule", args=[series.pk])
    assert change.content.decode().count(f'href="{url}"') == 2


def test_the_demo_enters_metallic_rouge_by_rule(demo):
    entry = AuditEntry.objects.get(action="episodes_generate")
    assert entry.user.username == "editor"
    assert entry.detail.startswith("Episodes 1–13 every 7 days from 2024-01-11 00:55")
    episodes = Episode.objects.filter(series__slug="metallic-rouge")
    assert [e.air_at for e in episodes] == [week(n) for n in range(13)]
