from datetime import timedelta

import feedparser
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, Transition

pytestmark = pytest.mark.django_db

ALL_MOVES = list(services.MOVES)


def move(article, user, action, **kwargs):
    return services.article_transition(
        article=article, user=user, action=action, **kwargs
    )


def reader_sees(client, article) -> dict:
    home = client.get("/").content.decode()
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    return {
        "page": client.get(article.get_absolute_url()).status_code == 200,
        "home": article.title in home,
        "feed": any(entry.title == article.title for entry in feed.entries),
    }


def refused(article, user, allowed):
    """Every move not in ``allowed`` is refused for this user in this state."""
    for action in ALL_MOVES:
        if action in allowed:
            continue
        before = Article.objects.get(pk=article.pk)
        with pytest.raises((PermissionDenied, ValidationError)):
            move(before, user, action, comment="x", at=timezone.now() + timedelta(1))
        after = Article.objects.get(pk=article.pk)
        assert (after.status, after.publish_at) == (before.status, before.publish_at)


def test_writer_and_editor_walk_an_article_through_the_workflow(
    client, writer, editor, make_article, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    article = make_article(
        title="Rouge dub cast", status="draft", publish_at=None, created_by=writer
    )
    # Draft: the writer may only submit; the editor may also publish at once.
    assert {m.name for m in services.available_moves(writer, article)} == {"submit"}
    refused(article, writer, {"submit"})
    refused(article, editor, {"submit", "publish"})

    article = move(article, writer, "submit")
    assert article.status == "in_review"
    refused(article, writer, {"withdraw"})

    with pytest.raises(ValidationError, match="comment is required"):
        move(article, editor, "send_back")
    article = move(article, editor, "send_back", comment="Name the dub studio.")
    assert article.status == "draft"
    assert article.transitions.first().comment == "Name the dub studio."

    article = move(article, writer, "submit", comment="Added the studio.")
    refused(article, editor, {"send_back", "approve", "schedule", "publish"})

    appears = timezone.now() + timedelta(hours=3)
    article = move(article, editor, "approve", at=appears, comment="Ship it")
    assert article.is_scheduled and article.state_label == "Scheduled"
    assert reader_sees(client, article) == {"page": False, "home": False, "feed": False}
    refused(article, writer, set())

    time_machine.move_to(appears - timedelta(seconds=1), tick=False)
    assert not reader_sees(client, article)["page"]
    time_machine.move_to(appears, tick=False)
    assert reader_sees(client, article) == {"page": True, "home": True, "feed": True}
    refused(article, writer, set())
    refused(article, editor, {"unpublish"})

    time_machine.move_to(appears + timedelta(hours=1), tick=False)
    services.article_add_correction(
        article=article, user=editor, note="The dub premieres in May, not April."
    )
    article.refresh_from_db()
    assert article.modified_at == appears + timedelta(hours=1)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "The dub premieres in May, not April." in page
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    assert feed.entries[0].updated_parsed[:5] == article.modified_at.utctimetuple()[:5]

    article = move(article, editor, "unpublish", comment="Legal asked")
    assert reader_sees(client, article) == {"page": False, "home": False, "feed": False}
    refused(article, editor, {"publish", "reopen", "submit"})
    refused(article, writer, {"reopen", "submit"})

    moves = list(
        Transition.objects.filter(article=article)
        .order_by("created_at", "pk")
        .values_list("user__username", "from_status", "to_status")
    )
    assert moves == [
        ("wr", "draft", "in_review"),
        ("ed", "in_review", "draft"),
        ("wr", "draft", "in_review"),
        ("ed", "in_review", "published"),
        ("ed", "published", "unpublished"),
    ]


def test_writer_cannot_move_someone_elses_article(writer, make_article):
    article = make_article(status="draft", publish_at=None)
    assert services.available_moves(writer, article) == []
    with pytest.raises(PermissionDenied):
        move(article, writer, "submit")


def test_schedule_needs_a_future_time(editor, make_article):
    article = make_article(status="approved", publish_at=None)
    with pytest.raises(ValidationError, match="Choose when"):
        move(article, editor, "schedule")
    with pytest.raises(ValidationError, match="in the future"):
        move(article, editor, "schedule", at=timezone.now() - timedelta(minutes=1))


def test_unknown_action_is_refused(editor, make_article):
    with pytest.raises(ValidationError, match="Unknown action"):
        move(make_article(), editor, "delete_everything")


def test_empty_article_cannot_go_out(editor, make_article):
    article = make_article(status="approved", publish_at=None, body=" ")
    with pytest.raises(ValidationError, match="body is empty"):
        move(article, editor, "publish")


def test_cancelling_a_schedule_forgets_the_time(editor, make_article):
    article = make_article(publish_at=timezone.now() + timedelta(days=1))
    article = move(article, editor, "unpublish")
    assert article.status == "unpublished" and article.publish_at is None


def test_republishing_keeps_the_original_date(editor, make_article):
    first = timezone.now() - timedelta(days=3)
    article = make_article(publish_at=first)
    article = move(article, editor, "unpublish")
    article = move(article, editor, "publish")
    assert article.publish_at == first


# Embargo -------------------------------------------------------------------


def test_embargo_blocks_publishing_and_early_schedules(editor, make_article):
    lifts = timezone.now() + timedelta(hours=6)
    article = make_article(status="approved", publish_at=None, embargo_until=lifts)
    with pytest.raises(ValidationError, match="under embargo"):
        move(article, editor, "publish")
    with pytest.raises(ValidationError, match="under embargo"):
        move(article, editor, "schedule", at=lifts - timedelta(minutes=1))
    article = move(article, editor, "schedule", at=lifts)
    assert article.publish_at == lifts


def test_embargo_is_shown_on_the_change_form(editor_client, make_article):
    article = make_article(
        status="draft", publish_at=None, embargo_until=timezone.now() + timedelta(1)
    )
    html = editor_client.get(
        reverse("admin:newsroom_article_change", args=[article.pk])
    ).content.decode()
    assert "Embargoed until" in html


def test_published_time_before_embargo_is_a_form_error(editor_client, make_article):
    from tests.newsroom.test_admin import article_form_data

    article = make_article()
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    later = timezone.localtime() + timedelta(days=2)
    data = article_form_data(
        article.section,
        article.authors.get(),
        slug=article.slug,
        base_version=article.version,
        publish_at_0=timezone.localtime(article.publish_at).strftime("%Y-%m-%d"),
        publish_at_1=timezone.localtime(article.publish_at).strftime("%H:%M:%S"),
        embargo_until_0=later.strftime("%Y-%m-%d"),
        embargo_until_1="12:00:00",
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "before the embargo ends" in response.content.decode()
    article.refresh_from_db()
    assert article.embargo_until is None


# Caches never hide a scheduled article ------------------------------------


def test_page_cache_lifetime_stops_at_the_next_scheduled_publication(
    client, editor, make_article, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    make_article()
    assert "max-age=600" in client.get("/")["Cache-Control"]
    article = make_article(status="approved", publish_at=None)
    move(article, editor, "schedule", at=timezone.now() + timedelta(seconds=90))
    max_age = int(client.get("/")["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert 80 <= max_age <= 90
