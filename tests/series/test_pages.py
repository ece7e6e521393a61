import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from reviews.models import Review
from series.models import (
    CastCredit,
    Credit,
    Episode,
    RelatedSeries,
    Role,
    Series,
    SeriesStudio,
    WatchOption,
)
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_demo_series_page_shows_every_credit_and_cast_entry(client, demo):
    response = client.get("/series/metallic-rouge/")
    assert response.status_code == 200
    html = response.content.decode()
    series = Series.objects.get(slug="metallic-rouge")
    for credit in Credit.objects.filter(series=series).select_related("person"):
        assert f'href="{credit.person.get_absolute_url()}"' in html
        assert credit.person.name in html
    for performance in CastCredit.objects.filter(series=series):
        assert performance.character in html
        assert performance.person.name in html
    # Departments in order, roles in editors' order inside them.
    order = [
        "Direction",
        "Director",
        "Supervising director",
        "Writing",
        "Series composition",
        "Script",
        "Character design",
        "Music",
        "Producer",
    ]
    positions = [html.index(f">{label}<") for label in order]
    assert positions == sorted(positions)
    assert "Fuji TV (+Ultra), Wednesdays 24:55 JST" in html
    assert "Watch on Crunchyroll" in html
    # Crunchyroll streams each episode as it airs: said once, not twice.
    assert html.count("data-localtime>") == 13
    assert html.count("<td>Same time</td>") == 13
    # The facts box follows the key art and synopsis, before the credits, so
    # a phone (and a screen reader) reaches it early.
    assert html.index('id="facts-heading"') < html.index('id="staff-heading"')
    assert html.index('class="synopsis"') < html.index('id="facts-heading"')


def test_series_page_never_shows_misspellings(client, demo):
    html = client.get("/series/metallic-rouge/").content.decode()
    assert "Metallic Rogue" not in html


def test_staff_grouped_in_context(client, demo):
    response = client.get("/series/metallic-rouge/")
    departments = response.context["departments"]
    assert [d.label for d in departments] == [
        "Direction",
        "Writing",
        "Art and design",
        "Music",
        "Production",
    ]
    music = departments[3].roles[0]
    assert [c.person.name for c in music.credits] == [
        "Taisei Iwasaki",
        "Towa Tei",
        "Yuma Yamaguchi",
    ]


def test_series_coverage_lists_live_articles_newest_first(
    client, make_series, make_article
):
    series = make_series()
    older = make_article(series=[series], publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(series=[series], publish_at=timezone.now() - timedelta(days=1))
    make_article(series=[series], title="Hidden draft", status="draft", publish_at=None)
    make_article(
        series=[series],
        title="Future piece",
        publish_at=timezone.now() + timedelta(days=1),
    )
    response = client.get(series.get_absolute_url())
    assert list(response.context["coverage"]) == [newer, older]
    html = response.content.decode()
    assert "Hidden draft" not in html
    assert "Future piece" not in html


def test_related_series_read_from_both_sides(client, make_series):
    first = make_series(title="Season One")
    second = make_series(title="Season Two")
    RelatedSeries.objects.create(
        from_series=second, to_series=first, relation="prequel"
    )
    assert ("Sequel", second) in client.get(first.get_absolute_url()).context["related"]
    assert ("Prequel", first) in client.get(second.get_absolute_url()).context[
        "related"
    ]


def test_person_page_groups_credits_by_role(client, demo):
    response = client.get("/people/yutaka-izubuchi/")
    assert response.status_code == 200
    roles = [role.name for role, _ in response.context["credits_by_role"]]
    assert roles == [
        "Supervising director",
        "Series composition",
        "Script",
        "Mechanical design",
    ]
    html = response.content.decode()
    assert "Mobile Suit Gundam Wing" in html
    assert "Anime NYC" in html  # the interview features him


def test_person_page_lists_voice_roles(client, demo):
    html = client.get("/people/yume-miyamoto/").content.decode()
    assert "Rouge Redstar" in html
    assert "Metallic Rouge" in html


def test_studio_page_lists_its_series(client, demo):
    html = client.get("/studios/bones/").content.decode()
    for title in ["Metallic Rouge", "Fullmetal Alchemist: Brotherhood", "Space Dandy"]:
        assert title in html


def test_winter_2024_chart_lists_metallic_rouge(client, demo):
    response = client.get("/season/winter-2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Metallic Rouge" in html
    assert "Bones" in html
    assert "Crunchyroll" in html
    assert "Space Dandy" not in html
    assert 'href="/season/fall-2023/"' in html
    assert 'href="/season/spring-2024/"' in html


def test_current_season_redirects_to_its_chart(client, db, time_machine):
    time_machine.move_to(datetime(2026, 11, 23, 12, 0))
    response = client.get("/season/")
    assert response.status_code == 302
    assert response["Location"] == "/season/fall-2026/"


@pytest.mark.parametrize(
    "path",
    ["/season/autumn-2024/", "/season/winter-1800/", "/season/winter-99999/"],
)
def test_unknown_seasons_are_404(client, db, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/series/nope/", "/people/nope/", "/studios/nope/", "/series/nope/coverage/"],
)
def test_unknown_encyclopedia_slugs_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_series_filters_work_together(client, demo):
    def titles(**params):
        response = client.get("/series/", params)
        assert response.status_code == 200
        return {series.title for series in response.context["series_list"]}

    assert titles(studio="bones", season="winter") == {
        "Metallic Rouge",
        "Space Dandy",
        "Wolf's Rain",
    }
    assert titles(studio="bones", season="winter", year="2024") == {"Metallic Rouge"}
    assert titles(source="manga", studio="bones") == {
        "Fullmetal Alchemist",
        "Fullmetal Alchemist: Brotherhood",
        "My Hero Academia",
        "Mob Psycho 100",
    }
    assert titles(format="ova") == {"Mobile Police Patlabor"}
    assert titles(tag="mecha") == {"Metallic Rouge"}
    assert titles(status="airing") == set()


@pytest.mark.parametrize(
    "query",
    [
        {"format": "zzz"},
        {"year": "abc"},
        {"studio": "no-such-studio"},
        {"tag": "<script>"},
        {"order": "password"},
        {"page": "abc", "format": "tv"},
    ],
)
def test_bad_filter_values_never_fail(client, demo, query):
    assert client.get("/series/", query).status_code == 200


def test_filter_pagination_keeps_the_filters(client, make_series):
    for _ in range(30):
        make_series(format="film")
    html = client.get("/series/", {"format": "film"}).content.decode()
    assert 'href="?format=film&amp;page=2"' in html


@pytest.fixture
def big_series(
    make_series,
    make_person,
    make_role,
    make_article,
    make_section,
    make_author,
    make_image,
):
    """A series with 200 credits, 40 cast entries, 50 episodes and 500 articles
    with lead images, 60 of them reviews (30 of single episodes)."""
    series = make_series(premiere_date=date(2024, 1, 10), episode_count=50)
    roles = [make_role(department=dept) for dept in Role.Department.values]
    people = [make_person() for _ in range(100)]
    Credit.objects.bulk_create(
        Credit(series=series, person=person, role=role)
        for person in people
        for role in roles[:2]
    )
    CastCredit.objects.bulk_create(
        CastCredit(
            series=series, character=f"Character {i}", person=people[i], language=lang
        )
        for i in range(20)
        for lang in ("ja", "en")
    )
    Episode.objects.bulk_create(
        Episode(series=series, number=n, air_at=timezone.now()) for n in range(1, 51)
    )
    WatchOption.objects.create(
        series=series, platform="P", region="R", url="https://x.example/"
    )
    section, author, image = make_section(), make_author(), make_image()
    for n in range(500):
        kind = "review" if n < 60 else "news"
        article = make_article(
            section=section,
            authors=[author],
            series=[series],
            lead_image=image,
            kind=kind,
        )
        article.people.add(people[0])
        if kind == "review":
            Review.objects.create(
                article=article,
                series=series,
                score=Decimal("7.5"),
                episode_from=n % 30 + 1 if n < 30 else None,
            )
    return series, people[0]


def test_encyclopedia_pages_run_a_fixed_number_of_queries(
    client, big_series, django_assert_max_num_queries, make_studio
):
    series, person = big_series
    studio = make_studio()
    SeriesStudio.objects.create(series=series, studio=studio)
    assert Article.objects.count() == 500
    assert series.credits.count() == 200
    client.get("/")  # steady state: banner and footer pages are cached
    for path in [
        series.get_absolute_url(),
        person.get_absolute_url(),
        studio.get_absolute_url(),
        "/season/winter-2024/",
        "/series/",
        f"/series/{series.slug}/coverage/",
    ]:
        with django_assert_max_num_queries(21):
            assert client.get(path).status_code == 200, path


def test_series_page_lists_the_newest_reviews_and_links_to_the_rest(client, big_series):
    series, _ = big_series
    response = client.get(series.get_absolute_url())
    assert len(response.context["series_reviews"]) == 10
    assert len(response.context["episode_reviews"]) == 30
    html = response.content.decode()
    assert f'?kind=review&amp;series={series.slug}">All 60 reviews of' in html
    assert "Average score <strong>7.5/10</strong> from 60 reviews." in html


@pytest.fixture
def growing_encyclopedia(
    make_series, make_person, make_role, make_studio, make_article, make_image
):
    """A series, a person, a studio and a season, each listing three items;
    ``grow()`` adds three more of everything each page lists."""
    winter = date(2024, 1, 10)
    rouge = make_series(title="Rouge", slug="rouge", premiere_date=winter)
    hori = make_person(slug="hori")
    bones = make_studio(slug="bones")
    image = make_image()
    episodes = itertools.count(1)

    def grow():
        for _ in range(3):
            other = make_series(premiere_date=winter)
            SeriesStudio.objects.create(series=other, studio=bones)
            WatchOption.objects.create(
                series=other, platform="P", region="R", url="https://x.example/"
            )
            SeriesStudio.objects.create(series=rouge, studio=make_studio())
            RelatedSeries.objects.create(
                from_series=rouge, to_series=other, relation="studio"
            )
            for series, person in [(rouge, make_person()), (other, hori)]:
                Credit.objects.create(series=series, person=person, role=make_role())
                CastCredit.objects.create(
                    series=series, person=person, character=f"Role of {person}"
                )
            number = next(episodes)
            Episode.objects.create(series=rouge, number=number, air_at=timezone.now())
            article = make_article(series=[rouge, other], lead_image=image)
            article.people.add(hori)
            Review.objects.create(
                article=article, series=rouge, score=Decimal("7"), episode_from=number
            )

    grow()
    return grow


@pytest.mark.parametrize(
    "path",
    [
        "/series/",
        "/series/rouge/",
        "/series/rouge/coverage/",
        "/people/hori/",
        "/studios/bones/",
        "/season/winter-2024/",
    ],
)
def test_encyclopedia_pages_cost_the_same_with_twice_the_items(
    client, growing_encyclopedia, path
):
    assert_flat_queries(client, path, growing_encyclopedia)
