"""Reader search: ranking, typos and aliases, filters, snippets, safety, cost."""

import itertools
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from newsroom.articles.models import Article
from newsroom.articles.search import MAX_QUERY_LENGTH, Search, update_search_vector
from series.models import Person, Series
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search and trigram typo tolerance need PostgreSQL",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="tests the SQLite fallback (difflib typo matching)",
)


def search(client, q="", **filters):
    response = client.get(reverse("newsroom:search"), {"q": q, **filters})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


# The page ------------------------------------------------------------------


def test_empty_query_shows_the_form_and_a_prompt_but_no_results(client, make_article):
    make_article(title="Metallic Rouge news")
    response = search(client)
    html = response.content.decode()
    assert '<input type="search" id="search-query" name="q"' in html
    assert '<label for="search-query">' in html
    assert "Type a title, a name or a topic" in html
    assert titles(response) == []
    assert response.context["series_results"] == []


def test_filters_without_words_browse_live_articles_newest_first(client, make_article):
    make_article(
        title="Older interview",
        kind="interview",
        publish_at=timezone.now() - timedelta(days=2),
    )
    make_article(
        title="Newer interview",
        kind="interview",
        publish_at=timezone.now() - timedelta(days=1),
    )
    make_article(title="A news story", kind="news")
    make_article(
        title="Draft interview", kind="interview", status="draft", publish_at=None
    )
    response = search(client, kind="interview")
    assert titles(response) == ["Newer interview", "Older interview"]
    assert "2 articles with these filters." in response.content.decode()


def test_kind_feed_links_to_browsing_that_kind(client, make_article):
    make_article(kind="interview")
    feed = client.get("/feeds/kind/interview/rss/").content.decode()
    assert "<link>http://127.0.0.1:8000/search/?kind=interview</link>" in feed


def test_search_page_is_canonical_to_its_query_alone(client):
    response = client.get("/search/", {"q": "rouge", "kind": "news", "utm_source": "x"})
    html = response.content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/search/?q=rouge">' in html
    assert '"name": "Search"' in html  # the breadcrumb trail


def test_no_results_says_so_and_suggests_checking_spelling(client, make_article):
    make_article(title="Metallic Rouge news")
    html = search(client, "zzyzx").content.decode()
    assert "0 articles for “zzyzx”" in html
    assert "Check the spelling" in html
    assert "with these filters" not in html
    html = search(client, "zzyzx", kind="review").content.decode()
    assert "No articles match “zzyzx” with these filters" in html
    # A filter that could not be read was left out, so it is not blamed.
    html = search(client, "zzyzx", kind="bogus").content.decode()
    assert "with these filters" not in html


def test_series_and_people_are_listed_with_links_above_articles(client, make_article):
    rouge = factories.series(title="Metallic Rouge")
    person = Person.objects.create(name="Rouge Tester", slug="rouge-tester")
    make_article(title="Rouge returns", series=[rouge])
    html = search(client, "Rouge").content.decode()
    series_at = html.index(f'href="{rouge.get_absolute_url()}"')
    person_at = html.index(f'href="{person.get_absolute_url()}"')
    articles_at = html.index('id="article-results-heading"')
    assert series_at < articles_at and person_at < articles_at


# Ranking ---------------------------------------------------------------------


def test_a_title_match_outranks_a_body_match(client, make_article):
    in_body = make_article(
        title="Winter season preview",
        body="Among many others, the gondola anime returns.",
        publish_at=timezone.now() - timedelta(minutes=1),
    )
    in_title = make_article(
        title="Gondola anime gets a sequel",
        publish_at=timezone.now() - timedelta(days=30),
    )
    assert titles(search(client, "gondola")) == [in_title.title, in_body.title]


def test_equal_matches_are_listed_newest_first(client, make_article, make_author):
    author = make_author()
    fields = {"title": "Gondola sequel", "body": "Same text.", "authors": [author]}
    old = make_article(publish_at=timezone.now() - timedelta(days=3), **fields)
    new = make_article(publish_at=timezone.now() - timedelta(days=1), **fields)
    found = list(search(client, "gondola").context["articles"])
    assert [article.pk for article in found] == [new.pk, old.pk]


def test_every_word_of_the_query_counts(client, make_article):
    both = make_article(title="Gondola sequel dated")
    make_article(title="Gondola news")
    assert titles(search(client, "gondola sequel")) == [both.title]


# Typos, aliases, other scripts ---------------------------------------------------


@postgres_only
def test_a_typo_finds_the_series_and_its_articles_on_postgres(client, make_article):
    rouge = factories.series(title="Metallic Rouge")  # no misspellings listed
    about = make_article(title="Episode 5 recap", series=[rouge])
    make_article(title="Unrelated gardening news")
    response = search(client, "Metallic Rogue")
    assert response.context["series_results"] == [rouge]
    assert about.title in titles(response)
    assert "Unrelated gardening news" not in titles(response)


@postgres_only
def test_a_typo_in_a_headline_still_finds_the_article_on_postgres(client, make_article):
    article = make_article(title="Metallic Rouge director interview")
    make_article(title="Unrelated gardening news")
    assert titles(search(client, "Metallic Rogue")) == [article.title]


@sqlite_only
def test_the_sqlite_fallback_forgives_typos_with_difflib(client, make_article):
    rouge = factories.series(title="Metallic Rouge")  # no misspellings listed
    about = make_article(title="Episode 5 recap", series=[rouge])
    make_article(title="Unrelated gardening news")
    response = search(client, "Metalic Rogue")
    assert response.context["series_results"] == [rouge]
    assert titles(response) == [about.title]


def test_a_listed_misspelling_finds_the_series_and_its_articles(client, make_article):
    kaiju = factories.series(title="Kaiju No. 8", misspellings="Kaiju Number Eight")
    about = make_article(title="Episode 5 recap", series=[kaiju])
    response = search(client, "kaiju number eight")
    assert response.context["series_results"] == [kaiju]
    assert titles(response) == [about.title]


def test_one_word_of_a_misspelling_does_not_find_the_series(client):
    factories.series(
        title="Metallic Rouge", misspellings="Metallic Rogue\nMetallic red"
    )
    assert search(client, "red").context["series_results"] == []


@pytest.mark.parametrize(
    "query",
    ["Sousou no Frieren", "Frieren the Slayer", "葬送のフリーレン", "フリーレン"],
)
def test_romaji_japanese_and_alias_lines_find_the_series_and_its_articles(
    client, make_article, query
):
    frieren = factories.series(
        title="Frieren: Beyond Journey's End",
        slug="frieren",
        title_romaji="Sousou no Frieren",
        title_japanese="葬送のフリーレン",
        aliases="Frieren at the Funeral\nFrieren the Slayer",
    )
    about = make_article(title="Season two gets a date", series=[frieren])
    make_article(title="Unrelated gardening news")
    response = search(client, query)
    assert response.context["series_results"] == [frieren]
    assert titles(response) == [about.title]


def test_people_are_found_by_name_native_name_and_alias(client, make_article):
    izubuchi = Person.objects.create(
        name="Yutaka Izubuchi",
        slug="yutaka-izubuchi",
        native_name="出渕裕",
        aliases="Izubuchi Yutaka",
    )
    interview = make_article(title="A talk about mecha design")
    interview.people.set([izubuchi])
    for query in ["Izubuchi", "出渕裕", "Izubuchi Yutaka"]:
        response = search(client, query)
        assert response.context["people_results"] == [izubuchi], query
        assert titles(response) == [interview.title], query


# Filters -----------------------------------------------------------------------


@pytest.fixture
def gondolas(make_article, make_section):
    """Four gondola articles differing in kind, section, series and date."""
    news, reviews = make_section(slug="news"), make_section(slug="reviews")
    series = factories.series(title="Aria the Animation", slug="aria")
    return {
        "news": make_article(
            title="Gondola news", section=news, publish_at=_day(2024, 1, 10)
        ),
        "review": make_article(
            title="Gondola review",
            kind=Article.Kind.REVIEW,
            section=reviews,
            series=[series],
            publish_at=_day(2024, 3, 10),
        ),
        "feature": make_article(
            title="Gondola feature",
            kind=Article.Kind.FEATURE,
            section=news,
            publish_at=_day(2024, 5, 10),
        ),
        "interview": make_article(
            title="Gondola interview",
            kind=Article.Kind.INTERVIEW,
            section=news,
            series=[series],
            publish_at=_day(2024, 7, 10),
        ),
    }


def _day(year, month, day):
    return timezone.make_aware(timezone.datetime(year, month, day, 12))


def test_filter_by_kind(client, gondolas):
    assert titles(search(client, "gondola", kind="review")) == ["Gondola review"]


def test_filter_by_section(client, gondolas):
    assert titles(search(client, "gondola", section="reviews")) == ["Gondola review"]


def test_filter_by_series(client, gondolas):
    found = titles(search(client, "gondola", series="aria"))
    assert found == ["Gondola interview", "Gondola review"]


def test_filter_by_publication_dates(client, gondolas):
    found = titles(
        search(client, "gondola", date_after="2024-02-01", date_before="2024-05-10")
    )
    assert found == ["Gondola feature", "Gondola review"]


def test_filters_combine(client, gondolas):
    found = titles(search(client, "gondola", series="aria", date_after="2024-06-01"))
    assert found == ["Gondola interview"]


def test_an_unreadable_filter_is_reported_and_left_out(client, gondolas):
    response = search(client, "gondola", kind="bogus", date_after="notadate")
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Enter a valid date" in html
    assert "Some filters could not be read" in html
    assert len(titles(response)) == 4


def test_filter_choices_offer_only_series_with_live_coverage(client, gondolas):
    factories.series(title="Never covered", slug="never-covered")
    html = search(client, "gondola").content.decode()
    assert 'value="aria"' in html
    assert 'value="never-covered"' not in html


# Pagination --------------------------------------------------------------------


def test_results_are_paginated_and_page_links_keep_query_and_filters(
    client, make_article
):
    for n in range(15):
        make_article(title=f"Gondola report {n}", kind=Article.Kind.NEWS)
    first = search(client, "gondola", kind="news")
    assert len(titles(first)) == 12
    html = first.content.decode()
    assert 'href="?q=gondola&amp;kind=news&amp;page=2"' in html
    second = search(client, "gondola", kind="news", page="2")
    assert len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))


@pytest.mark.parametrize("page", ["-1", "0", "abc", "999", "1e3"])
def test_an_odd_page_number_shows_a_real_page(client, make_article, page):
    make_article(title="Gondola report")
    assert titles(search(client, "gondola", page=page)) == ["Gondola report"]


# Snippets and safety -------------------------------------------------------------


def test_snippets_highlight_matches_in_the_body(client, make_article):
    make_article(
        title="Season preview",
        body="A long paragraph before. The gondola anime returns in spring.",
    )
    article = search(client, "gondola").context["articles"][0]
    assert "<mark>gondola</mark>" in article.snippet.lower()
    html = search(client, "gondola").content.decode()
    assert '<p class="card-snippet">' in html


def test_snippets_escape_the_article_text(client, make_article):
    make_article(
        title="Markup in a review",
        body="Writers quote code: `<img src=x onerror=alert(1)>` near the gondola.\n\n"
        "<img src=x onerror=alert(2)>",
    )
    response = search(client, "gondola")
    snippet = response.context["articles"][0].snippet
    assert "&lt;img src=x onerror=alert(1)&gt;" in snippet
    assert "<mark>gondola</mark>" in snippet.lower()
    html = response.content.decode()
    assert "onerror=alert(1)>" not in html
    assert "onerror=alert(2)" not in html


def test_the_query_is_escaped_everywhere(client, make_article):
    make_article(title="Script kiddies", body="<script>alert(1)</script> script")
    html = search(client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_spoilers_never_surface_in_search(client, make_article):
    make_article(
        title="Finale review",
        body="The gondola finale.\n\n[[spoiler]]\nThe captain was the traitor.\n"
        "[[/spoiler]]",
    )
    assert titles(search(client, "traitor")) == []
    snippet = search(client, "gondola").context["articles"][0].snippet
    assert "traitor" not in snippet


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "gondola\x00"},
        {"q": "' OR 1=1 --"},
        {"q": '"unbalanced quote -minus OR'},
        {"q": "メタリックルージュ"},
        {"q": "%_\\"},
        {"q": "x" * 5000},
        {"q": "gondola", "date_after": "notadate"},
        {"q": "gondola", "date_before": "2024-13-45"},
        {"q": "gondola", "kind": "bogus"},
        {"q": "gondola", "section": "\x00"},
        {"q": "gondola", "series": "no-such-series"},
        {"q": "gondola", "page": "-1"},
        {"q": "gondola", "page": "\x00"},
    ],
)
def test_hostile_input_never_breaks_the_page(client, make_article, params):
    make_article(title="Gondola news")
    response = client.get(reverse("newsroom:search"), params)
    # A NUL byte is refused before any view runs (RefuseNulBytesMiddleware).
    nul = any("\x00" in value for value in params.values())
    assert response.status_code == (400 if nul else 200)


def test_a_long_query_is_cut_to_the_limit_not_refused(client, make_article):
    make_article(title="Gondola news")
    response = search(client, "gondola " + "x" * 500)
    assert len(response.context["query"]) == MAX_QUERY_LENGTH
    assert response.context["query"].startswith("gondola x")


# Visibility ----------------------------------------------------------------------


def test_only_live_articles_are_ever_found(client, make_article):
    rouge = factories.series(title="Metallic Rouge")
    later = timezone.now() + timedelta(days=2)
    Status = Article.Status
    hidden = [
        {"status": Status.DRAFT, "publish_at": None},
        {"status": Status.IN_REVIEW, "publish_at": None},
        {"status": Status.APPROVED, "publish_at": None},
        {"status": Status.UNPUBLISHED, "publish_at": timezone.now()},
        {"status": Status.PUBLISHED, "publish_at": later},  # scheduled
        {"status": Status.APPROVED, "publish_at": None, "embargo_until": later},
        {"status": Status.PUBLISHED, "publish_at": later, "embargo_until": later},
    ]
    for n, fields in enumerate(hidden):
        make_article(
            title=f"Metallic Rouge secret {n}",
            body="Metallic Rouge secret body",
            series=[rouge],
            **fields,
        )
    live = make_article(title="Metallic Rouge out now", series=[rouge])
    for query in ["Metallic Rouge", "Metallic Rogue", "rouge", "secret"]:
        response = search(client, query)
        expected = [] if query == "secret" else [live.title]
        assert titles(response) == expected, query
        assert "Metallic Rouge secret" not in response.content.decode(), query


def test_a_scheduled_article_appears_once_its_time_comes(
    client, make_article, time_machine
):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    make_article(title="Gondola reveal", publish_at=now + timedelta(hours=1))
    assert titles(search(client, "gondola")) == []
    time_machine.move_to(now + timedelta(hours=1, seconds=1), tick=False)
    assert titles(search(client, "gondola")) == ["Gondola reveal"]


# Keeping the vector current (PostgreSQL) -------------------------------------------


def found(query: str) -> list[int]:
    return list(Search(query).articles().values_list("pk", flat=True))


def in_vector(article: Article, word: str) -> bool:
    query = SearchQuery(word, config="english")
    return Article.objects.filter(pk=article.pk, search_vector=query).exists()


@postgres_only
def test_saving_an_article_updates_its_search_vector(make_article):
    article = make_article(title="Gondola news", body="About boats.")
    assert found("gondola") == [article.pk]
    article.title, article.body = "Airship news", "About zeppelins."
    article.save()
    assert found("gondola") == []
    assert found("airship") == found("zeppelins") == [article.pk]


@postgres_only
def test_saving_only_the_body_updates_the_vector(make_article):
    article = make_article(body="About boats.")
    article.body = "About zeppelins."
    article.save(update_fields=["body"])
    assert found("zeppelins") == [article.pk]


@postgres_only
def test_changing_tags_series_people_and_bylines_updates_the_vector(
    make_article, make_author
):
    article = make_article(title="Plain headline")
    article.tags.set(["mecha"])
    assert in_vector(article, "mecha")
    article.tags.clear()
    assert not in_vector(article, "mecha")
    series = Series.objects.create(title="Wanderlust Chronicle", slug="wanderlust")
    article.series.add(series)
    assert in_vector(article, "wanderlust")
    series.articles.clear()
    assert not in_vector(article, "wanderlust")
    series.articles.add(article)
    assert in_vector(article, "wanderlust")
    person = Person.objects.create(name="Hana Oda", slug="hana-oda")
    article.people.add(person)
    assert in_vector(article, "oda")
    article.authors.set([make_author(name="Quillon Marsh")])
    assert in_vector(article, "quillon")


@postgres_only
def test_renaming_a_series_or_tag_updates_its_articles(make_article):
    series = Series.objects.create(title="Wanderlust Chronicle", slug="wanderlust")
    article = make_article(title="Plain headline", series=[series], tags=["mecha"])
    series.title = "Starfall Chronicle"
    series.save()
    assert in_vector(article, "starfall")
    tag = Tag.objects.get(name="mecha")
    tag.name = "robots"
    tag.save()
    assert in_vector(article, "robots")


@postgres_only
def test_the_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "newsroom_article_search_vector_gin",
        "newsroom_article_title_trgm",
        "series_series_title_trgm",
        "series_person_name_trgm",
    } <= names


@sqlite_only
def test_updating_the_vector_is_a_no_op_on_sqlite(
    make_article, django_assert_num_queries
):
    article = make_article()
    with django_assert_num_queries(0):
        update_search_vector([article.pk])


# Cost --------------------------------------------------------------------------

#: The results page's queries on a cold cache: count, page, bylines, tags, lead
#: image renditions, snippets, series, people, the two filter menus, plus the
#: site-wide ones (next scheduled article, navigation, footer pages, banner);
#: SQLite also loads the two name lists difflib compares with.
MAX_QUERIES = 14 if connection.vendor == "postgresql" else 16


def test_the_results_page_costs_the_same_with_twice_the_matches(
    client, make_article, make_image
):
    """Three matching articles, series and people, then six: every one shown
    (a page of articles, five names of each kind)."""
    image = make_image()
    found = itertools.count(1)

    def add_matches():
        for _ in range(3):
            n = next(found)
            series = factories.series(title=f"Metallic Rouge {n}")
            person = Person.objects.create(name=f"Rouge Tester {n}", slug=f"tester-{n}")
            article = make_article(
                title=f"Metallic Rouge story {n}",
                body=f"Rouge hunts android number {n}.",
                lead_image=image,
                series=[series],
                tags=["mecha", f"tag-{n}"],
            )
            article.people.add(person)

    add_matches()
    url = reverse("newsroom:search") + "?q=rouge"
    assert_flat_queries(client, url, add_matches)


def test_the_results_page_costs_a_fixed_number_of_queries(
    client, make_section, make_author, make_image, django_assert_max_num_queries
):
    section, author = make_section(slug="news"), make_author()
    rouge = factories.series(title="Metallic Rouge", misspellings="Metallic Rogue")
    Person.objects.create(name="Rouge Tester", slug="rouge-tester")
    image = make_image()
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Metallic Rouge story {n}",
            slug=f"rouge-story-{n}",
            dek="A summary.",
            body=f"Rouge hunts android number {n}.",
            body_html=f"<p>Rouge hunts android number {n}.</p>",
            search_text=f"Rouge hunts android number {n}.",
            section=section,
            lead_image=image,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=n + 1),
        )
        for n in range(10_000)
    )
    ids = list(Article.objects.values_list("pk", flat=True))
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=pk, author_id=author.pk) for pk in ids
    )
    Article.series.through.objects.bulk_create(
        Article.series.through(article_id=pk, series_id=rouge.pk) for pk in ids
    )
    tag = Tag.objects.create(name="mecha", slug="mecha")
    article_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(tag=tag, content_type=article_type, object_id=pk) for pk in ids
    )
    update_search_vector(ids)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = search(client, "Metallic Rogue")
    assert response.context["paginator"].count == 10_000
    assert len(titles(response)) == 12
    # Filter values cost a lookup each, but the site-wide lists are now cached.
    with django_assert_max_num_queries(MAX_QUERIES):
        response = search(
            client,
            "rouge android",
            kind="news",
            section="news",
            series="metallic-rouge",
            date_after=str(date.today() - timedelta(days=30)),
            date_before=str(date.today()),
            page="3",
        )
    assert len(titles(response)) == 12


def test_a_byline_or_a_tag_finds_its_articles(client, make_article, make_author):
    velde = make_author(name="Marcus Velde")
    by_him = make_article(title="Spring preview", authors=[velde])
    tagged = make_article(title="Figure news", tags=["sci-fi"])
    make_article(title="Unrelated gardening news")
    assert titles(search(client, "Marcus Velde")) == [by_him.title]
    assert titles(search(client, "velde")) == [by_him.title]
    assert titles(search(client, "sci-fi")) == [tagged.title]
