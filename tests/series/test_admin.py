from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from series.models import (
    CastCredit,
    Credit,
    Episode,
    Person,
    Role,
    Series,
    WatchOption,
)

pytestmark = pytest.mark.django_db

#: The series change form, whatever the number of rows: session, user, its
#: permissions and two-factor device, the series, its tags, one query per
#: inline, one per autocomplete column, and the header's unread count.
SERIES_FORM_QUERIES = 19

INLINE_PREFIXES = [
    "studio_roles",
    "credits",
    "cast",
    "episodes",
    "broadcasts",
    "watch_options",
    "relations_out",
    "external_ids",
]


def series_post(**fields):
    data = {
        "title": "Metallic Rouge",
        "slug": "metallic-rouge",
        "title_japanese": "メタリックルージュ",
        "format": "tv",
        "source": "original",
        "status": "finished",
        "premiere_date": "2024-01-10",
        "end_date": "2024-04-03",
        "episode_count": "13",
        "tags": "",
        "_save": "Save",
    }
    for prefix in INLINE_PREFIXES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | fields


def with_rows(data, prefix, rows):
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "r@x.invalid", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def staff(make_person, make_role):
    people = [make_person() for _ in range(8)]
    roles = [make_role() for _ in range(8)]
    return people, roles


def test_whole_series_with_8_credits_and_2_cast_in_one_save(admin_client, staff):
    people, roles = staff
    data = series_post()
    with_rows(
        data,
        "credits",
        [{"person": p.pk, "role": r.pk} for p, r in zip(people, roles, strict=True)],
    )
    with_rows(
        data,
        "cast",
        [
            {
                "character": "Rouge Redstar",
                "person": people[0].pk,
                "language": "ja",
                "position": "0",
            },
            {
                "character": "Naomi Orthmann",
                "person": people[1].pk,
                "language": "ja",
                "position": "1",
            },
        ],
    )
    with_rows(
        data,
        "watch_options",
        [
            {
                "platform": "Crunchyroll",
                "region": "Worldwide except Asia",
                "url": "https://www.crunchyroll.com/",
                "subtitled": "on",
                "dubbed": "on",
                "position": "0",
            }
        ],
    )
    response = admin_client.post(reverse("admin:series_series_add"), data)
    assert response.status_code == 302, response.context["errors"]
    series = Series.objects.get(slug="metallic-rouge")
    assert series.credits.count() == 8
    assert series.cast.count() == 2
    assert series.watch_options.get().dubbed
    assert series.season_label == "Winter 2024"


def test_episode_times_are_entered_in_japan_time(admin_client):
    data = with_rows(
        series_post(),
        "episodes",
        [{"number": "1", "air_at": "2024-01-11T00:55"}],
    )
    response = admin_client.post(reverse("admin:series_series_add"), data)
    assert response.status_code == 302
    episode = Episode.objects.get()
    assert episode.air_at == datetime(2024, 1, 10, 15, 55, tzinfo=UTC)
    change = admin_client.get(
        reverse("admin:series_series_change", args=[episode.series_id])
    )
    assert b'value="2024-01-11T00:55"' in change.content


@pytest.mark.parametrize(
    ("prefix", "rows", "message"),
    [
        (
            "credits",
            lambda p, r: [
                {"person": p[0].pk, "role": r[0].pk},
                {"person": p[0].pk, "role": r[0].pk},
            ],
            "already has this role",
        ),
        (
            "credits",
            lambda p, r: [
                {
                    "person": p[0].pk,
                    "role": r[0].pk,
                    "episode_from": "12",
                    "episode_to": "20",
                }
            ],
            "outside this series",
        ),
        (
            "watch_options",
            lambda p, r: [
                {"platform": "X", "region": "Y", "url": "javascript:alert(1)"}
            ],
            "Enter a valid URL",
        ),
        (
            "episodes",
            lambda p, r: [{"number": "1"}, {"number": "1"}],
            "duplicate data for number",
        ),
        (
            "episodes",
            lambda p, r: [{"number": "1", "air_at": "0001-01-01T00:00"}],
            "between the years 1900 and 2200",
        ),
        (
            "episodes",
            lambda p, r: [{"number": "1", "streaming_at": "11 January"}],
            "Enter a valid date/time",
        ),
    ],
)
def test_bad_rows_give_clear_errors_and_save_nothing(
    admin_client, staff, prefix, rows, message
):
    people, roles = staff
    data = with_rows(series_post(), prefix, rows(people, roles))
    response = admin_client.post(reverse("admin:series_series_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Series.objects.exists()
    assert not Credit.objects.exists()
    assert not WatchOption.objects.exists()


def test_end_date_before_premiere_is_a_form_error(admin_client):
    data = series_post(end_date="2023-01-01")
    response = admin_client.post(reverse("admin:series_series_add"), data)
    assert response.status_code == 200
    assert "end date cannot be before the premiere" in response.content.decode()
    assert not Series.objects.exists()


def test_series_admin_search_finds_misspellings(admin_client, make_series):
    make_series(title="Metallic Rouge", misspellings="Metallic Rogue")
    response = admin_client.get(
        reverse("admin:series_series_changelist"), {"q": "Metallic Rogue"}
    )
    assert b"Metallic Rouge" in response.content


def test_person_admin_lists_their_credits(admin_client, make_series, make_credit):
    series = make_series(title="Cowboy Bebop")
    credit = make_credit(series)
    CastCredit.objects.create(series=series, character="Spike", person=credit.person)
    response = admin_client.get(
        reverse("admin:series_person_change", args=[credit.person.pk])
    )
    assert response.status_code == 200
    assert b"Cowboy Bebop" in response.content
    assert b"Spike" in response.content


def test_a_new_streaming_option_reaches_articles_through_the_worker(
    admin_client, make_article, run_tasks
):
    """Where-to-watch boxes baked into articles are refreshed by the worker
    after the series is saved, not inside the editor's save."""
    series = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    article = make_article(body="[[watch:metallic-rouge]]")
    assert "Crunchyroll" not in article.body_html
    url = reverse("admin:series_series_change", args=[series.pk])
    data = with_rows(
        series_post(),
        "watch_options",
        [
            {
                "platform": "Crunchyroll",
                "region": "Worldwide except Asia",
                "url": "https://www.crunchyroll.com/",
                "subtitled": "on",
                "position": "0",
            }
        ],
    )

    def save():
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        article.refresh_from_db()
        assert "Crunchyroll" not in article.body_html

    run_tasks(save)
    article.refresh_from_db()
    assert "Watch on Crunchyroll" in article.body_html


def add_rows(series, *, episodes, credits, cast, start=0):
    """``episodes`` episodes, ``credits`` credits (each a new person, in one of
    ten roles) and ``cast`` voice cast rows, numbered on from ``start``."""
    roles = list(Role.objects.all()[:10]) or [
        Role.objects.create(name=f"Role {n}", slug=f"role-{n}", department="other")
        for n in range(10)
    ]
    people = Person.objects.bulk_create(
        Person(name=f"Person {n}", slug=f"person-{n}")
        for n in range(start, start + credits)
    )
    Credit.objects.bulk_create(
        Credit(series=series, person=person, role=roles[n % 10])
        for n, person in enumerate(people)
    )
    CastCredit.objects.bulk_create(
        CastCredit(series=series, person=person, character=f"Character {n}")
        for n, person in zip(range(start, start + cast), people, strict=False)
    )
    first = datetime(2024, 1, 10, 15, 55, tzinfo=UTC)
    Episode.objects.bulk_create(
        Episode(series=series, number=n, air_at=first + timedelta(days=7 * n))
        for n in range(start + 1, start + episodes + 1)
    )


def test_the_series_form_costs_the_same_queries_with_twice_the_rows(
    editor_client, make_series, django_assert_max_num_queries
):
    """28 episodes, 200 credits and 30 cast rows, then twice as many: the
    autocomplete boxes and delete labels must not fetch anything per row."""
    series = make_series()
    add_rows(series, episodes=28, credits=200, cast=30)
    url = reverse("admin:series_series_change", args=[series.pk])
    editor_client.get(url)  # the process's own caches (content types)
    with django_assert_max_num_queries(SERIES_FORM_QUERIES) as at_n:
        small = editor_client.get(url)
    assert small.content.count(b'class="form-row has_original"') == 258
    add_rows(series, episodes=28, credits=200, cast=30, start=1000)
    with django_assert_max_num_queries(SERIES_FORM_QUERIES) as at_2n:
        large = editor_client.get(url)
    assert large.content.count(b'class="form-row has_original"') == 2 * 258
    assert len(at_2n) == len(at_n)
