"""The editors' calendar: weeks and days in Japan time, filters, scheduling
from it through the workflow service, who may do so, and its query count."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from newsroom.articles.models import Article, Transition
from newsroom.kernel.audit.models import AuditEntry
from tests.queries import assert_flat_queries

CALENDAR = reverse("admin:newsroom_article_calendar")
# Wednesday 12 March 2025, 12:00 in Tokyo (03:00 UTC).
NOW = datetime(2025, 3, 12, 3, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def jst(day, hour, minute=0):
    """A moment given in Tokyo time (UTC+9), as UTC."""
    return datetime(2025, 3, day, hour, minute, tzinfo=UTC) - timedelta(hours=9)


def titles(response, day=None):
    days = response.context["days"]
    if day is not None:
        days = [d for d in days if d["date"].day == day]
    return [p["article"].title for d in days for p in d["pieces"]]


@pytest.fixture
def week(make_article, make_author, make_section):
    """Pieces around the week of Monday 10 to Sunday 16 March (Tokyo)."""
    news, reviews = make_section(name="News"), make_section(name="Reviews")
    aoi, ken = make_author(name="Aoi"), make_author(name="Ken")

    def piece(title, at, section=news, authors=(aoi,), **fields):
        return make_article(
            title=title, publish_at=at, section=section, authors=list(authors), **fields
        )

    return {
        "news": news,
        "reviews": reviews,
        "aoi": aoi,
        "ken": ken,
        # 00:30 Monday in Tokyo is still Sunday in UTC: it belongs to Monday.
        "monday": piece("Monday dawn", jst(10, 0, 30)),
        "live": piece("Tuesday live", jst(11, 18), section=reviews, authors=(ken,)),
        "later": piece("Friday scheduled", jst(14, 20), authors=(aoi, ken)),
        "sunday": piece("Sunday late", jst(16, 23, 59), section=reviews),
        "before": piece("Last Sunday", jst(9, 23, 59)),
        "after": piece("Next Monday", jst(17, 0, 0)),
        "draft": piece("A draft", jst(13, 9), status=Article.Status.DRAFT),
        "approved": piece(
            "Approved, no time",
            None,
            status=Article.Status.APPROVED,
            authors=(ken,),
        ),
    }


def test_the_week_runs_monday_to_sunday_in_japan_time(editor_client, week):
    response = editor_client.get(CALENDAR, {"date": "2025-03-12"})
    assert [d["date"].isoformat() for d in response.context["days"]] == [
        f"2025-03-{day}" for day in range(10, 17)
    ]
    assert titles(response) == [
        "Monday dawn",
        "Tuesday live",
        "Friday scheduled",
        "Sunday late",
    ]
    assert titles(response, day=10) == ["Monday dawn"]
    states = {
        p["article"].title: p["state"]
        for d in response.context["days"]
        for p in d["pieces"]
    }
    assert states == {
        "Monday dawn": "published",
        "Tuesday live": "published",
        "Friday scheduled": "scheduled",
        "Sunday late": "scheduled",
    }
    html = response.content.decode()
    assert "Week of 10 Mar to 16 Mar 2025" in html
    assert '<time datetime="2025-03-10T00:30:00+09:00" class="piece-time">00:30' in html
    assert "News · Aoi, Ken" in html
    ready = response.context["ready"]
    assert [p["article"].title for p in ready] == ["Approved, no time"]


def test_today_is_the_default_and_previous_next_move_a_week(editor_client, week):
    response = editor_client.get(CALENDAR)
    assert response.context["range_start"].isoformat() == "2025-03-10"
    assert response.context["previous_url"].endswith("date=2025-03-05")
    assert response.context["next_url"].endswith("date=2025-03-19")
    following = editor_client.get(response.context["next_url"])
    assert titles(following) == ["Next Monday"]


def test_the_day_view_shows_one_day(editor_client, week):
    response = editor_client.get(CALENDAR, {"view": "day", "date": "2025-03-14"})
    assert titles(response) == ["Friday scheduled"]
    assert response.context["next_url"].endswith("view=day&date=2025-03-15")
    assert "Friday 14 March 2025" in response.content.decode()


def test_filters_by_section_and_byline(editor_client, week):
    by_section = editor_client.get(
        CALENDAR, {"date": "2025-03-12", "section": week["reviews"].pk}
    )
    assert titles(by_section) == ["Tuesday live", "Sunday late"]
    assert by_section.context["ready"] == []
    by_person = editor_client.get(
        CALENDAR, {"date": "2025-03-12", "person": week["ken"].pk}
    )
    assert titles(by_person) == ["Tuesday live", "Friday scheduled"]
    assert [p["article"].title for p in by_person.context["ready"]] == [
        "Approved, no time"
    ]
    # The filters travel with the navigation.
    assert f"person={week['ken'].pk}" in by_person.context["next_url"]


@pytest.mark.parametrize(
    "query",
    [
        {"date": "abc"},
        {"date": "9999-12-31"},
        {"date": "0001-01-01"},
        {"view": "year"},
        {"section": "999999"},
        {"person": "x"},
    ],
)
def test_bad_filters_are_a_message_not_an_error(editor_client, week, query):
    response = editor_client.get(CALENDAR, query)
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()


def schedule(client, article, when, **query):
    url = CALENDAR + ("?" + "&".join(f"{k}={v}" for k, v in query.items()))
    return client.post(url, {"article": article.pk, "at": when}, follow=True)


def test_an_editor_schedules_an_approved_piece_in_japan_time(editor_client, week):
    piece = week["approved"]
    response = schedule(editor_client, piece, "2025-03-20T18:30", view="week")
    piece.refresh_from_db()
    assert piece.publish_at == jst(20, 18, 30)
    assert piece.is_scheduled
    assert "is scheduled for Thu 20 Mar 2025, 18:30 JST" in response.content.decode()
    # The calendar follows the piece to its new week.
    assert response.context["range_start"].isoformat() == "2025-03-17"
    assert titles(response, day=20) == ["Approved, no time"]
    move = Transition.objects.get(article=piece)
    assert (move.action, move.to_status) == ("schedule", "published")
    assert AuditEntry.objects.filter(action="article_schedule").exists()


def test_an_editor_reschedules_a_scheduled_piece(editor_client, week):
    piece = week["later"]
    schedule(editor_client, piece, "2025-03-14T21:15")
    piece.refresh_from_db()
    assert piece.publish_at == jst(14, 21, 15)


@pytest.mark.parametrize(
    "when, message",
    [
        ("2025-03-12T11:00", "A scheduled time must be in the future."),
        ("2025-03-12 11:59", "A scheduled time must be in the future."),
        ("soon", "Enter the time as YYYY-MM-DD HH:MM (Japan time)."),
        ("", "Enter the time as YYYY-MM-DD HH:MM (Japan time)."),
    ],
)
def test_a_bad_time_is_a_message_and_nothing_changes(
    editor_client, week, when, message
):
    piece = week["later"]
    response = schedule(editor_client, piece, when)
    assert response.status_code == 200
    assert message in response.content.decode()
    piece.refresh_from_db()
    assert piece.publish_at == jst(14, 20)
    assert not Transition.objects.exists()


def test_the_embargo_holds_on_the_calendar_too(editor_client, week):
    piece = week["approved"]
    Article.objects.filter(pk=piece.pk).update(embargo_until=jst(21, 9))
    response = schedule(editor_client, piece, "2025-03-20T18:00")
    assert "under embargo until" in response.content.decode()
    piece.refresh_from_db()
    assert piece.status == "approved"


def test_a_live_or_draft_piece_cannot_be_scheduled_from_here(editor_client, week):
    for name in ["live", "draft"]:
        response = schedule(editor_client, week[name], "2025-03-20T18:00")
        assert "is not possible while" in response.content.decode()
    assert not Transition.objects.exists()
    assert schedule(editor_client, week["live"], "x").status_code == 200


def test_an_unknown_piece_is_not_found(editor_client, week):
    response = editor_client.post(
        CALENDAR, {"article": 999999, "at": "2025-03-20T18:00"}
    )
    assert response.status_code == 404


def test_writers_see_the_calendar_without_time_inputs_and_cannot_post(
    client, writer, week
):
    client.force_login(writer)
    response = client.get(CALENDAR, {"date": "2025-03-12"})
    assert response.status_code == 200
    assert titles(response) == [
        "Monday dawn",
        "Tuesday live",
        "Friday scheduled",
        "Sunday late",
    ]
    assert 'name="at"' not in response.content.decode()
    refused = client.post(
        CALENDAR, {"article": week["approved"].pk, "at": "2025-03-20T18:00"}
    )
    assert refused.status_code == 403
    week["approved"].refresh_from_db()
    assert week["approved"].status == "approved"


def test_editors_get_a_time_input_for_scheduled_and_approved_pieces_only(
    editor_client, week
):
    html = editor_client.get(CALENDAR, {"date": "2025-03-12"}).content.decode()
    for name in ["later", "sunday", "approved"]:
        assert f'id="at-{week[name].pk}"' in html
    for name in ["monday", "live"]:
        assert f'id="at-{week[name].pk}"' not in html
    assert 'value="2025-03-14T20:00"' in html


def test_the_calendar_is_linked_from_the_article_list_and_the_dashboard(
    editor_client,
):
    for page in ["admin:newsroom_article_changelist", "admin:index"]:
        assert CALENDAR in editor_client.get(reverse(page)).content.decode()


def test_the_calendar_costs_the_same_with_twice_the_pieces(
    editor_client, make_article, make_author, make_section
):
    section = make_section()

    def grow():
        for n in range(10):
            authors = [make_author(), make_author()]
            make_article(
                publish_at=jst(10 + n % 7, 8 + n), section=section, authors=authors
            )
            make_article(
                publish_at=jst(13 + n % 3, 9), section=section, authors=authors
            )
            make_article(status="approved", publish_at=None, authors=authors)

    grow()
    url = f"{CALENDAR}?date=2025-03-12"
    assert_flat_queries(editor_client, url, grow)


def test_the_calendar_answers_in_a_fixed_number_of_queries(
    editor_client, week, make_article, django_assert_max_num_queries
):
    for n in range(40):
        make_article(publish_at=jst(10 + n % 7, n % 24), section=week["news"])
    editor_client.get(CALENDAR)
    with django_assert_max_num_queries(14):
        response = editor_client.get(CALENDAR + "?date=2025-03-12")
    assert len(titles(response)) == 44
