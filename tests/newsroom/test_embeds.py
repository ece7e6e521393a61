from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.body.builtin import video_source
from newsroom.articles.body.embeds import EmbedError, render_body
from newsroom.articles.rendering import refresh_embedding_articles
from series.models import Series, WatchOption

pytestmark = pytest.mark.django_db


def strict(source):
    return render_body(source, strict=True)


def test_image_embed_renders_a_responsive_figure(make_image):
    image = make_image(caption="Rouge on a rooftop", credit="Crunchyroll")
    result = strict(f"Intro\n\n[[image:{image.pk}]]\n\nOutro")
    assert result.errors == []
    html = result.html
    assert '<figure class="embed embed-image">' in html
    assert 'type="image/webp"' in html
    assert 'loading="lazy"' in html
    assert 'width="800" height="450"' in html
    assert 'alt="A red planet over a city"' in html
    assert "Image credit: Crunchyroll" in html
    assert "<p>Outro</p>" in html
    assert result.refs == {f"image:{image.pk}"}


def test_image_alt_and_caption_can_be_overridden(make_image):
    image = make_image()
    html = strict(
        f'[[image:{image.pk} alt="Naomi at a desk" caption="Episode 2"]]'
    ).html
    assert 'alt="Naomi at a desk"' in html
    assert "Episode 2" in html


def test_related_card_shows_title_and_kind(make_article):
    target = make_article(title="Rouge first look", kind="review", slug="first-look")
    for ref in ("first-look", str(target.pk)):
        html = strict(f"[[related:{ref}]]").html
        assert "Rouge first look" in html
        assert "Related · Review" in html
        assert f'href="{target.get_absolute_url()}"' in html


def test_video_is_a_link_until_the_reader_presses_play():
    html = strict(
        '[[video:https://www.youtube.com/watch?v=abcdefghijk title="Trailer"]]'
    ).html
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html
    assert 'data-player="https://www.youtube-nocookie.com/embed/abcdefghijk' in html
    assert "Play: Trailer" in html


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://youtu.be/abcdefghijk", "youtube-nocookie.com/embed/abcdefghijk"),
        ("https://m.youtube.com/watch?v=abcdefghijk&t=5", "embed/abcdefghijk"),
        ("https://www.youtube.com/shorts/abcdefghijk", "embed/abcdefghijk"),
        ("https://vimeo.com/123456", "player.vimeo.com/video/123456?dnt=1"),
    ],
)
def test_video_addresses_understood(url, player):
    assert player in video_source(url)["player_url"]


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://evil.example/watch?v=abcdefghijk",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=abc"onload',
        "https://youtube.com.evil.example/watch?v=abcdefghijk",
        "ftp://youtube.com/watch?v=abcdefghijk",
    ],
)
def test_bad_video_addresses_are_refused(url):
    with pytest.raises(EmbedError):
        video_source(url)


def test_pull_quote_and_spoiler_blocks():
    html = strict(
        '[[quote attribution="Masahiko Minami"]]\nAn original shows **the studio**.\n'
        '[[/quote]]\n\n[[spoiler title="The finale"]]\nRouge *chooses*.\n[[/spoiler]]'
    ).html
    assert '<figure class="embed pull-quote"><blockquote><p>An original shows' in html
    assert "— Masahiko Minami" in html
    assert '<details class="embed spoiler"><summary>' in html
    assert "The finale" in html
    assert "<em>chooses</em>" in html


def test_where_to_watch_box_comes_from_the_series():
    series = Series.objects.create(title="Metallic Rouge", slug="metallic-rouge")
    WatchOption.objects.create(
        series=series,
        platform="Crunchyroll",
        region="Worldwide except Asia",
        url="https://www.crunchyroll.com/",
        dubbed=True,
    )
    html = strict("[[watch:metallic-rouge]]").html
    assert "Watch on Crunchyroll" in html
    assert "subtitled and dubbed" in html


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Text\n\n[[image:999]]", "Line 3: there is no image 999"),
        ("[[image:abc]]", "Line 1: “abc” is not a image number"),
        ("a\nb\n[[related:no-such-article]]", "Line 3: there is no article"),
        ("[[watch:no-such-series]]", "Line 1: there is no series"),
        ("[[video:https://evil.example/x]]", "Line 1: only YouTube and Vimeo"),
        ("[[gallery:1]]", "Line 1: there is no “gallery” embed"),
        ("x\n[[spoiler]]\nnever closed", "Line 2: [[spoiler]] is never closed"),
        ("[[/quote]]", "Line 1: “[[/quote]]” closes nothing"),
        ("[[quote]]\n[[/quote]]", "Line 1: the [[quote]] block is empty"),
    ],
)
def test_broken_references_are_errors_naming_the_line(source, message):
    errors = strict(source).errors
    assert any(message in error for error in errors), errors


def test_unpublished_and_scheduled_targets_are_errors(make_article):
    draft = make_article(slug="draft-piece", status="draft", publish_at=None)
    later = make_article(slug="later", publish_at=timezone.now() + timedelta(days=1))
    for target in (draft, later):
        errors = strict(f"[[related:{target.slug}]]").errors
        assert errors == [
            f"Line 1: “{target.title}” is not published, so it cannot be linked yet."
        ]


def test_embed_syntax_inside_code_is_left_alone():
    result = strict("```\n[[image:999]]\n```")
    assert result.errors == []
    assert "[[image:999]]" in result.html


def test_article_with_a_broken_embed_cannot_be_saved_from_the_admin(
    editor_client, make_section, make_author
):
    from tests.newsroom.test_admin import article_form_data

    data = article_form_data(
        make_section(), make_author(), body="Fine.\n\n[[related:ghost-story]]"
    )
    response = editor_client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 200
    assert "Line 3: there is no article “ghost-story”" in response.content.decode()


def test_live_preview_endpoint_uses_the_same_renderer(editor_client, make_image):
    image = make_image()
    response = editor_client.post(
        reverse("admin:newsroom_article_render_preview"),
        {"body": f"**Hi**\n\n[[image:{image.pk}]]\n\n[[image:12345]]"},
    )
    data = response.json()
    assert "<strong>Hi</strong>" in data["html"]
    assert "embed-image" in data["html"]
    assert data["errors"] == ["Line 5: there is no image 12345 in the media library."]


def test_live_preview_needs_staff(client):
    response = client.post(
        reverse("admin:newsroom_article_render_preview"), {"body": "x"}
    )
    assert response.status_code == 302


XSS_IN_EMBEDS = [
    '[[quote attribution="<script>alert(1)</script>"]]\nx\n[[/quote]]',
    '[[spoiler title="<img src=x onerror=alert(1)>"]]\n'
    "<script>alert(2)</script>\n[[/spoiler]]",
    '[[video:https://youtu.be/abcdefghijk title="\\"><svg onload=alert(1)>"]]',
    "[[quote]]\n[link](javascript:alert(1))\n[[/quote]]",
]


@pytest.mark.parametrize("source", XSS_IN_EMBEDS)
def test_embed_attributes_and_contents_are_escaped(source):
    html = strict(source).html.lower()
    assert "<script" not in html
    assert "<img src=x" not in html
    assert "<svg" not in html
    assert 'href="javascript' not in html


def test_card_drops_out_when_its_article_is_unpublished(editor, make_article):
    target = make_article(title="Soon to vanish", slug="vanishing")
    article = make_article(body="Before\n\n[[related:vanishing]]\n\nAfter")
    assert "Soon to vanish" in article.body_html
    services.article_transition(article=target, user=editor, action="unpublish")
    article.refresh_from_db()
    assert "Soon to vanish" not in article.body_html
    assert "<p>After</p>" in article.body_html


def test_card_follows_its_article_title(editor_client, make_article):
    target = make_article(title="Old title", slug="target")
    article = make_article(body="[[related:target]]")
    target.title = "New title"
    target.save()
    refresh_embedding_articles(key=f"article:{target.pk}")
    article.refresh_from_db()
    assert "New title" in article.body_html


def test_image_with_expired_rights_stops_being_used(
    client, make_article, make_image, time_machine, run_tasks
):
    time_machine.move_to(timezone.now(), tick=False)
    expires = timezone.localdate() + timedelta(days=2)
    image = make_image(rights_expire_on=expires)
    article = run_tasks(
        lambda: make_article(body=f"Text\n\n[[image:{image.pk}]]", lead_image=image)
    )
    assert "embed-image" in client.get(article.get_absolute_url()).content.decode()
    time_machine.move_to(timezone.now() + timedelta(days=3), tick=False)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(article.get_absolute_url()).content.decode()
    assert "embed-image" not in html
    assert 'class="lead-image"' not in html
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert writes == [], "the reader's request left the stored body to the task"
    # The re-render queued for the moment the rights ran out stores the new body.
    run_tasks()
    article.refresh_from_db()
    assert "embed-image" not in article.body_html


def test_expired_image_cannot_be_placed(make_article, make_image):
    image = make_image(rights_expire_on=timezone.localdate())
    errors = strict(f"[[image:{image.pk}]]").errors
    assert "rights to image" in errors[0]
    article = make_article(lead_image=image)
    with pytest.raises(ValidationError, match="rights"):
        article.full_clean()


def test_article_page_with_ten_images_and_five_embeds_has_fixed_queries(
    client, make_article, make_image, django_assert_max_num_queries
):
    images = [make_image(title=f"Still {n}") for n in range(10)]
    series = Series.objects.create(title="Rouge", slug="rouge")
    WatchOption.objects.create(
        series=series, platform="Crunchyroll", region="All", url="https://x.example/"
    )
    other = make_article(slug="other", lead_image=images[0])
    body = "\n\n".join(f"[[image:{image.pk}]]" for image in images)
    body += (
        "\n\n[[related:other]]\n\n[[watch:rouge]]\n\n"
        "[[video:https://youtu.be/abcdefghijk]]\n\n"
        '[[quote attribution="A"]]\nQ\n[[/quote]]\n\n'
        '[[spoiler title="S"]]\nS\n[[/spoiler]]'
    )
    article = make_article(body=body, lead_image=images[1])
    assert article.body_html.count("embed-image") == 10
    assert other.title in article.body_html
    client.get("/")  # steady state: banner and footer pages are cached
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_an_embedded_image_appears_once_its_task_has_made_renditions(
    make_article, make_image, run_tasks
):
    image = make_image(process=False)
    article = make_article(body=f"Before.\n\n[[image:{image.pk}]]\n\nAfter.")
    assert "<picture" not in article.body_html
    # Not an error (the article can be saved), a note for the editor.
    rendered = render_body(article.body, strict=True)
    assert rendered.errors == []
    assert "still being prepared" in " ".join(rendered.warnings)
    run_tasks()
    article.refresh_from_db()
    assert "<picture" in article.body_html
