import functools
import itertools
import json
import re
from datetime import timedelta
from decimal import Decimal

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from reviews.models import Review
from series.models import Series, SeriesStudio, Studio
from tests import factories
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def rouge(db):
    return Series.objects.create(title="Metallic Rouge", slug="rouge", episode_count=13)


@pytest.fixture
def make_review(rouge):
    """A review (of a new review article unless given) of ``rouge`` unless
    told otherwise."""
    return functools.partial(factories.review, series=rouge)


def jsonld_of(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


def review_data(html):
    """The page's one review object (the breadcrumb trail is beside it)."""
    (data,) = [d for d in jsonld_of(html) if d["@type"] == "ReviewNewsArticle"]
    return data


# Scores -------------------------------------------------------------------


@pytest.mark.parametrize("score", ["8.3", "10.5", "-1", "11"])
def test_scores_off_the_scale_are_refused(make_review, score):
    review = Review(article=make_review().article, score=Decimal(score))
    with pytest.raises(ValidationError):
        review.full_clean()


def test_score_outside_the_scale_is_refused_by_the_database(make_review):
    review = make_review()
    review.score = Decimal("12")
    with pytest.raises(IntegrityError):
        review.save()


@pytest.mark.parametrize(
    ("score", "stars", "label"),
    [
        ("8", ["full"] * 4 + ["empty"], "8/10"),
        ("7.5", ["full"] * 3 + ["half", "empty"], "7.5/10"),
        ("10", ["full"] * 5, "10/10"),
        ("0", ["empty"] * 5, "0/10"),
        ("0.5", ["empty"] * 5, "0.5/10"),
        ("1", ["half"] + ["empty"] * 4, "1/10"),
    ],
)
def test_score_shown_as_number_and_stars(make_review, score, stars, label):
    review = make_review(score)
    assert review.stars == stars
    assert review.score_label == label


def test_review_page_shows_the_score_box_with_text_for_the_stars(client, demo):
    html = client.get("/articles/metallic-rouge-review/").content.decode()
    assert '<span class="score-value">8/10</span>' in html
    assert 'role="img" aria-label="8 out of 10"' in html
    assert html.count("star-full") == 4
    assert "A stylish, sincere story whose reach exceeds its grasp." in html
    assert "A repetitive middle stretch" in html
    assert "Watch on Crunchyroll" in html


# Structured data ------------------------------------------------------------


def test_review_jsonld_field_by_field(client, demo):
    html = client.get("/articles/metallic-rouge-review/").content.decode()
    data = review_data(html)
    assert data["@context"] == "https://schema.org"
    assert data["headline"].startswith("Metallic Rouge review")
    assert data["itemReviewed"] == {
        "@type": "TVSeries",
        "name": "Metallic Rouge",
        "url": "http://127.0.0.1:8000/series/metallic-rouge/",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": "8",
        "bestRating": "10",
        "worstRating": "0",
    }
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Marcus Velde",
            "url": "http://127.0.0.1:8000/author/marcus-velde/",
        }
    ]
    assert data["datePublished"].startswith("2024-04-10T14:00:00")
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["name"] == "Shimbun"
    assert data["url"] == "http://127.0.0.1:8000/articles/metallic-rouge-review/"


def test_episode_review_is_about_a_tv_episode(client, demo):
    html = client.get("/articles/metallic-rouge-episode-1-review/").content.decode()
    data = review_data(html)
    item = data["itemReviewed"]
    assert item["@type"] == "TVEpisode"
    assert item["episodeNumber"] == 1
    assert item["partOfSeries"]["name"] == "Metallic Rouge"
    assert data["reviewRating"]["ratingValue"] == "7"


def test_jsonld_cannot_be_broken_out_of(client, make_review):
    review = make_review(verdict="</script><script>alert(1)</script>")
    html = client.get(review.article.get_absolute_url()).content.decode()
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    assert scripts and all("<" not in script for script in scripts)
    assert review_data(html)["reviewBody"] == "</script><script>alert(1)</script>"


# Publishing rule ------------------------------------------------------------


def test_incomplete_review_cannot_be_published(editor, make_article, rouge):
    article = make_article(kind="review", status="approved", publish_at=None)
    with pytest.raises(ValidationError, match="needs its score box"):
        services.article_transition(article=article, user=editor, action="publish")
    review = Review.objects.create(article=article)
    with pytest.raises(ValidationError) as error:
        services.article_transition(article=article, user=editor, action="publish")
    text = " ".join(error.value.messages)
    assert "no score (reviewRating)" in text
    assert "what was reviewed (itemReviewed)" in text
    review.score, review.series = Decimal("8"), rouge
    review.save()
    article = services.article_transition(
        article=article, user=editor, action="publish"
    )
    assert article.is_live


def test_admin_tells_the_editor_what_is_missing(editor_client, make_article):
    article = make_article(kind="review", status="approved", publish_at=None)
    response = editor_client.post(
        reverse("admin:newsroom_article_move", args=[article.pk]),
        {"_move": "publish"},
        follow=True,
    )
    assert "needs its score box" in response.content.decode()


def test_score_box_only_on_review_forms(editor_client, make_article, make_review):
    news = make_article(kind="news")
    review = make_review()
    news_form = editor_client.get(
        reverse("admin:newsroom_article_change", args=[news.pk])
    )
    review_form = editor_client.get(
        reverse("admin:newsroom_article_change", args=[review.article.pk])
    )
    assert 'id="review-group"' not in news_form.content.decode()
    assert 'id="review-group"' in review_form.content.decode()


# What was reviewed must fit the type and the series ----------------------------


@pytest.mark.parametrize(
    "fields, field, words",
    [
        ({"review_type": "final", "episode_from": 13}, "episode_from", "full-series"),
        ({"review_type": "final", "season_number": 1}, "season_number", "whole"),
        ({"review_type": "episode"}, "episode_from", "needs the episode"),
        ({"review_type": "season"}, "season_number", "needs the season"),
        ({"review_type": "season", "season_number": 3}, "season_number", "one season"),
    ],
)
def test_what_was_reviewed_must_fit_the_type(make_review, fields, field, words):
    review = make_review()
    for name, value in fields.items():
        setattr(review, name, value)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert words in " ".join(error.value.message_dict[field])


@pytest.mark.parametrize(
    "fields",
    [
        {"review_type": "final"},
        {"review_type": "episode", "episode_from": 13},
        {"review_type": "first", "episode_from": 1, "episode_to": 4},
        {"review_type": "season", "season_number": 1},
    ],
)
def test_reviews_that_fit_their_type_are_accepted(make_review, fields):
    review = make_review()
    for name, value in fields.items():
        setattr(review, name, value)
    review.full_clean()


def test_a_writer_fills_the_score_box_of_their_own_review(
    client, writer, make_section, make_author, rouge
):
    """Writers had no permission on the score box, so a critic could not
    score their own review."""
    own = make_author(name="Critic", user=writer)
    client.force_login(writer)
    form = client.get(reverse("admin:newsroom_article_add")).content.decode()
    assert 'name="review-0-score"' in form
    data = {
        "title": "Metallic Rouge, episode 1",
        "slug": "",
        "dek": "A gorgeous opener.",
        "body": "It looks **great**.",
        "kind": "review",
        "section": make_section().pk,
        "authors": [own.pk],
        "publish_at_0": "",
        "publish_at_1": "",
        "embargo_until_0": "",
        "embargo_until_1": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "review-TOTAL_FORMS": "1",
        "review-INITIAL_FORMS": "0",
        "review-0-review_type": "episode",
        "review-0-score": "7.5",
        "review-0-verdict": "Confident and confusing.",
        "review-0-pros": "Fluid action",
        "review-0-cons": "Jargon",
        "review-0-series": rouge.pk,
        "review-0-episode_from": "1",
        "review-0-reviewed_from": "Screener from the distributor",
        "_save": "Save",
    }
    response = client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    review = Review.objects.get(article__slug="metallic-rouge-episode-1")
    assert review.score == Decimal("7.5")
    assert review.reviewed_from == "Screener from the distributor"


# Series aggregate -------------------------------------------------------------


def test_series_average_counts_live_reviews_only(client, demo, make_article):
    rouge = Series.objects.get(slug="metallic-rouge")
    draft = make_article(kind="review", status="draft", publish_at=None)
    Review.objects.create(article=draft, score=Decimal("1"), series=rouge)
    later = make_article(kind="review", publish_at=timezone.now() + timedelta(days=1))
    Review.objects.create(article=later, score=Decimal("2"), series=rouge)
    response = client.get("/series/metallic-rouge/")
    assert response.context["review_count"] == 3
    assert response.context["review_average"] == 7.5
    html = response.content.decode()
    assert "Average score <strong>7.5/10</strong> from 3 reviews." in html
    # The episode-1 review sits beside episode 1.
    assert list(response.context["episode_reviews"]) == [1]


def test_series_without_reviews_shows_no_average(client, rouge):
    response = client.get(rouge.get_absolute_url())
    assert response.context["review_count"] == 0
    assert "Average score" not in response.content.decode()


# Index and filters ------------------------------------------------------------


def titles(client, **params):
    response = client.get("/reviews/", params)
    assert response.status_code == 200
    return [review.article.title for review in response.context["reviews"]]


def test_reviews_index_filters_and_sorts(client, make_review, make_article):
    bones = Studio.objects.create(name="Bones", slug="bones")
    winter = Series.objects.create(
        title="Winter show", slug="winter-show", premiere_date="2024-01-10"
    )
    winter.tags.add("mecha")
    SeriesStudio.objects.create(series=winter, studio=bones)
    spring = Series.objects.create(
        title="Spring show", slug="spring-show", premiere_date="2024-04-10"
    )
    make_review(
        "9",
        article=make_article(title="High", kind="review"),
        series=winter,
        review_type="final",
    )
    make_review(
        "5",
        article=make_article(title="Low", kind="review"),
        series=spring,
        review_type="first",
    )
    make_review(
        "7",
        article=make_article(title="Mid", kind="review"),
        series=winter,
        review_type="episode",
        episode_from=1,
    )
    assert titles(client) == ["High", "Low", "Mid"]  # newest first
    assert titles(client, order="score") == ["High", "Mid", "Low"]
    assert titles(client, score_min="6", score_max="8") == ["Mid"]
    assert titles(client, review_type="first") == ["Low"]
    assert titles(client, season="winter", year="2024") == ["High", "Mid"]
    assert titles(client, studio="bones", score_min="8") == ["High"]
    assert titles(client, tag="mecha") == ["High", "Mid"]


@pytest.mark.parametrize(
    "query",
    [{"score_min": "abc"}, {"score_max": "99"}, {"review_type": "x"}, {"page": "-3"}],
)
def test_bad_review_filters_never_fail(client, make_review, query):
    make_review()
    assert client.get("/reviews/", query).status_code == 200


def test_reviews_index_never_shows_drafts(client, make_review, make_article):
    make_review(
        article=make_article(
            title="Draft review", kind="review", status="draft", publish_at=None
        )
    )
    make_review(article=make_article(title="Live review", kind="review"))
    assert titles(client) == ["Live review"]


def test_reviews_index_and_page_have_fixed_queries(
    client,
    make_review,
    make_article,
    make_section,
    make_author,
    django_assert_max_num_queries,
):
    section, author = make_section(), make_author()
    reviews = [
        make_review(
            article=make_article(kind="review", section=section, authors=[author])
        )
        for _ in range(40)
    ]
    with django_assert_max_num_queries(12):
        assert client.get("/reviews/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reviews[0].article.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "path", ["/reviews/", "/reviews/feed/rss/", "/reviews/feed/atom/"]
)
def test_review_lists_cost_the_same_with_twice_the_reviews(
    client, make_review, make_article, make_image, path
):
    """Four reviews, then eight, each of its own series with its own section,
    author and the lead picture's renditions."""
    image = make_image()
    shows = itertools.count(1)

    def add_reviews():
        for _ in range(4):
            n = next(shows)
            series = Series.objects.create(title=f"Show {n}", slug=f"show-{n}")
            article = make_article(kind="review", lead_image=image, series=[series])
            make_review(article=article, series=series)

    add_reviews()
    assert_flat_queries(client, path, add_reviews)


# Feeds -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/reviews/feed/rss/", "/reviews/feed/atom/"])
def test_review_feed_carries_the_score(client, demo, url):
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo
    scores = [entry.title.rsplit(" ", 1)[1] for entry in feed.entries]
    assert scores == ["(8/10)", "(7.5/10)", "(7/10)"]
    assert feed.entries[0].title.startswith("Metallic Rouge review: Bones'")
    assert feed.entries[0].summary.startswith("Score: 8/10.")


def test_reviews_also_appear_in_the_main_feed(client, demo):
    feed = feedparser.parse(client.get("/feeds/rss/").content)
    assert any("Metallic Rouge review" in entry.title for entry in feed.entries)


def test_main_feed_items_of_reviews_carry_the_score(client, demo):
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    review = next(
        e for e in feed.entries if e.title.startswith("Metallic Rouge review")
    )
    assert review.summary.startswith("Score: 8/10.")
    news = next(e for e in feed.entries if e.title.startswith("Bones sets"))
    assert not news.summary.startswith("Score")


def test_score_box_links_to_the_review_policy_once_it_exists(client, make_review):
    from newsroom.kernel.sitewide.models import Page

    review = make_review()
    url = review.article.get_absolute_url()
    assert "How we score" not in client.get(url).content.decode()
    Page.objects.create(title="Review policy", slug="review-policy", body="Scores.")
    assert (
        '<a href="/about/review-policy/">How we score</a>'
        in client.get(url).content.decode()
    )
