from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from series.models import (
    BroadcastSlot,
    Credit,
    ExternalID,
    RelatedSeries,
    Season,
    WatchOption,
)

pytestmark = pytest.mark.django_db
JST = ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("premiere", "season", "year"),
    [
        (date(2024, 1, 10), "winter", 2024),
        (date(2024, 3, 31), "winter", 2024),
        (date(2024, 4, 1), "spring", 2024),
        (date(2016, 7, 12), "summer", 2016),
        (date(2003, 10, 4), "fall", 2003),
        (date(2003, 12, 31), "fall", 2003),
    ],
)
def test_season_comes_from_the_premiere_date(make_series, premiere, season, year):
    series = make_series(premiere_date=premiere)
    assert (series.season, series.season_year) == (season, year)
    assert series.season_label == f"{Season(season).label} {year}"


def test_season_is_cleared_with_the_premiere_date(make_series):
    series = make_series(premiere_date=date(2024, 1, 10))
    series.premiere_date = None
    series.save(update_fields=["premiere_date"])
    series.refresh_from_db()
    assert (series.season, series.season_year) == ("", None)


def test_end_date_before_premiere_is_refused(make_series):
    series = make_series(premiere_date=date(2024, 1, 10))
    series.end_date = date(2023, 12, 1)
    with pytest.raises(ValidationError, match="end date cannot be before"):
        series.full_clean()
    with pytest.raises(IntegrityError):
        series.save()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (0, None, "outside this series"),
        (12, 14, "outside this series"),
        (14, None, "outside this series"),
        (5, 3, "comes before the first"),
        (None, 3, "first episode of the range"),
    ],
)
def test_credit_episode_range_must_fit_the_series(
    make_series, make_person, make_role, start, end, message
):
    series = make_series(episode_count=13)
    credit = Credit(
        series=series,
        person=make_person(),
        role=make_role(),
        episode_from=start,
        episode_to=end,
    )
    with pytest.raises(ValidationError, match=message):
        credit.full_clean()


def test_credit_range_inside_the_series_is_fine(make_series, make_credit):
    series = make_series(episode_count=13)
    credit = make_credit(series, episode_from=2, episode_to=13)
    credit.full_clean()
    assert credit.episode_label == "2–13"


def test_duplicate_whole_series_credit_is_refused(make_series, make_credit):
    series = make_series()
    credit = make_credit(series)
    duplicate = Credit(series=series, person=credit.person, role=credit.role)
    with pytest.raises(ValidationError, match="already has this role"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_same_role_on_different_episodes_is_allowed(make_series, make_credit):
    series = make_series(episode_count=13)
    first = make_credit(series, episode_from=1)
    second = Credit(series=series, person=first.person, role=first.role, episode_from=2)
    second.full_clean()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/x", "crunchyroll.com", ""]
)
def test_where_to_watch_needs_an_http_address(make_series, url):
    option = WatchOption(
        series=make_series(), platform="Crunchyroll", region="Worldwide", url=url
    )
    with pytest.raises(ValidationError) as error:
        option.full_clean()
    assert "url" in error.value.message_dict


def test_late_night_slot_is_labelled_as_japanese_listings_do(make_series):
    slot = BroadcastSlot(
        series=make_series(), channel="Fuji TV", weekday=3, start_time=time(0, 55)
    )
    assert slot.japan_label == "Wednesdays 24:55 JST"
    daytime = BroadcastSlot(
        series=slot.series, channel="MBS", weekday=6, start_time=time(17, 0)
    )
    assert daytime.japan_label == "Sundays 17:00 JST"


def test_next_airing_is_computed_in_japan_time(make_series):
    slot = BroadcastSlot(
        series=make_series(), channel="Fuji TV", weekday=3, start_time=time(0, 55)
    )
    # Wednesday 10 January 2024, 12:00 in New York is already Thursday in Tokyo,
    # after the slot: the next airing is the following Thursday 00:55 JST.
    new_york = datetime(2024, 1, 10, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    assert slot.next_after(new_york) == datetime(2024, 1, 18, 0, 55, tzinfo=JST)
    before = datetime(2024, 1, 10, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert slot.next_after(before) == datetime(2024, 1, 11, 0, 55, tzinfo=JST)


def test_external_id_links_out_and_must_be_numeric(make_series):
    external = ExternalID(series=make_series(), site="mal", value="12345")
    external.full_clean()
    assert external.url == "https://myanimelist.net/anime/12345/"
    external.value = "12345/../evil"
    with pytest.raises(ValidationError):
        external.full_clean()


def test_series_cannot_be_related_to_itself(make_series):
    series = make_series()
    link = RelatedSeries(from_series=series, to_series=series, relation="sequel")
    with pytest.raises(ValidationError, match="related to itself"):
        link.full_clean()
